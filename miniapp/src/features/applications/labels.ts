import type { ApplicationStatus } from '@citizen/shared';
import { t } from '../../preferences';
import { formatDate, formatDateTime } from '../../preferences/format';

/** What each stage of an application is called (the same words as the BFF's messages). */
export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  SUBMITTED: '已提交',
  ACCEPTED: '已受理',
  IN_REVIEW: '审核中',
  MORE_INFO_REQUESTED: '需补充材料',
  APPROVED: '审批通过',
  REJECTED: '未通过',
  COMPLETED: '已办结',
  AWAITING_PAYMENT: '待缴费',
  EXPIRED: '已失效',
  WITHDRAWN: '已撤回',
};

export const STATUS_LABELS_EN: Record<ApplicationStatus, string> = {
  SUBMITTED: 'Submitted',
  ACCEPTED: 'Accepted',
  IN_REVIEW: 'In review',
  MORE_INFO_REQUESTED: 'More information needed',
  APPROVED: 'Approved',
  REJECTED: 'Not approved',
  COMPLETED: 'Completed',
  AWAITING_PAYMENT: 'Waiting for payment',
  EXPIRED: 'Lapsed (not paid in time)',
  WITHDRAWN: 'Withdrawn',
};

/** A status in the citizen's language. */
export function statusLabel(status: ApplicationStatus): string {
  return t(STATUS_LABELS[status], STATUS_LABELS_EN[status]);
}

/** The badge's colour family; the words above always say the same thing (colour is never the only cue). */
export const STATUS_TONES: Record<ApplicationStatus, 'progress' | 'action' | 'done' | 'failed'> = {
  SUBMITTED: 'progress',
  ACCEPTED: 'progress',
  IN_REVIEW: 'progress',
  MORE_INFO_REQUESTED: 'action',
  APPROVED: 'done',
  REJECTED: 'failed',
  COMPLETED: 'done',
  AWAITING_PAYMENT: 'action',
  EXPIRED: 'failed',
  WITHDRAWN: 'failed',
};

/** Nothing moves after these, so nothing needs to be polled. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['REJECTED', 'COMPLETED', 'EXPIRED', 'WITHDRAWN'];

/** Who holds a prefilled value, as a citizen would name them. */
const SOURCE_NAMES: Record<string, string> = {
  population: '公安户籍',
  'social-insurance': '社保',
  'provident-fund': '公积金中心',
  licences: '电子证照库',
  account: '您绑定的手机号',
  'real-estate': '不动产登记中心',
  housing: '住房租赁登记备案',
  tax: '税务局',
  'civil-affairs': '民政婚姻登记',
  education: '学历学位记录',
  'exit-entry': '出入境管理部门',
  household: '公安户籍（户口簿）',
};
const SOURCE_NAMES_EN: Record<string, string> = {
  population: 'the population register',
  'social-insurance': 'social insurance',
  'provident-fund': 'the provident fund centre',
  licences: 'the e-licence library',
  account: 'your phone number on file',
  'real-estate': 'the real estate registry',
  housing: 'the lease registry',
  tax: 'the tax bureau',
  'civil-affairs': 'the marriage registry',
  education: 'the degree records',
  'exit-entry': 'the exit-entry administration',
  household: 'your household register',
};

export function sourceName(source: string): string {
  return t(SOURCE_NAMES[source] ?? '相关部门', SOURCE_NAMES_EN[source] ?? 'the department');
}

/** The words beside a locked, prefilled field (drawn with a lock by LockNote). */
export function lockedNote(source: string): string {
  if (source === 'account') return t('来自您绑定的手机号', 'From your phone number on file');
  return t(`由${sourceName(source)}提供`, `From ${sourceName(source)}`);
}

/** Date and time in China time, whatever the phone's time zone: 2026-11-21 10:30, or 21 Nov 2026, 10:30 in English. */
export function chinaDateTime(iso: string): string {
  return formatDateTime(iso);
}

/** The day in China time: 2026-11-21, or 21 Nov 2026 in English. */
export function chinaDate(iso: string): string {
  return formatDate(iso);
}

/** 5 MB, 800 KB: sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
