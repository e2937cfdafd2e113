import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { maskAccountNumber, type AgencyName } from '@citizen/shared';
import type { Db } from '../../db';
import type { PaymentTable, UtilityAccountTable } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import type { AttemptLimiter } from '../../limits/attempts';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import { EXPIRE_PAYMENT } from '../payments/fees';
import { UTILITY_ITEM_PREFIX, type PaymentSubject } from '../payments/collectors';
import { agencyError } from '../records/service';
import type { CitizenDirectory } from '../identity/citizens';

export const UTILITIES = ['water', 'power', 'gas'] as const;
export type Utility = (typeof UTILITIES)[number];
export const isUtility = (value: string): value is Utility => (UTILITIES as readonly string[]).includes(value);

/** What the citizen pays, as the receipt and the message name it. */
const BILL_NAMES: Record<Utility, [zh: string, en: string]> = {
  water: ['水费', 'Water bill'],
  power: ['电费', 'Electricity bill'],
  gas: ['燃气费', 'Gas bill'],
};

/** The non-tax revenue item a traffic fine is paid under (公安交通管理罚款), as the finance bureau knows it. */
export const TRAFFIC_FINE_ITEM = '103050101';

/** Failed account checks a citizen may make in a China day: enough for typos, too few to guess a holder's name. */
export const BIND_FAILURES_PER_DAY = 10;

export interface UtilityBill {
  billNo: string;
  period: string;
  usage: number;
  unit: string;
  amountFen: number;
  dueOn: string;
  status: 'UNPAID' | 'PAID';
  paidAt: string | null;
  receiptNo: string | null;
}

/** A bill keeps whose statement it is, to find the citizen's own payment of it (the parent of UtilityBill's fields). */
export type BillParent = UtilityBill & { citizenId: string };

export interface BillStatement {
  account: UtilityAccountTable;
  dueFen: number;
  due: UtilityBill[];
  bills: UtilityBill[];
}

const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 生活缴费 and traffic fines: what the citizen owes is read from whoever is owed it (the
 * water, power or gas company's bill; the traffic police's violation), never taken from
 * the client; paying it is a payment of the payments module (its platform order, its
 * signed notification, its settlement with the collector). A bill is marked paid by the
 * company once our signed notice reaches it; a violation is handled when the traffic
 * police's own feed says so (they hear of the fine from the finance bureau).
 */
export class LivingFees {
  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      citizens: CitizenDirectory;
      upstream: UpstreamClient;
      outbox: Outbox;
      identity: IdentityService;
      attempts: AttemptLimiter;
      paymentExpireMinutes: number;
      now: () => Date;
    },
  ) {}

  private async citizen(account: AccountRow): Promise<{ id: string; name: string; idNumber: string }> {
    this.deps.identity.requireLevel(account, 2);
    const { id, name, idNumber } = await this.deps.citizens.person(account.citizen_id!);
    return { id, name, idNumber };
  }

  /** A call to an agency whose failure (down, slow, open breaker) becomes its named AGENCY_* error. */
  private async call<T>(agency: AgencyName, request: Parameters<UpstreamClient['request']>[1]) {
    try {
      return await this.deps.upstream.request<T>(agency, request);
    } catch (error) {
      throw agencyError(error, agency);
    }
  }

  /**
   * Binds a household account once: the company confirms the number and the holder's full
   * name (the citizen's own unless another is given: a parent's home, say), and answers the
   * holder and address masked. Failed checks count against a daily limit, taken before
   * asking (one atomic step), given back on success.
   * @throws BAD_USER_INPUT, UTILITY_BIND_LIMIT, UTILITY_ACCOUNT_NOT_FOUND, UTILITY_HOLDER_MISMATCH, AGENCY_UNAVAILABLE
   */
  async bind(
    account: AccountRow,
    utility: Utility,
    accountNoInput: string,
    holderNameInput: string | null,
    deadline: Deadline | null,
  ): Promise<UtilityAccountTable> {
    const citizen = await this.citizen(account);
    const accountNo = accountNoInput.replace(/\s+/g, '');
    if (!/^\d{6,20}$/.test(accountNo)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'accountNo' });
    const holderName = (holderNameInput ?? '').trim() || citizen.name;
    if (holderName.length > 30) throw new BadUserInputError('BAD_USER_INPUT', { field: 'holderName' });
    const hash = this.deps.vault.hash('utility-account', `${utility}:${accountNo}`);
    const bound = await this.deps.db
      .selectFrom('utility_accounts')
      .selectAll()
      .where('citizen_id', '=', citizen.id)
      .where('utility', '=', utility)
      .where('account_no_hash', '=', hash)
      .executeTakeFirst();
    if (bound) return bound;

    const scope = `utility-bind:${citizen.id}`;
    const window = chinaDay(this.deps.now());
    if ((await this.deps.attempts.take(scope, window, BIND_FAILURES_PER_DAY, 86_400)) === null)
      throw new AppError('UTILITY_BIND_LIMIT');
    const { status, body } = await this.call<{ holderMasked: string; addressMasked: string }>(utility, {
      method: 'POST',
      path: '/v1/accounts/verify',
      body: { accountNo, holderName },
      deadline,
    }).catch(async (error: unknown) => {
      // The company could not answer: that is not the citizen's failure.
      await this.deps.attempts.giveBack(scope, window);
      throw error;
    });
    if (status === 404) throw new AppError('UTILITY_ACCOUNT_NOT_FOUND', undefined, { field: 'accountNo' });
    if (status === 422) throw new AppError('UTILITY_HOLDER_MISMATCH', undefined, { field: 'holderName' });
    if (status !== 200 || !body?.holderMasked) {
      await this.deps.attempts.giveBack(scope, window);
      throw new AppError('AGENCY_UNAVAILABLE', `${utility} answered ${status} to an account check`, {
        agency: utility,
      });
    }
    await this.deps.attempts.giveBack(scope, window);
    const row: UtilityAccountTable = {
      id: randomUUID(),
      citizen_id: citizen.id,
      utility,
      account_no_enc: this.deps.vault.encrypt(accountNo),
      account_no_hash: hash,
      account_no_masked: maskAccountNumber(accountNo),
      holder_masked: String(body.holderMasked).slice(0, 32),
      address_masked: String(body.addressMasked).slice(0, 128),
      created_at: this.deps.now().toISOString(),
    };
    // Two taps at once bind it once: the second finds the first's row.
    await this.deps.db
      .insertInto('utility_accounts')
      .values(row)
      .onConflict((oc) => oc.columns(['citizen_id', 'utility', 'account_no_hash']).doNothing())
      .execute();
    return await this.deps.db
      .selectFrom('utility_accounts')
      .selectAll()
      .where('citizen_id', '=', citizen.id)
      .where('utility', '=', utility)
      .where('account_no_hash', '=', hash)
      .executeTakeFirstOrThrow();
  }

  /** The citizen's bound accounts, of one company or all, oldest first. */
  async accounts(account: AccountRow, utility: Utility | null): Promise<UtilityAccountTable[]> {
    if (!account.citizen_id) return [];
    let query = this.deps.db.selectFrom('utility_accounts').selectAll().where('citizen_id', '=', account.citizen_id);
    if (utility) query = query.where('utility', '=', utility);
    return query.orderBy('created_at').orderBy('id').execute();
  }

  /** @throws NOT_FOUND for another citizen's account, the same as for none. */
  async account(account: AccountRow, id: string): Promise<UtilityAccountTable> {
    const row = account.citizen_id
      ? await this.deps.db
          .selectFrom('utility_accounts')
          .selectAll()
          .where('id', '=', String(id))
          .where('citizen_id', '=', account.citizen_id)
          .executeTakeFirst()
      : undefined;
    if (!row) throw new AppError('NOT_FOUND', undefined, { field: 'accountId' });
    return row;
  }

  async unbind(account: AccountRow, id: string): Promise<boolean> {
    const row = await this.account(account, id);
    await this.deps.db.deleteFrom('utility_accounts').where('id', '=', row.id).execute();
    return true;
  }

  /** The bills due and the last months, read live from the company. @throws NOT_FOUND, AGENCY_UNAVAILABLE / AGENCY_TIMEOUT */
  async statement(account: AccountRow, id: string, deadline: Deadline | null): Promise<BillStatement> {
    const row = await this.account(account, id);
    const accountNo = this.deps.vault.decrypt(row.account_no_enc);
    const { status, body } = await this.call<{ dueFen: number; due: UtilityBill[]; bills: UtilityBill[] }>(
      row.utility as Utility,
      {
        method: 'GET',
        path: `/v1/accounts/${encodeURIComponent(accountNo)}/bills`,
        query: { months: '12' },
        deadline,
      },
    );
    if (status === 404)
      throw new AppError('UTILITY_ACCOUNT_NOT_FOUND', 'The company no longer holds the account', {
        field: 'accountId',
      });
    if (status !== 200 || !body || !Array.isArray(body.due) || !Array.isArray(body.bills))
      throw new AppError('AGENCY_UNAVAILABLE', `${row.utility} answered ${status} to a statement`, {
        agency: row.utility,
      });
    return { account: row, dueFen: body.dueFen, due: body.due, bills: body.bills };
  }

  /**
   * Opens (or finds) the payment of one bill due, for the amount the company states now.
   * @throws UTILITY_BILL_NOT_DUE when the company says it is not due; NOT_FOUND; AGENCY_UNAVAILABLE (nothing is opened).
   */
  async payBill(account: AccountRow, id: string, billNo: string, deadline: Deadline | null): Promise<PaymentTable> {
    const statement = await this.statement(account, id, deadline);
    const bill = statement.due.find((b) => b.billNo === billNo);
    if (!bill || bill.status !== 'UNPAID' || !Number.isInteger(bill.amountFen) || bill.amountFen <= 0)
      throw new AppError('UTILITY_BILL_NOT_DUE', undefined, { field: 'billNo' });
    const utility = statement.account.utility as Utility;
    const [zh, en] = BILL_NAMES[utility];
    // One live payment per bill and citizen; family members who bound the same account pay separately, and the company refuses a second (refunded).
    return this.open(statement.account.citizen_id, {
      kind: 'UTILITY_BILL',
      subjectId: `${bill.billNo}:${statement.account.citizen_id.replace(/-/g, '').slice(0, 12)}`,
      itemCode: `${UTILITY_ITEM_PREFIX}${utility}`,
      itemName: `${zh} ${bill.period}（户号${statement.account.account_no_masked}）`,
      itemNameEn: `${en} ${bill.period} (account ${statement.account.account_no_masked})`,
      amountFen: bill.amountFen,
      slipNo: bill.billNo,
    });
  }

  /**
   * Opens (or finds) the payment of an unhandled violation's fine, for the amount the traffic
   * police hold, read fresh. @throws FINE_NOT_PAYABLE (handled, no fine, not the citizen's), AGENCY_UNAVAILABLE
   */
  async payFine(account: AccountRow, violationId: string, deadline: Deadline | null): Promise<PaymentTable> {
    const citizen = await this.citizen(account);
    const { status, body } = await this.call<{
      violations?: Array<{ violationId: string; act: string; fineCents: number; handled: boolean }>;
    }>('traffic-police', {
      method: 'GET',
      path: `/v1/drivers/${encodeURIComponent(citizen.idNumber)}`,
      deadline,
    });
    if (status !== 200 && status !== 404)
      throw new AppError('AGENCY_UNAVAILABLE', `traffic-police answered ${status}`, { agency: 'traffic-police' });
    const violation = body?.violations?.find((v) => v.violationId === String(violationId));
    if (
      status === 404 ||
      !violation ||
      violation.handled ||
      !Number.isInteger(violation.fineCents) ||
      violation.fineCents <= 0
    )
      throw new AppError('FINE_NOT_PAYABLE', undefined, { field: 'violationId' });
    return this.open(citizen.id, {
      kind: 'TRAFFIC_FINE',
      subjectId: violation.violationId,
      itemCode: TRAFFIC_FINE_ITEM,
      itemName: `交通违法罚款（${violation.act}）`.slice(0, 120),
      itemNameEn: `Traffic fine (${violation.act})`.slice(0, 160),
      amountFen: violation.fineCents,
      slipNo: null,
    });
  }

  /** The citizen's newest payment of a violation's fine, or null. */
  async finePayment(citizenId: string | null, violationId: string): Promise<PaymentTable | null> {
    if (!citizenId) return null;
    return (
      (await this.deps.db
        .selectFrom('payments')
        .selectAll()
        .where('citizen_id', '=', citizenId)
        .where('subject_kind', '=', 'TRAFFIC_FINE')
        .where((eb) => eb.or([eb('subject_id', '=', violationId), eb('subject_id', 'like', `${violationId}~%`)]))
        .orderBy('created_at', 'desc')
        .executeTakeFirst()) ?? null
    );
  }

  /** The citizen's newest payment of a bill, or null. */
  async billPayment(citizenId: string, billNo: string): Promise<PaymentTable | null> {
    const subject = `${billNo}:${citizenId.replace(/-/g, '').slice(0, 12)}`;
    return (
      (await this.deps.db
        .selectFrom('payments')
        .selectAll()
        .where('citizen_id', '=', citizenId)
        .where('subject_kind', '=', 'UTILITY_BILL')
        .where((eb) => eb.or([eb('subject_id', '=', subject), eb('subject_id', 'like', `${subject}~%`)]))
        .orderBy('created_at', 'desc')
        .executeTakeFirst()) ?? null
    );
  }

  /**
   * One live payment per subject: an expired one is set aside (its subject gets a suffix,
   * so its history stays) and a new one opened with its expiry job; a live one is
   * returned as it is. Two taps at once open one (the unique subject decides).
   */
  private async open(
    citizenId: string,
    input: {
      kind: PaymentSubject;
      subjectId: string;
      itemCode: string;
      itemName: string;
      itemNameEn: string;
      amountFen: number;
      slipNo: string | null;
    },
  ): Promise<PaymentTable> {
    const now = this.deps.now();
    const live = () =>
      this.deps.db
        .selectFrom('payments')
        .selectAll()
        .where('subject_kind', '=', input.kind)
        .where('subject_id', '=', input.subjectId)
        .executeTakeFirst();
    const existing = await live();
    if (existing && existing.status !== 'EXPIRED') {
      if (existing.citizen_id !== citizenId) throw new AppError('PAYMENT_WRONG_STATE', undefined, { field: 'subject' });
      return existing;
    }
    const id = randomUUID().replace(/-/g, '');
    const expiresAt = new Date(now.getTime() + this.deps.paymentExpireMinutes * 60_000);
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        if (existing) {
          await trx
            .updateTable('payments')
            .set({ subject_id: sql<string>`subject_id || '~' || substr(id, 1, 8)`, updated_at: now.toISOString() })
            .where('id', '=', existing.id)
            .where('status', '=', 'EXPIRED')
            .where('subject_id', '=', input.subjectId)
            .execute();
        }
        await trx
          .insertInto('payments')
          .values({
            id,
            citizen_id: citizenId,
            subject_kind: input.kind,
            subject_id: input.subjectId,
            item_code: input.itemCode,
            item_name: input.itemName,
            item_name_en: input.itemNameEn,
            amount_fen: input.amountFen,
            status: 'UNPAID',
            slip_no: input.slipNo,
            payment_code: null,
            channel: null,
            channel_order: null,
            transaction_id: null,
            paid_at: null,
            receipt_no: null,
            receipt_check_code: null,
            receipt_issued_at: null,
            refund_reason: null,
            refund_no: null,
            refunded_at: null,
            expires_at: expiresAt.toISOString(),
            created_at: now.toISOString(),
            updated_at: now.toISOString(),
          })
          .execute();
        await this.deps.outbox.enqueue(trx, EXPIRE_PAYMENT, { paymentId: id }, { notBefore: expiresAt });
      });
    } catch (error) {
      // Another request opened it first (the unique subject): that one is the payment.
      const winner = await live();
      if (winner && winner.citizen_id === citizenId && winner.status !== 'EXPIRED') return winner;
      throw error;
    }
    return await this.deps.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }
}
