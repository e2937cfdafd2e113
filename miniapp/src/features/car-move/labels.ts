import type { CarMoveReason, CarMoveStatus } from '@citizen/shared';

export const REASON_LABELS: Record<CarMoveReason, string> = {
  BLOCKING_EXIT: '挡住出口',
  BLOCKING_GARAGE: '挡住车库/车位',
  BLOCKING_FIRE_LANE: '占用消防通道',
  DOUBLE_PARKED: '并排停车',
  OTHER: '其他原因',
};

export const STATUS_LABELS: Record<CarMoveStatus, string> = {
  SUBMITTED: '已提交，正在通知车主',
  NOTIFIED: '已短信通知车主',
  ACKNOWLEDGED: '车主已回复：马上来',
  MOVED: '车主已挪车',
  EXPIRED: '已超时结束',
  CANCELLED: '已取消',
};

export const OPEN_STATUSES: CarMoveStatus[] = ['SUBMITTED', 'NOTIFIED', 'ACKNOWLEDGED'];

/** HH:mm in China time, for timelines. */
export function clock(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
}
