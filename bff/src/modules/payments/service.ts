import { createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db';
import { roundedLimit } from '../../db/cursor';
import type { Database, PaymentTable } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import { applicationsInScope, type ApplicationService } from '../applications/service';
import type { EffectiveAccount } from '../identity/auth';
import { grantedServices } from '../family/scopes';
import type { AccountRow } from '../identity/store';
import type { Messages } from '../messages/service';
import {
  ACKS,
  platformOf,
  sameSignature,
  type Ack,
  type Channel,
  type PaymentChannels,
  type Prepared,
} from './channels';
import { EXPIRE_PAYMENT } from './fees';
import { collectorOf } from './collectors';
import type { CitizenDirectory } from '../identity/citizens';

export const SETTLE_PAYMENT = 'payments.settle';
export const REFUND_PAYMENT = 'payments.refund';

type Platform = 'wechat' | 'alipay' | 'baidu';
export const isPlatform = (value: string): value is Platform =>
  value === 'wechat' || value === 'alipay' || value === 'baidu';

/** The finance bureau's signed confirmation of a payment, with the electronic receipt. */
interface Confirmation {
  slipNo: string;
  status: string;
  amountFen: number;
  receiptNo: string;
  checkCode: string;
  issuedAt: string;
  signature: string;
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
/** An account may pay on its own platform's payment, or in a browser's cashier. */
const CHANNEL_OF_PLATFORM: Record<string, Channel> = { WECHAT: 'WECHAT', ALIPAY: 'ALIPAY', BAIDU: 'BAIDU', H5: 'H5' };

/**
 * Fees paid in the app. A payment opens with its application (status UNPAID, in the
 * submission's transaction); `start` opens the finance bureau's slip and the platform's
 * order; only the platform's signed server-side notification marks it PAID (the
 * client's "success" is never taken); the finance bureau then confirms it with the
 * electronic receipt (SETTLED), and in that transaction the application is handed to
 * its departments. Every step after the notification runs through the outbox, so a
 * crash or an agency outage delays it and never repeats it. Unpaid at the deadline it
 * expires; a rejection refunds it, once.
 */
export class Payments {
  constructor(
    private readonly deps: {
      db: Db;
      citizens: CitizenDirectory;
      upstream: UpstreamClient;
      outbox: Outbox;
      applications: ApplicationService;
      messages: Messages;
      channels: PaymentChannels;
      financeKey: string;
      /** The utilities' payment gateway key: signs our notice of a bill paid, checks their confirmation. */
      utilityKey: string;
      /** Where notifications go; null: the address the app called (development and tests). */
      notifyBaseUrl: string | null;
      logger: Logger;
      now: () => Date;
    },
  ) {
    deps.outbox.on(SETTLE_PAYMENT, (p: { paymentId: string }) => this.settle(p.paymentId));
    deps.outbox.on(EXPIRE_PAYMENT, (p: { paymentId: string }) => this.expire(p.paymentId));
    deps.outbox.on(REFUND_PAYMENT, (p: { paymentId: string }) => this.refund(p.paymentId));
  }

  /** The payment of one of the citizen's applications, or null (free, or not theirs). */
  async ofApplication(citizenId: string | null, applicationId: string): Promise<PaymentTable | null> {
    if (!citizenId) return null;
    return (
      (await this.deps.db
        .selectFrom('payments')
        .selectAll()
        .where('subject_kind', '=', 'APPLICATION')
        .where('subject_id', '=', applicationId)
        .where('citizen_id', '=', citizenId)
        .executeTakeFirst()) ?? null
    );
  }

  /** One of the citizen's payments. @throws NOT_FOUND for another citizen's, the same as for none. */
  async get(account: AccountRow, id: string): Promise<PaymentTable> {
    const row = account.citizen_id
      ? await this.deps.db
          .selectFrom('payments')
          .selectAll()
          .where('id', '=', String(id))
          .where('citizen_id', '=', account.citizen_id)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new AppError('NOT_FOUND', undefined, { field: 'paymentId' });
    return row;
  }

  /** The citizen's receipted payments (我的票据), newest first; at most `first` (1-100). A helper on an authorisation sees those of services in scope (issue 17). */
  async receipts(account: AccountRow, first: number): Promise<PaymentTable[]> {
    if (!account.citizen_id) return [];
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'first' });
    let query = this.deps.db
      .selectFrom('payments')
      .selectAll()
      .where('citizen_id', '=', account.citizen_id)
      .where('receipt_no', 'is not', null);
    const acting = (account as EffectiveAccount).acting;
    const granted = acting ? grantedServices(acting.grant) : null;
    if (granted)
      query = query
        .where('subject_kind', '=', 'APPLICATION')
        .where('subject_id', 'in', applicationsInScope(this.deps.db, account.citizen_id, granted));
    const rows = await query.orderBy('receipt_issued_at', 'desc').orderBy('id').limit(roundedLimit(first)).execute();
    return rows.slice(0, first);
  }

  /** The application a citizen's payment is for, or null (not theirs, or not an application's fee). */
  async applicationOf(paymentId: string, citizenId: string): Promise<string | null> {
    const row = await this.deps.db
      .selectFrom('payments')
      .select(['subject_kind', 'subject_id'])
      .where('id', '=', String(paymentId))
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst();
    return row?.subject_kind === 'APPLICATION' ? row.subject_id : null;
  }

  /**
   * Opens what the client needs to pay: the finance bureau's slip (once), then the
   * platform's order for the amount we hold.
   * @throws NOT_FOUND, PAYMENT_EXPIRED, PAYMENT_WRONG_STATE (already paid or refunded),
   * BAD_USER_INPUT (a channel not of the account's platform), AGENCY_UNAVAILABLE (finance
   * bureau or platform down: nothing is paid, the application keeps waiting).
   */
  async start(
    account: AccountRow,
    paymentId: string,
    channel: Channel,
    options: { origin: string; returnUrl: string | null },
    deadline: Deadline | null,
  ): Promise<{ payment: PaymentTable; prepared: Prepared; channel: Channel }> {
    let payment = await this.get(account, paymentId);
    const now = this.deps.now();
    if (payment.status === 'EXPIRED' || (payment.status === 'UNPAID' && payment.expires_at <= now.toISOString()))
      throw new AppError('PAYMENT_EXPIRED', undefined, { field: 'paymentId' });
    if (payment.status !== 'UNPAID')
      throw new AppError('PAYMENT_WRONG_STATE', undefined, { field: 'paymentId', status: payment.status });
    if (channel !== 'H5' && CHANNEL_OF_PLATFORM[account.platform] !== channel)
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'channel' });
    if (options.returnUrl !== null && !/^https?:\/\/[^\s]{1,500}$/.test(options.returnUrl))
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'returnUrl' });

    // Step 1: the slip at the finance bureau, once per payment (its id is the idempotency key).
    if (!payment.slip_no) {
      const payerName = await this.deps.citizens.nameOf(payment.citizen_id!);
      const { status, body } = await this.deps.upstream.request<{ slipNo?: string; paymentCode?: string }>('finance', {
        method: 'POST',
        path: '/v1/slips',
        headers: { 'idempotency-key': `slip:${payment.id}` },
        body: {
          reference: payment.subject_id,
          itemCode: payment.item_code,
          itemName: payment.item_name,
          amountFen: payment.amount_fen,
          payerName,
          expiresAt: payment.expires_at,
        },
        deadline,
      });
      if (status !== 201 || !body?.slipNo)
        throw new AppError('AGENCY_UNAVAILABLE', `finance answered ${status} to a slip`, { agency: 'finance' });
      await this.deps.db
        .updateTable('payments')
        .set({ slip_no: body.slipNo, payment_code: body.paymentCode ?? null, updated_at: now.toISOString() })
        .where('id', '=', payment.id)
        .where('slip_no', 'is', null)
        .execute();
    }

    // Step 2: the platform's order; the notification will come to our address for this platform.
    const base = this.deps.notifyBaseUrl ?? options.origin;
    const prepared = await this.deps.channels.prepare(
      channel,
      payment,
      {
        notifyUrl: `${base.replace(/\/$/, '')}/payments/notify/${platformOf(channel)}`,
        openid: account.platform_user_id,
        returnUrl: options.returnUrl,
      },
      deadline,
    );
    await this.deps.db
      .updateTable('payments')
      .set({ channel, channel_order: prepared.order, updated_at: now.toISOString() })
      .where('id', '=', payment.id)
      .where('status', '=', 'UNPAID')
      .execute();
    payment = await this.get(account, paymentId);
    return { payment, prepared, channel };
  }

  /**
   * A platform's notification. Checked (signature, our payment, our amount), then the
   * payment is marked PAID and its settlement queued in one transaction. A repeat finds
   * nothing to change and is acknowledged; a notification for an expired payment is
   * acknowledged and refunded. @returns the platform's word for received, or for refused.
   */
  async notify(
    platform: Platform,
    raw: string,
    headers: Record<string, string | string[] | undefined>,
    requestId?: string,
  ): Promise<Ack> {
    const ack = ACKS[platform];
    // Each line about this notification carries the request's id, as the route's own lines do.
    const logger = requestId ? this.deps.logger.child({ requestId }) : this.deps.logger;
    const notice = this.deps.channels.verify(platform, raw, headers);
    if (!notice) {
      logger.warn({ platform }, 'payment notification refused: bad signature or not a success');
      return ack.fail;
    }
    const payment = /^[0-9a-f]{32}$/.test(notice.outTradeNo)
      ? await this.deps.db.selectFrom('payments').selectAll().where('id', '=', notice.outTradeNo).executeTakeFirst()
      : undefined;
    if (!payment) {
      logger.warn({ platform }, 'payment notification for an unknown payment refused');
      return ack.fail;
    }
    if (notice.amountFen !== payment.amount_fen) {
      logger.error({ platform, payment: payment.id }, 'payment notification with another amount refused');
      return ack.fail;
    }
    const now = this.deps.now().toISOString();
    const paidAt = Number.isNaN(Date.parse(notice.paidAt)) ? now : new Date(notice.paidAt).toISOString();
    const outcome = await this.deps.db.transaction().execute(async (trx) => {
      const paid = await trx
        .updateTable('payments')
        .set({ status: 'PAID', transaction_id: notice.transactionId, paid_at: paidAt, updated_at: now })
        .where('id', '=', payment.id)
        .where('status', '=', 'UNPAID')
        .executeTakeFirst();
      if (Number(paid.numUpdatedRows) === 1) {
        await this.deps.outbox.enqueue(trx, SETTLE_PAYMENT, { paymentId: payment.id });
        return 'paid';
      }
      // Paid at the platform after we gave up waiting: the money goes back.
      const late = await trx
        .updateTable('payments')
        .set({
          status: 'REFUNDING',
          transaction_id: notice.transactionId,
          paid_at: paidAt,
          refund_reason: 'EXPIRED',
          updated_at: now,
        })
        .where('id', '=', payment.id)
        .where('status', '=', 'EXPIRED')
        .executeTakeFirst();
      if (Number(late.numUpdatedRows) === 1) {
        await this.deps.outbox.enqueue(trx, REFUND_PAYMENT, { paymentId: payment.id });
        return 'late';
      }
      return 'seen';
    });
    if (outcome === 'seen') {
      const current = await this.deps.db
        .selectFrom('payments')
        .select(['transaction_id'])
        .where('id', '=', payment.id)
        .executeTakeFirstOrThrow();
      if (current.transaction_id !== notice.transactionId)
        logger.error(
          { platform, payment: payment.id },
          'a second transaction was notified for a paid payment; it needs a refund by an operator',
        );
    }
    logger.info({ platform, payment: payment.id, outcome }, 'payment notification');
    return ack.ok;
  }

  /** Outbox: reports the payment to the finance bureau, checks its signed receipt, and hands the application off. */
  private async settle(paymentId: string): Promise<void> {
    const payment = await this.deps.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', paymentId)
      .executeTakeFirst();
    if (!payment || payment.status !== 'PAID' || !payment.slip_no) return;
    // The finance bureau for fees and fines; the company for a household bill.
    const collector = collectorOf(payment, { financeKey: this.deps.financeKey, utilityKey: this.deps.utilityKey });
    const { status, body } = await this.deps.upstream.request<Confirmation>(collector.agency, {
      method: 'POST',
      path: collector.reportPath,
      headers: collector.headers,
      body: {
        channel: payment.channel,
        transactionId: payment.transaction_id,
        amountFen: payment.amount_fen,
        paidAt: payment.paid_at,
      },
      deadline: null,
    });
    const now = this.deps.now().toISOString();
    if (status === 409 || status === 410 || status === 404) {
      // The bureau will not take it (expired there, or another amount): the citizen gets the money back.
      this.deps.logger.error({ payment: payment.id, status }, 'finance bureau refused a paid payment; refunding');
      await this.deps.db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('payments')
          .set({ status: 'REFUNDING', refund_reason: 'FINANCE_REFUSED', updated_at: now })
          .where('id', '=', payment.id)
          .where('status', '=', 'PAID')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 1)
          await this.deps.outbox.enqueue(trx, REFUND_PAYMENT, { paymentId: payment.id });
      });
      return;
    }
    if (status !== 200 || !body)
      throw new AppError('AGENCY_UNAVAILABLE', `${collector.agency} answered ${status} to a payment`, {
        agency: collector.agency,
      });
    if (
      !this.genuine(body, collector.key) ||
      body.slipNo !== payment.slip_no ||
      body.amountFen !== payment.amount_fen
    ) {
      throw new Error('finance confirmation failed its signature check');
    }
    await this.deps.db.transaction().execute(async (trx) => {
      const settled = await trx
        .updateTable('payments')
        .set({
          status: 'SETTLED',
          receipt_no: body.receiptNo,
          receipt_check_code: body.checkCode,
          receipt_issued_at: body.issuedAt,
          updated_at: now,
        })
        .where('id', '=', payment.id)
        .where('status', '=', 'PAID')
        .executeTakeFirst();
      if (Number(settled.numUpdatedRows) !== 1) return;
      await this.postReceipt(trx, payment, body);
      if (payment.subject_kind !== 'APPLICATION') return;
      const handed = await this.deps.applications.handOffPaid(trx, payment.subject_id, now);
      // The application no longer waits (withdrawn or gone): nothing was bought, the money goes back.
      if (!handed) await this.markRefund(trx, payment.id, 'NOT_NEEDED', now);
    });
  }

  /** The finance bureau's signature over its confirmation, checked in constant time. */
  genuine(c: Confirmation, key = this.deps.financeKey): boolean {
    const text = `${c.slipNo}|${c.status}|${c.amountFen}|${c.receiptNo}|${c.checkCode}`;
    return sameSignature(createHmac('sha256', key).update(text).digest('base64'), c.signature);
  }

  private async postReceipt(trx: Transaction<Database>, payment: PaymentTable, c: Confirmation): Promise<void> {
    if (!payment.citizen_id) return;
    await this.deps.messages.post(trx, {
      citizenId: payment.citizen_id,
      kind: 'APPLICATION',
      eventKey: `payment:${payment.id}:receipt`,
      topic: 'APPLICATION_PROGRESS',
      title: '缴费成功',
      titleEn: 'Payment received',
      body: `您已缴纳${payment.item_name} ¥${yuan(payment.amount_fen)}。电子票据号 ${c.receiptNo}，校验码 ${c.checkCode}。`,
      bodyEn: `You paid ¥${yuan(payment.amount_fen)} for ${payment.item_name_en ?? payment.item_name}. Electronic receipt ${c.receiptNo}, check code ${c.checkCode}.`,
      link: `/pages/payment/index?id=${payment.id}`,
      params: { item: payment.item_name, amount: yuan(payment.amount_fen), receipt: c.receiptNo },
    });
  }

  /** Outbox: unpaid at its deadline, the payment and its application expire. A notification first wins; this then finds nothing to do. */
  private async expire(paymentId: string): Promise<void> {
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const expired = await trx
        .updateTable('payments')
        .set({ status: 'EXPIRED', updated_at: now })
        .where('id', '=', paymentId)
        .where('status', '=', 'UNPAID')
        .executeTakeFirst();
      if (Number(expired.numUpdatedRows) !== 1) return;
      const payment = await trx
        .selectFrom('payments')
        .select(['subject_kind', 'subject_id'])
        .where('id', '=', paymentId)
        .executeTakeFirstOrThrow();
      if (payment.subject_kind === 'APPLICATION')
        await this.deps.applications.expireUnpaid(trx, payment.subject_id, now);
    });
  }

  /**
   * Queues the refund of an application's fee (a rejection), in the caller's transaction.
   * Once: a second call finds it refunding or refunded. @returns whether a refund was queued.
   */
  async refundApplication(trx: Transaction<Database>, applicationId: string, reason: string): Promise<boolean> {
    const payment = await trx
      .selectFrom('payments')
      .select('id')
      .where('subject_kind', '=', 'APPLICATION')
      .where('subject_id', '=', applicationId)
      .executeTakeFirst();
    return payment ? this.markRefund(trx, payment.id, reason, this.deps.now().toISOString()) : false;
  }

  /** Moves a paid payment to REFUNDING and queues its refund, in the caller's transaction; once. @returns whether it moved. */
  async markRefund(trx: Transaction<Database>, paymentId: string, reason: string, now: string): Promise<boolean> {
    const moved = await trx
      .updateTable('payments')
      .set({ status: 'REFUNDING', refund_reason: reason, updated_at: now })
      .where('id', '=', paymentId)
      .where('status', 'in', ['PAID', 'SETTLED'])
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return false;
    await this.deps.outbox.enqueue(trx, REFUND_PAYMENT, { paymentId });
    return true;
  }

  /** Outbox: the money back through its channel, the receipt cancelled at the bureau; each idempotent there, so a retry is harmless. */
  private async refund(paymentId: string): Promise<void> {
    const payment = await this.deps.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', paymentId)
      .executeTakeFirst();
    if (!payment || payment.status !== 'REFUNDING') return;
    await this.deps.channels.refund(payment);
    let refundNo: string | null = null;
    // A household bill's receipt is the company's, not the bureau's: nothing to cancel at the bureau.
    if (payment.receipt_no && payment.slip_no && payment.subject_kind !== 'UTILITY_BILL') {
      const { status, body } = await this.deps.upstream.request<{ refundNo?: string }>('finance', {
        method: 'POST',
        path: `/v1/slips/${encodeURIComponent(payment.slip_no)}/refunds`,
        headers: { 'idempotency-key': `refund:${payment.id}` },
        body: { reason: payment.refund_reason ?? 'REFUND' },
        deadline: null,
      });
      if (status !== 200)
        throw new AppError('AGENCY_UNAVAILABLE', `finance answered ${status} to a refund`, { agency: 'finance' });
      refundNo = body?.refundNo ?? null;
    }
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('payments')
        .set({ status: 'REFUNDED', refund_no: refundNo ?? payment.id, refunded_at: now, updated_at: now })
        .where('id', '=', paymentId)
        .where('status', '=', 'REFUNDING')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1 || !payment.citizen_id) return;
      await this.deps.messages.post(trx, {
        citizenId: payment.citizen_id,
        kind: 'APPLICATION',
        eventKey: `payment:${payment.id}:refund`,
        topic: 'APPLICATION_PROGRESS',
        title: '费用已退回',
        titleEn: 'Fee refunded',
        body: `您缴纳的${payment.item_name} ¥${yuan(payment.amount_fen)} 已原路退回。`,
        bodyEn: `The ¥${yuan(payment.amount_fen)} you paid for ${payment.item_name_en ?? payment.item_name} has been refunded to where it came from.`,
        link: `/pages/payment/index?id=${payment.id}`,
        params: { item: payment.item_name, amount: yuan(payment.amount_fen) },
      });
    });
  }
}
