import type { ApplicationStatus } from '@citizen/shared';

/** What each stage of an application is called (the same words as the BFF's messages). */
export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  SUBMITTED: '已提交',
  ACCEPTED: '已受理',
  IN_REVIEW: '审核中',
  MORE_INFO_REQUESTED: '需补充材料',
  APPROVED: '审批通过',
  REJECTED: '未通过',
  COMPLETED: '已办结',
};

/** The badge's colour family; the words above always say the same thing (colour is never the only cue). */
export const STATUS_TONES: Record<ApplicationStatus, 'progress' | 'action' | 'done' | 'failed'> = {
  SUBMITTED: 'progress',
  ACCEPTED: 'progress',
  IN_REVIEW: 'progress',
  MORE_INFO_REQUESTED: 'action',
  APPROVED: 'done',
  REJECTED: 'failed',
  COMPLETED: 'done',
};

/** Nothing moves after these, so nothing needs to be polled. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['REJECTED', 'COMPLETED'];

/** Who holds a prefilled value, as a citizen would name them. */
const SOURCE_NAMES: Record<string, string> = {
  population: '公安户籍',
  'social-insurance': '社保',
  'provident-fund': '公积金中心',
  licences: '电子证照库',
  account: '您绑定的手机号',
};

export function sourceName(source: string): string {
  return SOURCE_NAMES[source] ?? '相关部门';
}

/** The mark beside a locked, prefilled field. */
export function lockedNote(source: string): string {
  return source === 'account' ? '🔒 来自您绑定的手机号' : `🔒 由${sourceName(source)}提供`;
}

/** YYYY-MM-DD HH:mm in China time, whatever the phone's time zone. */
export function chinaDateTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

export function chinaDate(iso: string): string {
  return chinaDateTime(iso).slice(0, 10);
}

/** 5 MB, 800 KB: sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
