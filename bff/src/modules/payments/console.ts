import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db';
import type { Database, PaymentTable, RefundRequestTable } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import type { OperatorRow } from '../operators/service';
import { auditActor, writeAudit } from '../audit/writer';

/** What operators see of a payment: never who paid (the citizen stays out of the console). */
export interface ConsolePaymentView {
  row: PaymentTable;
  applicationNumber: string | null;
}

const STATUSES = ['UNPAID', 'PAID', 'SETTLED', 'EXPIRED', 'REFUNDING', 'REFUNDED'];
const REFUNDABLE = ['PAID', 'SETTLED'];

/**
 * The console's payments view: search by number (payment id, slip, payment code, receipt,
 * or the application's number) and status, one payment with its refund requests, and
 * refunds that take two operators — one asks, another approves (never the one who asked).
 * Each step is audited with the operator as actor. Roles are checked by the resolvers
 * (publisher and up); the rules of who may approve are here.
 */
export class PaymentsConsole {
  constructor(
    private readonly deps: {
      db: Db;
      /** Queues the refund through the outbox, once (payments/service.ts). */
      payments: {
        markRefund(trx: Transaction<Database>, paymentId: string, reason: string, now: string): Promise<boolean>;
      };
      now: () => Date;
    },
  ) {}

  /** Newest first, at most `first` (1-100). @throws BAD_USER_INPUT for a bad status, query or first. */
  async search(input: { query?: string | null; status?: string | null; first: number }): Promise<ConsolePaymentView[]> {
    if (!Number.isInteger(input.first) || input.first < 1 || input.first > 100)
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'first' });
    if (input.status && !STATUSES.includes(input.status))
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'status' });
    const query = (input.query ?? '').trim();
    if (query.length > 64) throw new BadUserInputError('BAD_USER_INPUT', { field: 'query' });
    let select = this.deps.db
      .selectFrom('payments')
      .leftJoin('applications', (join) =>
        join.onRef('applications.id', '=', 'payments.subject_id').on('payments.subject_kind', '=', 'APPLICATION'),
      )
      .selectAll('payments')
      .select('applications.number as application_number');
    if (input.status) select = select.where('payments.status', '=', input.status);
    if (query) {
      const upper = query.toUpperCase();
      select = select.where((eb) =>
        eb.or([
          eb('payments.id', '=', query),
          eb('payments.slip_no', '=', query),
          eb('payments.payment_code', '=', query),
          eb('payments.receipt_no', '=', query),
          eb('applications.number', '=', upper),
        ]),
      );
    }
    const rows = await select
      .orderBy('payments.created_at', 'desc')
      .orderBy('payments.id')
      .limit(input.first)
      .execute();
    return rows.map(({ application_number, ...row }) => ({
      row: row as PaymentTable,
      applicationNumber: application_number ?? null,
    }));
  }

  /** @throws NOT_FOUND */
  async get(id: string): Promise<ConsolePaymentView> {
    const row = await this.deps.db.selectFrom('payments').selectAll().where('id', '=', String(id)).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', undefined, { field: 'id' });
    const app =
      row.subject_kind === 'APPLICATION'
        ? await this.deps.db
            .selectFrom('applications')
            .select('number')
            .where('id', '=', row.subject_id)
            .executeTakeFirst()
        : undefined;
    return { row, applicationNumber: app?.number ?? null };
  }

  refundRequests(paymentId: string): Promise<RefundRequestTable[]> {
    return this.deps.db
      .selectFrom('refund_requests')
      .selectAll()
      .where('payment_id', '=', paymentId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /**
   * An operator asks for a refund. One open request per payment: asking again returns it.
   * @throws NOT_FOUND, REFUND_NOT_REFUNDABLE (not paid, or refunded already), BAD_USER_INPUT (reason 2-200 characters).
   */
  async requestRefund(operator: OperatorRow, paymentId: string, reasonInput: string): Promise<RefundRequestTable> {
    const reason = String(reasonInput ?? '').trim();
    if (reason.length < 2 || reason.length > 200) throw new BadUserInputError('BAD_USER_INPUT', { field: 'reason' });
    const now = this.deps.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      // Lock the payment's row: two requests at once make one.
      const touched = await trx
        .updateTable('payments')
        .set({ updated_at: now })
        .where('id', '=', String(paymentId))
        .executeTakeFirst();
      if (Number(touched.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', undefined, { field: 'paymentId' });
      const payment = await trx
        .selectFrom('payments')
        .select(['id', 'status'])
        .where('id', '=', String(paymentId))
        .executeTakeFirstOrThrow();
      if (!REFUNDABLE.includes(payment.status))
        throw new AppError('REFUND_NOT_REFUNDABLE', undefined, { field: 'paymentId', status: payment.status });
      const open = await trx
        .selectFrom('refund_requests')
        .selectAll()
        .where('payment_id', '=', payment.id)
        .where('status', '=', 'PENDING')
        .executeTakeFirst();
      if (open) return open;
      const row: RefundRequestTable = {
        id: randomUUID(),
        payment_id: payment.id,
        status: 'PENDING',
        reason,
        requested_by: operator.username,
        decided_by: null,
        created_at: now,
        decided_at: null,
      };
      await trx.insertInto('refund_requests').values(row).execute();
      await writeAudit(trx, {
        at: now,
        actor: auditActor.operator(operator.username),
        action: 'payment.refund.request',
        subject: `payment:${payment.id}`,
        detail: { request: row.id, reason },
      });
      return row;
    });
  }

  /**
   * A second operator approves (the refund is queued, once) or declines a request.
   * @throws NOT_FOUND, REFUND_OWN_REQUEST (the operator who asked), REFUND_REQUEST_CLOSED
   * (decided already, by anyone), REFUND_NOT_REFUNDABLE (refunded meanwhile: nothing queued).
   */
  async decide(operator: OperatorRow, requestId: string, approve: boolean): Promise<RefundRequestTable> {
    const now = this.deps.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const request = await trx
        .selectFrom('refund_requests')
        .selectAll()
        .where('id', '=', String(requestId))
        .executeTakeFirst();
      if (!request) throw new AppError('NOT_FOUND', undefined, { field: 'requestId' });
      if (request.requested_by === operator.username)
        throw new AppError('REFUND_OWN_REQUEST', undefined, { field: 'requestId' });
      // The conditional update is the decision: of two approvals at once, one finds it PENDING.
      const decided = await trx
        .updateTable('refund_requests')
        .set({ status: approve ? 'APPROVED' : 'DECLINED', decided_by: operator.username, decided_at: now })
        .where('id', '=', request.id)
        .where('status', '=', 'PENDING')
        .executeTakeFirst();
      if (Number(decided.numUpdatedRows) !== 1)
        throw new AppError('REFUND_REQUEST_CLOSED', undefined, { field: 'requestId' });
      if (approve && !(await this.deps.payments.markRefund(trx, request.payment_id, 'OPERATOR', now))) {
        throw new AppError('REFUND_NOT_REFUNDABLE', undefined, { field: 'requestId' });
      }
      await writeAudit(trx, {
        at: now,
        actor: auditActor.operator(operator.username),
        action: approve ? 'payment.refund.approve' : 'payment.refund.decline',
        subject: `payment:${request.payment_id}`,
        detail: { request: request.id, requestedBy: request.requested_by },
      });
      return { ...request, status: approve ? 'APPROVED' : 'DECLINED', decided_by: operator.username, decided_at: now };
    });
  }
}
