import type { CarMoveReason, CarMoveStatus } from '@citizen/shared';
import { t } from '../../preferences';

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

export const REASON_LABELS_EN: Record<CarMoveReason, string> = {
  BLOCKING_EXIT: 'Blocking an exit',
  BLOCKING_GARAGE: 'Blocking a garage or space',
  BLOCKING_FIRE_LANE: 'In a fire lane',
  DOUBLE_PARKED: 'Double-parked',
  OTHER: 'Another reason',
};

export const STATUS_LABELS_EN: Record<CarMoveStatus, string> = {
  SUBMITTED: 'Sent; telling the owner',
  NOTIFIED: 'Owner told by SMS',
  ACKNOWLEDGED: 'Owner replied: on the way',
  MOVED: 'Owner moved the car',
  EXPIRED: 'Timed out',
  CANCELLED: 'Cancelled',
};

/** A reason and a status in the citizen's language. */
export const reasonLabel = (reason: CarMoveReason): string => t(REASON_LABELS[reason], REASON_LABELS_EN[reason]);
export const statusLabel = (status: CarMoveStatus): string => t(STATUS_LABELS[status], STATUS_LABELS_EN[status]);

export const OPEN_STATUSES: CarMoveStatus[] = ['SUBMITTED', 'NOTIFIED', 'ACKNOWLEDGED'];

/** HH:mm in China time, for timelines. */
export function clock(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
}
