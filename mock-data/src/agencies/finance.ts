import { createHmac, randomInt } from 'node:crypto';
import Router from 'koa-router';
import type { Context } from 'koa';
import { openapiDocument, s, type Agency } from './agency';

/**
 * The finance bureau's non-tax revenue system (非税收入): a payment slip per fee with a
 * 20-digit payment code, amount, payer and expiry; the collecting channel reports a
 * payment and gets back a signed confirmation carrying the electronic receipt (电子票据,
 * number and check code); refunds; and the day's payments for reconciliation. Every
 * write is idempotent per Idempotency-Key.
 */
export interface Slip {
  slipNo: string;
  paymentCode: string;
  reference: string;
  itemCode: string;
  itemName: string;
  amountFen: number;
  payerName: string;
  expiresAt: string;
  status: 'UNPAID' | 'PAID' | 'REFUNDED';
  payment: { channel: string; transactionId: string; paidAt: string; reports: number } | null;
  receipt: { receiptNo: string; checkCode: string; issuedAt: string } | null;
  refund: { refundNo: string; at: string; requests: number } | null;
  createdAt: string;
}

/** What the confirmation's signature covers, in this order. */
export const confirmationText = (c: {
  slipNo: string;
  status: string;
  amountFen: number;
  receiptNo: string;
  checkCode: string;
}) => `${c.slipNo}|${c.status}|${c.amountFen}|${c.receiptNo}|${c.checkCode}`;

const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

/** `onPaid`: the agency a fee is owed to hears of its payment from the bureau (the traffic police of a fine). */
export function financeAgency(key: string, onPaid?: (slip: Slip) => void): Agency & { slips: Map<string, Slip> } {
  const slips = new Map<string, Slip>();
  const byKey = new Map<string, Slip>();
  let serial = 0;
  const router = new Router();
  const problem = (ctx: Context, status: number, error: string, message: string) => {
    ctx.status = status;
    ctx.body = { error, message };
  };
  const sign = (text: string) => createHmac('sha256', key).update(text).digest('base64');
  const confirmation = (slip: Slip) => {
    const c = {
      slipNo: slip.slipNo,
      status: slip.status,
      amountFen: slip.amountFen,
      receiptNo: slip.receipt!.receiptNo,
      checkCode: slip.receipt!.checkCode,
    };
    return { ...c, issuedAt: slip.receipt!.issuedAt, signature: sign(confirmationText(c)) };
  };

  router.post('/v1/slips', (ctx) => {
    const idem = ctx.get('idempotency-key').trim();
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (!idem) return problem(ctx, 400, 'BAD_REQUEST', 'The Idempotency-Key header is required');
    const seen = byKey.get(idem);
    if (seen) {
      ctx.status = 201;
      ctx.body = {
        slipNo: seen.slipNo,
        paymentCode: seen.paymentCode,
        amountFen: seen.amountFen,
        status: seen.status,
        expiresAt: seen.expiresAt,
      };
      return;
    }
    const amount = b.amountFen;
    if (
      typeof b.reference !== 'string' ||
      typeof b.itemCode !== 'string' ||
      typeof b.itemName !== 'string' ||
      typeof b.payerName !== 'string' ||
      typeof b.expiresAt !== 'string' ||
      Number.isNaN(Date.parse(b.expiresAt)) ||
      typeof amount !== 'number' ||
      !Number.isInteger(amount) ||
      amount <= 0 ||
      amount > 100_000_000
    ) {
      return problem(
        ctx,
        400,
        'BAD_REQUEST',
        'reference, itemCode, itemName, payerName, expiresAt (ISO) and amountFen (integer > 0) are required',
      );
    }
    const now = new Date().toISOString();
    const slipNo = `FS${chinaDay(now).replace(/-/g, '')}${String(++serial).padStart(6, '0')}`;
    const slip: Slip = {
      slipNo,
      paymentCode: `${chinaDay(now).replace(/-/g, '')}${String(randomInt(0, 1e12)).padStart(12, '0')}`,
      reference: b.reference,
      itemCode: b.itemCode,
      itemName: b.itemName,
      amountFen: amount,
      payerName: b.payerName,
      expiresAt: new Date(b.expiresAt).toISOString(),
      status: 'UNPAID',
      payment: null,
      receipt: null,
      refund: null,
      createdAt: now,
    };
    slips.set(slipNo, slip);
    byKey.set(idem, slip);
    ctx.status = 201;
    ctx.body = {
      slipNo,
      paymentCode: slip.paymentCode,
      amountFen: slip.amountFen,
      status: slip.status,
      expiresAt: slip.expiresAt,
    };
  });

  router.get('/v1/slips/:slipNo', (ctx) => {
    const slip = slips.get(ctx.params.slipNo);
    if (!slip) return problem(ctx, 404, 'NOT_FOUND', 'No such slip');
    ctx.body = {
      slipNo: slip.slipNo,
      paymentCode: slip.paymentCode,
      amountFen: slip.amountFen,
      status: slip.status,
      expiresAt: slip.expiresAt,
      receipt: slip.receipt ? confirmation(slip) : null,
    };
  });

  // The collecting channel's report; the answer is the signed confirmation with the receipt. A repeat answers the same.
  router.post('/v1/slips/:slipNo/payments', (ctx) => {
    const slip = slips.get(ctx.params.slipNo);
    if (!slip) return problem(ctx, 404, 'NOT_FOUND', 'No such slip');
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (typeof b.channel !== 'string' || typeof b.transactionId !== 'string' || typeof b.paidAt !== 'string')
      return problem(ctx, 400, 'BAD_REQUEST', 'channel, transactionId, amountFen and paidAt are required');
    if (b.amountFen !== slip.amountFen)
      return problem(ctx, 409, 'AMOUNT_MISMATCH', "The amount paid is not the slip's amount");
    if (slip.payment) {
      if (slip.payment.transactionId !== b.transactionId)
        return problem(ctx, 409, 'ALREADY_PAID', 'The slip was paid by another transaction');
      slip.payment.reports++;
      ctx.body = confirmation(slip);
      return;
    }
    // Paid at the channel before the expiry counts, whenever it is reported.
    if (Date.parse(b.paidAt) > Date.parse(slip.expiresAt))
      return problem(ctx, 410, 'EXPIRED', 'The slip expired before it was paid');
    const issuedAt = new Date().toISOString();
    slip.status = 'PAID';
    slip.payment = { channel: b.channel, transactionId: b.transactionId, paidAt: b.paidAt, reports: 1 };
    slip.receipt = {
      receiptNo: `${chinaDay(issuedAt).slice(0, 4)}${String(randomInt(0, 1e10)).padStart(10, '0')}`,
      checkCode: String(randomInt(0, 1e6)).padStart(6, '0'),
      issuedAt,
    };
    onPaid?.(slip);
    ctx.body = confirmation(slip);
  });

  router.post('/v1/slips/:slipNo/refunds', (ctx) => {
    const slip = slips.get(ctx.params.slipNo);
    if (!slip) return problem(ctx, 404, 'NOT_FOUND', 'No such slip');
    if (slip.refund) {
      slip.refund.requests++;
    } else {
      if (slip.status !== 'PAID') return problem(ctx, 409, 'NOT_PAID', 'Only a paid slip can be refunded');
      slip.status = 'REFUNDED';
      slip.refund = { refundNo: `TK${Date.now()}${randomInt(0, 1000)}`, at: new Date().toISOString(), requests: 1 };
    }
    ctx.body = { slipNo: slip.slipNo, status: slip.status, refundNo: slip.refund.refundNo, refundedAt: slip.refund.at };
  });

  // Reconciliation: every slip paid (or refunded) on a China day.
  router.get('/v1/reconciliation', (ctx) => {
    const date = String(ctx.query.date ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return problem(ctx, 400, 'BAD_REQUEST', 'date=YYYY-MM-DD is required');
    ctx.body = {
      date,
      items: [...slips.values()]
        .filter((x) => x.payment && chinaDay(x.payment.paidAt) === date)
        .map((x) => ({
          slipNo: x.slipNo,
          reference: x.reference,
          amountFen: x.amountFen,
          status: x.status,
          channel: x.payment!.channel,
          transactionId: x.payment!.transactionId,
          paidAt: x.payment!.paidAt,
        })),
    };
  });

  router.get('/dev/slips', (ctx) => {
    ctx.body = { slips: [...slips.values()] };
  });
  // For reconciliation tests: the finance bureau's record of a slip changed behind our back.
  router.post('/dev/slips/:slipNo/amend', (ctx) => {
    const slip = slips.get(ctx.params.slipNo);
    if (!slip) return problem(ctx, 404, 'NOT_FOUND', 'No such slip');
    const b = (ctx.request.body ?? {}) as { amountFen?: number };
    if (typeof b.amountFen === 'number') slip.amountFen = b.amountFen;
    ctx.body = slip;
  });

  const slipView = s.obj({ slipNo: s.str, paymentCode: s.str, amountFen: s.int, status: s.str, expiresAt: s.str });
  const confirmationView = s.obj({
    slipNo: s.str,
    status: s.str,
    amountFen: s.int,
    receiptNo: s.str,
    checkCode: s.str,
    issuedAt: s.str,
    signature: s.str,
  });
  return {
    name: 'finance',
    title: 'Finance bureau non-tax revenue',
    router,
    slips,
    openapi: openapiDocument('finance', 'Finance bureau non-tax revenue', [
      {
        method: 'post',
        path: '/v1/slips',
        summary: 'Open a payment slip (缴款书) for a fee',
        headers: ['Idempotency-Key'],
        body: s.obj({
          reference: s.str,
          itemCode: s.str,
          itemName: s.str,
          amountFen: s.int,
          payerName: s.str,
          expiresAt: s.str,
        }),
        response: slipView,
        success: { '201': 'Opened (or the one opened with this key)' },
        errors: { '400': 'Bad request' },
      },
      {
        method: 'get',
        path: '/v1/slips/:slipNo',
        summary: 'A slip and, once paid, its signed confirmation',
        params: ['slipNo'],
        response: slipView,
        errors: { '404': 'No such slip' },
      },
      {
        method: 'post',
        path: '/v1/slips/:slipNo/payments',
        summary:
          'Report a payment collected by a channel; answers the signed confirmation with the electronic receipt (number, check code). Signature: base64 HMAC-SHA256 of slipNo|status|amountFen|receiptNo|checkCode',
        params: ['slipNo'],
        body: s.obj({ channel: s.str, transactionId: s.str, amountFen: s.int, paidAt: s.str }),
        response: confirmationView,
        errors: {
          '404': 'No such slip',
          '409': 'Amount differs or paid by another transaction',
          '410': 'Expired before it was paid',
        },
      },
      {
        method: 'post',
        path: '/v1/slips/:slipNo/refunds',
        summary: 'Refund a paid slip (idempotent)',
        params: ['slipNo'],
        body: s.obj({ reason: s.str }, []),
        response: s.obj({ slipNo: s.str, status: s.str, refundNo: s.str, refundedAt: s.str }),
        errors: { '404': 'No such slip', '409': 'Not paid' },
      },
      {
        method: 'get',
        path: '/v1/reconciliation',
        summary: 'Slips paid on a China day, for reconciliation',
        query: ['date'],
        response: s.obj({
          date: s.str,
          items: s.arr(
            s.obj({
              slipNo: s.str,
              reference: s.str,
              amountFen: s.int,
              status: s.str,
              channel: s.str,
              transactionId: s.str,
              paidAt: s.str,
            }),
          ),
        }),
        errors: { '400': 'Bad date' },
      },
      {
        method: 'get',
        path: '/dev/slips',
        summary: 'Every slip (simulator only)',
        response: s.obj({ slips: s.arr({ type: 'object' }) }),
      },
      {
        method: 'post',
        path: '/dev/slips/:slipNo/amend',
        summary: "Change a slip's recorded amount (simulator only, to plant a reconciliation difference)",
        params: ['slipNo'],
        body: s.obj({ amountFen: s.int }),
        response: { type: 'object' },
      },
    ]),
  };
}
