import {
  PLATE_COLOUR_ZH,
  PLATE_TYPES,
  type CarMoveReason,
  type CarMoveReportStatus,
  type CarMoveStatus,
  type PlateTypeName,
} from '@citizen/shared';
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
  REMINDED: '已再次提醒车主',
  VOICE_CALLED: '已通过隐私号语音呼叫车主',
  HOTLINE: '已转交122交警处理',
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
  REMINDED: 'Owner reminded',
  VOICE_CALLED: 'Owner rung through a relay number',
  HOTLINE: 'Handed to the 122 traffic police',
};

/** A reason and a status in the citizen's language. */
export const reasonLabel = (reason: CarMoveReason): string => t(REASON_LABELS[reason], REASON_LABELS_EN[reason]);
export const statusLabel = (status: CarMoveStatus): string => t(STATUS_LABELS[status], STATUS_LABELS_EN[status]);

/** Where an owner's report stands, as both sides see it. */
export const REPORT_LABELS: Record<CarMoveReportStatus, [string, string]> = {
  PENDING: ['举报待审核', 'Report awaiting review'],
  CONFIRMED: ['举报已核实', 'Report upheld'],
  DISMISSED: ['举报未成立', 'Report dismissed'],
};
export const reportLabel = (report: CarMoveReportStatus): string => t(...REPORT_LABELS[report]);

export const OPEN_STATUSES: CarMoveStatus[] = ['SUBMITTED', 'NOTIFIED', 'ACKNOWLEDGED'];

/** HH:mm in China time, for timelines. */
export function clock(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
}

/** 号牌种类 as the requester picks it: the type and the colour of the plate, e.g. 小型汽车（蓝牌）. */
export const plateTypeLabel = (type: PlateTypeName) =>
  t(`${PLATE_TYPES[type].zh}（${PLATE_COLOUR_ZH[PLATE_TYPES[type].colour]}）`, PLATE_TYPES[type].en);
