import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import Router from 'koa-router';
import type { Context } from 'koa';
import { maskAddress, maskName } from '@citizen/shared';
import type { World } from '../data/generate';
import { openapiDocument, s, type Agency } from './agency';
import { confirmationText } from './finance';

/**
 * The city's water, power and gas companies (生活缴费): household accounts (户号) with
 * the holder and the address, a bill a month, and the payment gateway's side of a bill
 * paid through the app. The collecting channel reports a payment with a signed notice
 * (HMAC over billNo|amountFen|transactionId|paidAt with the gateway key); the company
 * marks the bill paid and answers a signed confirmation with its receipt, in the finance
 * bureau's shape (signature over billNo|status|amountFen|receiptNo|checkCode). A report
 * is idempotent per bill and transaction.
 */
export type UtilityKind = 'water' | 'power' | 'gas';

interface UtilitySpec {
  title: string;
  titleZh: string;
  /** Account numbers: this prefix, a serial, then a check digit, so a mistyped number is refused. */
  prefix: string;
  digits: number;
  unit: string;
  /** Price per unit in fen, and the range of a month's usage. */
  priceFen: number;
  usage: [number, number];
  /** Share of people holding an account. */
  share: number;
}

export const UTILITIES: Record<UtilityKind, UtilitySpec> = {
  water: {
    title: 'Water supply company',
    titleZh: '自来水公司',
    prefix: '31',
    digits: 8,
    unit: '吨',
    priceFen: 342,
    usage: [6, 28],
    share: 0.8,
  },
  power: {
    title: 'Power supply company',
    titleZh: '供电局',
    prefix: '04',
    digits: 10,
    unit: '千瓦时',
    priceFen: 62,
    usage: [90, 620],
    share: 0.9,
  },
  gas: {
    title: 'Gas company',
    titleZh: '燃气公司',
    prefix: '62',
    digits: 8,
    unit: '立方米',
    priceFen: 361,
    usage: [4, 40],
    share: 0.6,
  },
};

export interface UtilityBill {
  billNo: string;
  period: string;
  usage: number;
  unit: string;
  amountFen: number;
  dueOn: string;
  status: 'UNPAID' | 'PAID';
  payment: { transactionId: string; channel: string; paidAt: string; reports: number } | null;
  receipt: { receiptNo: string; checkCode: string; issuedAt: string } | null;
}

interface HouseholdAccount {
  accountNo: string;
  holderIdNumber: string;
  holderName: string;
  address: string;
  bills: UtilityBill[];
}

/** Luhn-style check digit (mod 10) over the digits before it. */
function checkDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}

/** A stable number in [0, 1) per (utility, person index), so the same seed gives the same households. */
function draw(kind: string, index: number, salt: number): number {
  const h = createHmac('sha256', `${kind}:${salt}`).update(String(index)).digest();
  return h.readUInt32BE(0) / 4294967296;
}

const PERIOD_NOW = '2026-10';
const periodBack = (offset: number) => {
  const [y, m] = PERIOD_NOW.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1 - offset, 1)).toISOString().slice(0, 7);
};

export function utilityAgency(
  kind: UtilityKind,
  world: World,
  key: string,
): Agency & { accounts: Map<string, HouseholdAccount>; accountsOf(idNumber: string): HouseholdAccount[] } {
  const spec = UTILITIES[kind];
  const accounts = new Map<string, HouseholdAccount>();
  const byHolder = new Map<string, HouseholdAccount[]>();
  const bills = new Map<string, { account: HouseholdAccount; bill: UtilityBill }>();
  world.people.forEach((person, index) => {
    if (draw(kind, index, world.seed) >= spec.share) return;
    const body = `${spec.prefix}${String(index + 1).padStart(spec.digits - 1, '0')}`;
    const account: HouseholdAccount = {
      accountNo: `${body}${checkDigit(body)}`,
      holderIdNumber: person.idNumber,
      holderName: person.name,
      address: person.address,
      bills: [],
    };
    // Twelve months; every month paid but the current one, which is due for most households.
    for (let m = 11; m >= 0; m--) {
      const r = draw(kind, index, world.seed + 1 + m);
      const usage = Math.round(spec.usage[0] + r * (spec.usage[1] - spec.usage[0]));
      const period = periodBack(m);
      const current = m === 0 && draw(kind, index, world.seed + 99) < 0.85;
      const billNo = `${kind.slice(0, 1).toUpperCase()}B${period.replace('-', '')}${account.accountNo.slice(-8)}`;
      const bill: UtilityBill = {
        billNo,
        period,
        usage,
        unit: spec.unit,
        amountFen: usage * spec.priceFen,
        dueOn: `${periodBack(m - 1)}-20`,
        status: current ? 'UNPAID' : 'PAID',
        payment: current
          ? null
          : {
              transactionId: `BANK${period.replace('-', '')}${index}`,
              channel: 'BANK',
              paidAt: `${periodBack(m - 1)}-05T02:00:00.000Z`,
              reports: 1,
            },
        receipt: current
          ? null
          : {
              receiptNo: `${spec.prefix}${period.replace('-', '')}${String(index).padStart(6, '0')}`,
              checkCode: String(Math.floor(r * 1e6)).padStart(6, '0'),
              issuedAt: `${periodBack(m - 1)}-05T02:00:00.000Z`,
            },
      };
      account.bills.unshift(bill);
      bills.set(billNo, { account, bill });
    }
    accounts.set(account.accountNo, account);
    byHolder.set(person.idNumber, [...(byHolder.get(person.idNumber) ?? []), account]);
  });

  const router = new Router();
  const problem = (ctx: Context, status: number, error: string, message: string) => {
    ctx.status = status;
    ctx.body = { error, message };
  };
  const sign = (text: string) => createHmac('sha256', key).update(text).digest('base64');
  const signedBy = (text: string, signature: string) => {
    const expected = Buffer.from(sign(text));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  const accountView = (a: HouseholdAccount) => ({
    accountNo: a.accountNo,
    company: spec.titleZh,
    holderMasked: maskName(a.holderName),
    addressMasked: maskAddress(a.address),
  });
  const billView = (b: UtilityBill) => ({
    billNo: b.billNo,
    period: b.period,
    usage: b.usage,
    unit: b.unit,
    amountFen: b.amountFen,
    dueOn: b.dueOn,
    status: b.status,
    paidAt: b.payment?.paidAt ?? null,
    receiptNo: b.receipt?.receiptNo ?? null,
  });
  const confirmation = (b: UtilityBill) => {
    const c = {
      slipNo: b.billNo,
      status: b.status,
      amountFen: b.amountFen,
      receiptNo: b.receipt!.receiptNo,
      checkCode: b.receipt!.checkCode,
    };
    return { ...c, issuedAt: b.receipt!.issuedAt, signature: sign(confirmationText(c)) };
  };

  // Binding an account in an app: the number and the holder's full name must match (real apps check both), the answer is masked.
  router.post('/v1/accounts/verify', (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (typeof b.accountNo !== 'string' || typeof b.holderName !== 'string')
      return problem(ctx, 400, 'BAD_REQUEST', 'accountNo and holderName are required');
    const account = accounts.get(b.accountNo.trim());
    if (!account) return problem(ctx, 404, 'NO_ACCOUNT', 'No household account with that number');
    if (account.holderName !== b.holderName.trim())
      return problem(ctx, 422, 'HOLDER_MISMATCH', "The name is not the account holder's");
    ctx.body = accountView(account);
  });

  router.get('/v1/accounts/:accountNo/bills', (ctx) => {
    const account = accounts.get(ctx.params.accountNo);
    if (!account) return problem(ctx, 404, 'NO_ACCOUNT', 'No household account with that number');
    const months = Math.min(Math.max(Number(ctx.query.months) || 12, 1), 12);
    const due = account.bills.filter((b) => b.status === 'UNPAID');
    ctx.body = {
      ...accountView(account),
      dueFen: due.reduce((sum, b) => sum + b.amountFen, 0),
      due: due.map(billView),
      bills: account.bills.slice(0, months).map(billView),
    };
  });

  // The payment gateway's signed notice of a bill paid through a channel; the answer is the signed confirmation with the receipt.
  router.post('/v1/bills/:billNo/payments', (ctx) => {
    const found = bills.get(ctx.params.billNo);
    if (!found) return problem(ctx, 404, 'NO_BILL', 'No such bill');
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (
      typeof b.transactionId !== 'string' ||
      typeof b.paidAt !== 'string' ||
      typeof b.channel !== 'string' ||
      typeof b.amountFen !== 'number'
    ) {
      return problem(ctx, 400, 'BAD_REQUEST', 'channel, transactionId, amountFen and paidAt are required');
    }
    if (!signedBy(`${found.bill.billNo}|${b.amountFen}|${b.transactionId}|${b.paidAt}`, ctx.get('x-signature')))
      return problem(ctx, 401, 'BAD_SIGNATURE', "The notice's signature does not check");
    const { bill } = found;
    if (b.amountFen !== bill.amountFen)
      return problem(ctx, 409, 'AMOUNT_MISMATCH', "The amount paid is not the bill's amount");
    if (bill.payment) {
      if (bill.payment.transactionId !== b.transactionId)
        return problem(ctx, 409, 'ALREADY_PAID', 'The bill was paid by another transaction');
      bill.payment.reports++;
      ctx.body = confirmation(bill);
      return;
    }
    const issuedAt = new Date().toISOString();
    bill.status = 'PAID';
    bill.payment = { transactionId: b.transactionId, channel: b.channel, paidAt: b.paidAt, reports: 1 };
    bill.receipt = {
      receiptNo: `${spec.prefix}${issuedAt.slice(0, 10).replace(/-/g, '')}${String(randomInt(0, 1e6)).padStart(6, '0')}`,
      checkCode: String(randomInt(0, 1e6)).padStart(6, '0'),
      issuedAt,
    };
    ctx.body = confirmation(bill);
  });

  // Simulator only: the accounts a person holds (tests and demos need a real number to type), and a bill's state.
  router.get('/dev/accounts', (ctx) => {
    const holder = String(ctx.query.holderIdNumber ?? '').toUpperCase();
    ctx.body = {
      accounts: (byHolder.get(holder) ?? []).map((a) => ({
        accountNo: a.accountNo,
        holderName: a.holderName,
        due: a.bills.filter((x) => x.status === 'UNPAID').map((x) => ({ billNo: x.billNo, amountFen: x.amountFen })),
      })),
    };
  });
  router.get('/dev/bills/:billNo', (ctx) => {
    const found = bills.get(ctx.params.billNo);
    if (!found) return problem(ctx, 404, 'NO_BILL', 'No such bill');
    ctx.body = found.bill;
  });

  const accountSchema = { accountNo: s.str, company: s.str, holderMasked: s.str, addressMasked: s.str };
  const billSchema = s.obj({
    billNo: s.str,
    period: s.str,
    usage: s.int,
    unit: s.str,
    amountFen: s.int,
    dueOn: s.str,
    status: s.str,
    paidAt: s.nullable(s.str),
    receiptNo: s.nullable(s.str),
  });
  return {
    name: kind,
    title: spec.title,
    router,
    accounts,
    accountsOf: (idNumber) => byHolder.get(idNumber) ?? [],
    openapi: openapiDocument(kind, spec.title, [
      {
        method: 'post',
        path: '/v1/accounts/verify',
        summary: "Check a household account (户号) and its holder's full name; answers the account masked",
        body: s.obj({ accountNo: s.str, holderName: s.str }),
        response: s.obj(accountSchema),
        errors: { '400': 'Bad request', '404': 'No such account', '422': "The name is not the holder's" },
      },
      {
        method: 'get',
        path: '/v1/accounts/:accountNo/bills',
        summary: "The account's bills due and its last months (at most 12)",
        params: ['accountNo'],
        query: ['months'],
        response: s.obj({ ...accountSchema, dueFen: s.int, due: s.arr(billSchema), bills: s.arr(billSchema) }),
        errors: { '404': 'No such account' },
      },
      {
        method: 'post',
        path: '/v1/bills/:billNo/payments',
        summary:
          "The payment gateway's notice of a bill paid (header X-Signature: base64 HMAC-SHA256 of billNo|amountFen|transactionId|paidAt); answers the signed confirmation with the receipt (signature over billNo|status|amountFen|receiptNo|checkCode). A repeat answers the same",
        params: ['billNo'],
        headers: ['X-Signature'],
        body: s.obj({ channel: s.str, transactionId: s.str, amountFen: s.int, paidAt: s.str }),
        response: s.obj({
          slipNo: s.str,
          status: s.str,
          amountFen: s.int,
          receiptNo: s.str,
          checkCode: s.str,
          issuedAt: s.str,
          signature: s.str,
        }),
        errors: {
          '401': 'Bad signature',
          '404': 'No such bill',
          '409': 'Another amount, or paid by another transaction',
        },
      },
      {
        method: 'get',
        path: '/dev/accounts',
        summary: 'The accounts a person holds (simulator only)',
        query: ['holderIdNumber'],
        response: s.obj({ accounts: s.arr({ type: 'object' }) }),
      },
      {
        method: 'get',
        path: '/dev/bills/:billNo',
        summary: 'A bill with its payment and receipt (simulator only)',
        params: ['billNo'],
        response: { type: 'object' },
      },
    ]),
  };
}
