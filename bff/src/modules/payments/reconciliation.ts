import type { Logger } from 'pino';
import type { LeaderJob } from '../../cluster/leader';
import type { Db } from '../../db';
import type { PaymentReconciliationTable } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import { chinaCalendar } from '../../time/chinaTime';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';

/** How one slip disagrees. */
export type DifferenceKind =
  /** We hold it paid; the finance bureau has no payment for it that day. */
  | 'MISSING_AT_FINANCE'
  /** The finance bureau has a payment we do not hold as paid. */
  | 'MISSING_HERE'
  | 'AMOUNT'
  /** Refunded on one side only. */
  | 'STATUS'
  /** Paid by another platform transaction. */
  | 'TRANSACTION';

export interface ReconciliationDifference {
  kind: DifferenceKind;
  slipNo: string;
  /** Our payment's id, when we have it. */
  paymentId: string | null;
  ourAmountFen: number | null;
  theirAmountFen: number | null;
  ourStatus: string | null;
  theirStatus: string | null;
}

export interface ReconciliationReport {
  day: string;
  ours: number;
  theirs: number;
  differences: ReconciliationDifference[];
  runAt: string;
}

/** The finance bureau's line for one paid slip. */
interface FinanceItem {
  slipNo: string;
  reference: string;
  amountFen: number;
  status: string;
  channel: string;
  transactionId: string;
  paidAt: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const REFUNDED_HERE = ['REFUNDING', 'REFUNDED'];
const PAID_HERE = ['PAID', 'SETTLED', ...REFUNDED_HERE];

/** The UTC instants a China day (UTC+8, no daylight saving) runs between. */
function chinaDayBounds(day: string): { from: string; to: string } {
  const start = Date.parse(`${day}T00:00:00+08:00`);
  return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
}

/**
 * The daily reconciliation of our payments with the finance bureau's (a leader job, like
 * the licence-expiry sweep): from `atHour` China time it compares yesterday's payments,
 * slip by slip, with the bureau's list for that day, and keeps the report (one per day; a
 * second run replaces it) for operators in the console. Differences are counted in the
 * log (no slip numbers, no amounts: those are for the console).
 */
export class PaymentReconciliation implements LeaderJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastDay: string | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      upstream: UpstreamClient;
      logger: Logger;
      now: () => Date;
      checkEveryMs: number;
      atHour: number;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runDue(), this.deps.checkEveryMs);
    this.timer.unref();
    void this.runDue();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Reconciles yesterday (China time) if it is past `atHour` and not done here yet. A failure is tried again at the next check. */
  runDue(): Promise<void> {
    const now = this.deps.now();
    const { hour } = chinaCalendar(now);
    const yesterday = chinaCalendar(new Date(now.getTime() - 86_400_000)).day;
    if (this.running || this.lastDay === yesterday || Number(hour.slice(11, 13)) < this.deps.atHour)
      return this.running ?? Promise.resolve();
    this.running = this.run(yesterday, null)
      .then((report) => {
        this.lastDay = yesterday;
        this.deps.logger.info(
          { day: report.day, ours: report.ours, theirs: report.theirs, differences: report.differences.length },
          'payment reconciliation done',
        );
      })
      .catch((error) =>
        this.deps.logger.warn({ err: error }, 'payment reconciliation failed; tried again at the next check'),
      )
      .finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Compares one China day and stores the report. `deadline`: the console request's, when
   * an operator runs it again; null for the daily job.
   * @throws BAD_USER_INPUT for a malformed day, AGENCY_UNAVAILABLE when the finance bureau does not answer (nothing stored).
   */
  async run(day: string, deadline: Deadline | null): Promise<ReconciliationReport> {
    if (!DAY.test(day)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'day' });
    const { from, to } = chinaDayBounds(day);
    const { status, body } = await this.deps.upstream.request<{ items?: FinanceItem[] }>('finance', {
      path: '/v1/reconciliation',
      query: { date: day },
      deadline,
    });
    if (status !== 200 || !Array.isArray(body?.items))
      throw new AppError('AGENCY_UNAVAILABLE', `finance answered ${status} to reconciliation`, { agency: 'finance' });
    const ours = await this.deps.db
      .selectFrom('payments')
      .select(['id', 'slip_no', 'amount_fen', 'status', 'transaction_id'])
      .where('paid_at', '>=', from)
      .where('paid_at', '<', to)
      .where('slip_no', 'is not', null)
      // A utility bill's slip number is the company's bill number: the company, not the finance bureau, holds it.
      .where('subject_kind', '!=', 'UTILITY_BILL')
      .execute();
    const theirs = new Map(body.items.map((item) => [item.slipNo, item]));
    const differences: ReconciliationDifference[] = [];
    const seen = new Set<string>();
    for (const payment of ours) {
      const slipNo = payment.slip_no!;
      seen.add(slipNo);
      const item = theirs.get(slipNo);
      const line = {
        slipNo,
        paymentId: payment.id,
        ourAmountFen: payment.amount_fen,
        theirAmountFen: item?.amountFen ?? null,
        ourStatus: payment.status,
        theirStatus: item?.status ?? null,
      };
      if (!PAID_HERE.includes(payment.status)) {
        if (item) differences.push({ kind: 'MISSING_HERE', ...line });
        continue;
      }
      if (!item) differences.push({ kind: 'MISSING_AT_FINANCE', ...line });
      else if (item.amountFen !== payment.amount_fen) differences.push({ kind: 'AMOUNT', ...line });
      else if ((item.status === 'REFUNDED') !== REFUNDED_HERE.includes(payment.status))
        differences.push({ kind: 'STATUS', ...line });
      else if (payment.transaction_id && item.transactionId !== payment.transaction_id)
        differences.push({ kind: 'TRANSACTION', ...line });
    }
    // Paid at the bureau that day with no payment of ours paid that day.
    for (const item of body.items) {
      if (seen.has(item.slipNo)) continue;
      const mine = await this.deps.db
        .selectFrom('payments')
        .select(['id', 'amount_fen', 'status'])
        .where('slip_no', '=', item.slipNo)
        .executeTakeFirst();
      differences.push({
        kind: 'MISSING_HERE',
        slipNo: item.slipNo,
        paymentId: mine?.id ?? null,
        ourAmountFen: mine?.amount_fen ?? null,
        theirAmountFen: item.amountFen,
        ourStatus: mine?.status ?? null,
        theirStatus: item.status,
      });
    }
    const report: ReconciliationReport = {
      day,
      ours: ours.filter((p) => PAID_HERE.includes(p.status)).length,
      theirs: body.items.length,
      differences,
      runAt: this.deps.now().toISOString(),
    };
    const row: PaymentReconciliationTable = {
      day,
      ours: report.ours,
      theirs: report.theirs,
      differences: JSON.stringify(differences),
      difference_count: differences.length,
      run_at: report.runAt,
    };
    await this.deps.db
      .insertInto('payment_reconciliations')
      .values(row)
      .onConflict((oc) =>
        oc.column('day').doUpdateSet({
          ours: row.ours,
          theirs: row.theirs,
          differences: row.differences,
          difference_count: row.difference_count,
          run_at: row.run_at,
        }),
      )
      .execute();
    return report;
  }

  /** The stored reports, newest day first (at most `first`, 1-60). */
  async reports(first: number): Promise<ReconciliationReport[]> {
    if (!Number.isInteger(first) || first < 1 || first > 60)
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'first' });
    const rows = await this.deps.db
      .selectFrom('payment_reconciliations')
      .selectAll()
      .orderBy('day', 'desc')
      .limit(first)
      .execute();
    return rows.map((r) => ({
      day: r.day,
      ours: r.ours,
      theirs: r.theirs,
      differences: JSON.parse(r.differences) as ReconciliationDifference[],
      runAt: r.run_at,
    }));
  }
}
