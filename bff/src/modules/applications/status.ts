/** The stages of an application, as the app shows them and as departments report them. */
export const STATUSES = [
  'SUBMITTED',
  'ACCEPTED',
  'IN_REVIEW',
  'MORE_INFO_REQUESTED',
  'APPROVED',
  'REJECTED',
  'COMPLETED',
  'AWAITING_PAYMENT',
  'EXPIRED',
  'WITHDRAWN',
] as const;
export type ApplicationStatus = (typeof STATUSES)[number];
export const isStatus = (value: unknown): value is ApplicationStatus =>
  typeof value === 'string' && (STATUSES as readonly string[]).includes(value);

/** How far along a department is; REJECTED and MORE_INFO_REQUESTED are handled apart. */
// AWAITING_PAYMENT and EXPIRED are the application's alone (before any hand-off), never a department's.
const PROGRESS: Record<ApplicationStatus, number> = {
  SUBMITTED: 0,
  ACCEPTED: 1,
  IN_REVIEW: 2,
  MORE_INFO_REQUESTED: 2,
  APPROVED: 3,
  COMPLETED: 4,
  REJECTED: 4,
  AWAITING_PAYMENT: 0,
  EXPIRED: 4,
  WITHDRAWN: 4,
};

// WITHDRAWN: the citizen took it back before a decision (applications/withdraw.ts); a department's part too.
export const isFinal = (status: string) =>
  status === 'REJECTED' || status === 'COMPLETED' || status === 'EXPIRED' || status === 'WITHDRAWN';

/**
 * The state of the whole application from its departments' states. One rejection
 * rejects it; one request for more information waits on the citizen; otherwise it
 * is as far as its slowest department, and "in review" once any has gone further
 * than accepting it.
 */
export function overallStatus(all: readonly ApplicationStatus[]): ApplicationStatus {
  // A part withdrawn while another department had decided first takes no part in the whole.
  const departments = all.filter((s) => s !== 'WITHDRAWN');
  if (departments.length === 0) return 'WITHDRAWN';
  if (departments.includes('REJECTED')) return 'REJECTED';
  if (departments.includes('MORE_INFO_REQUESTED')) return 'MORE_INFO_REQUESTED';
  const slowest = Math.min(...departments.map((s) => PROGRESS[s]));
  const fastest = Math.max(...departments.map((s) => PROGRESS[s]));
  if (slowest === 4) return 'COMPLETED';
  if (slowest === 3) return 'APPROVED';
  if (slowest === 2 || fastest >= 2) return 'IN_REVIEW';
  return slowest === 1 ? 'ACCEPTED' : 'SUBMITTED';
}

/** The words of the Messages tab for each stage. */
export const STATUS_WORDS: Record<ApplicationStatus, { zh: string; en: string }> = {
  SUBMITTED: { zh: '已提交', en: 'submitted' },
  ACCEPTED: { zh: '已受理', en: 'accepted' },
  IN_REVIEW: { zh: '审核中', en: 'in review' },
  MORE_INFO_REQUESTED: { zh: '需补充材料', en: 'more information needed' },
  APPROVED: { zh: '审批通过', en: 'approved' },
  REJECTED: { zh: '未通过', en: 'not approved' },
  COMPLETED: { zh: '已办结', en: 'completed' },
  AWAITING_PAYMENT: { zh: '待缴费', en: 'awaiting payment' },
  EXPIRED: { zh: '未缴费已失效', en: 'expired unpaid' },
  WITHDRAWN: { zh: '已撤回', en: 'withdrawn' },
};
