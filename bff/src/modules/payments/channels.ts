import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import { AppError } from '../../errors';
import type { PaymentTable } from '../../db/schema';

/** Where a citizen pays: each platform's own payment (the H5 build goes through WeChat Pay's H5 cashier). */
export const CHANNELS = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'] as const;
export type Channel = (typeof CHANNELS)[number];
export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);

/** A payment notification whose signature checked out. */
export interface Notice {
  outTradeNo: string;
  transactionId: string;
  amountFen: number;
  paidAt: string;
}

/** What to answer the platform: it retries until it hears its own word for "received". */
export interface Ack {
  status: number;
  type: string;
  body: string;
}

export interface Prepared {
  /** The platform's order reference (prepay_id, trade_no, orderId). */
  order: string;
  /** What the client hands to wx.requestPayment / my.tradePay / swan.requestPolymerPayment, as strings. */
  params: Record<string, string>;
  /** H5: the cashier page to open. */
  cashierUrl: string | null;
}

export interface ChannelKeys {
  WECHAT_APPID: string;
  WECHAT_PAY_KEY: string;
  ALIPAY_PAY_KEY: string;
  BAIDU_CLIENT_ID: string;
  BAIDU_PAY_KEY: string;
}

const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('base64');
/** Compares signatures in constant time; a different length is simply unequal. */
export function sameSignature(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
const sortedParams = (params: Record<string, string>) =>
  Object.keys(params)
    .filter((k) => k !== 'sign' && k !== 'rsaSign' && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
const fenOf = (yuan: string) => (/^\d{1,8}\.\d{2}$/.test(yuan) ? Math.round(Number(yuan) * 100) : NaN);
const agencyOf = (channel: Channel) => (channel === 'ALIPAY' ? 'alipay' : channel === 'BAIDU' ? 'baidu' : 'wechat');

/** The answers each platform expects. */
export const ACKS: Record<'wechat' | 'alipay' | 'baidu', { ok: Ack; fail: Ack }> = {
  wechat: {
    ok: { status: 204, type: 'text', body: '' },
    fail: { status: 400, type: 'json', body: JSON.stringify({ code: 'FAIL', message: 'rejected' }) },
  },
  alipay: { ok: { status: 200, type: 'text', body: 'success' }, fail: { status: 200, type: 'text', body: 'failure' } },
  baidu: {
    ok: { status: 200, type: 'json', body: JSON.stringify({ errno: 0, msg: 'success', data: { isConsumed: 2 } }) },
    fail: { status: 200, type: 'json', body: JSON.stringify({ errno: 1, msg: 'rejected', data: {} }) },
  },
};

/**
 * The platforms' payment APIs behind one shape: open an order for a payment, check a
 * notification's signature and read it, refund. The amount always comes from our
 * payment row, never from the client.
 */
export class PaymentChannels {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly keys: ChannelKeys,
  ) {}

  /** @throws AGENCY_UNAVAILABLE when the platform does not open the order. */
  async prepare(
    channel: Channel,
    payment: PaymentTable,
    ctx: { notifyUrl: string; openid: string | null; returnUrl: string | null },
    deadline: Deadline | null,
  ): Promise<Prepared> {
    const description = payment.item_name.slice(0, 60);
    if (channel === 'WECHAT' || channel === 'H5') {
      const h5 = channel === 'H5';
      const { status, body } = await this.upstream.request<{ prepay_id?: string; h5_url?: string }>('wechat', {
        method: 'POST',
        path: `/v3/pay/transactions/${h5 ? 'h5' : 'jsapi'}`,
        body: {
          appid: this.keys.WECHAT_APPID,
          description,
          out_trade_no: payment.id,
          notify_url: ctx.notifyUrl,
          amount: { total: payment.amount_fen, currency: 'CNY' },
          ...(h5 ? {} : { payer: { openid: ctx.openid } }),
        },
        deadline,
      });
      if (status !== 200 || !body?.prepay_id)
        throw new AppError('AGENCY_UNAVAILABLE', `wechat pay answered ${status}`, { agency: 'wechat' });
      if (h5) {
        const cashier = `${body.h5_url}${ctx.returnUrl ? `?redirect=${encodeURIComponent(ctx.returnUrl)}` : ''}`;
        return { order: body.prepay_id, params: { prepayId: body.prepay_id }, cashierUrl: cashier };
      }
      // wx.requestPayment's parameters, signed so the client cannot change them.
      const timeStamp = String(Math.floor(Date.now() / 1000));
      const nonceStr = randomBytes(16).toString('hex');
      const pkg = `prepay_id=${body.prepay_id}`;
      return {
        order: body.prepay_id,
        params: {
          timeStamp,
          nonceStr,
          package: pkg,
          signType: 'HMAC-SHA256',
          paySign: hmac(this.keys.WECHAT_PAY_KEY, `${this.keys.WECHAT_APPID}\n${timeStamp}\n${nonceStr}\n${pkg}\n`),
        },
        cashierUrl: null,
      };
    }
    if (channel === 'ALIPAY') {
      const { status, body } = await this.upstream.request<{ trade_no?: string }>('alipay', {
        method: 'POST',
        path: '/pay/orders',
        body: {
          out_trade_no: payment.id,
          total_amount: (payment.amount_fen / 100).toFixed(2),
          subject: description,
          notify_url: ctx.notifyUrl,
          buyer_id: ctx.openid,
        },
        deadline,
      });
      if (status !== 200 || !body?.trade_no)
        throw new AppError('AGENCY_UNAVAILABLE', `alipay answered ${status}`, { agency: 'alipay' });
      return { order: body.trade_no, params: { tradeNO: body.trade_no }, cashierUrl: null };
    }
    const { status, body } = await this.upstream.request<{ orderId?: string; orderInfo?: Record<string, string> }>(
      'baidu',
      {
        method: 'POST',
        path: '/pay/orders',
        body: {
          tpOrderId: payment.id,
          totalAmount: payment.amount_fen,
          dealTitle: description,
          notifyUrl: ctx.notifyUrl,
          appKey: this.keys.BAIDU_CLIENT_ID,
        },
        deadline,
      },
    );
    if (status !== 200 || !body?.orderId || !body.orderInfo)
      throw new AppError('AGENCY_UNAVAILABLE', `baidu pay answered ${status}`, { agency: 'baidu' });
    return {
      order: body.orderId,
      params: { ...body.orderInfo, orderInfo: JSON.stringify(body.orderInfo) },
      cashierUrl: null,
    };
  }

  /** Reads a notification; null when its signature is wrong or it is not a success. */
  verify(
    platform: 'wechat' | 'alipay' | 'baidu',
    raw: string,
    headers: Record<string, string | string[] | undefined>,
  ): Notice | null {
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    if (platform === 'wechat') {
      const expected = hmac(
        this.keys.WECHAT_PAY_KEY,
        `${header('wechatpay-timestamp')}\n${header('wechatpay-nonce')}\n${raw}\n`,
      );
      if (!sameSignature(expected, header('wechatpay-signature'))) return null;
      try {
        const event = JSON.parse(raw) as {
          event_type?: string;
          resource?: {
            out_trade_no?: unknown;
            transaction_id?: unknown;
            trade_state?: string;
            success_time?: unknown;
            amount?: { total?: unknown };
          };
        };
        const r = event.resource;
        if (
          event.event_type !== 'TRANSACTION.SUCCESS' ||
          r?.trade_state !== 'SUCCESS' ||
          typeof r.out_trade_no !== 'string' ||
          typeof r.transaction_id !== 'string' ||
          typeof r.amount?.total !== 'number' ||
          typeof r.success_time !== 'string'
        )
          return null;
        return {
          outTradeNo: r.out_trade_no,
          transactionId: r.transaction_id,
          amountFen: r.amount.total,
          paidAt: r.success_time,
        };
      } catch {
        return null;
      }
    }
    const params = Object.fromEntries(new URLSearchParams(raw)) as Record<string, string>;
    if (platform === 'alipay') {
      if (!sameSignature(hmac(this.keys.ALIPAY_PAY_KEY, sortedParams(params)), params.sign)) return null;
      if (params.trade_status !== 'TRADE_SUCCESS' || !params.out_trade_no || !params.trade_no || !params.gmt_payment)
        return null;
      return {
        outTradeNo: params.out_trade_no,
        transactionId: params.trade_no,
        amountFen: fenOf(params.total_amount ?? ''),
        paidAt: params.gmt_payment,
      };
    }
    if (!sameSignature(hmac(this.keys.BAIDU_PAY_KEY, sortedParams(params)), params.rsaSign)) return null;
    if (params.status !== '2' || !params.tpOrderId || !params.orderId || !/^\d+$/.test(params.totalMoney ?? ''))
      return null;
    return {
      outTradeNo: params.tpOrderId,
      transactionId: params.orderId,
      amountFen: Number(params.totalMoney),
      paidAt: new Date(Number(params.payTime) * 1000 || Date.now()).toISOString(),
    };
  }

  /** Gives the money back through the channel it came by, once per payment (the payment id is the refund number). */
  async refund(payment: PaymentTable): Promise<void> {
    const channel = payment.channel as Channel;
    const agency = agencyOf(channel);
    const body =
      agency === 'wechat'
        ? {
            out_trade_no: payment.id,
            out_refund_no: payment.id,
            amount: { refund: payment.amount_fen, total: payment.amount_fen, currency: 'CNY' },
          }
        : agency === 'alipay'
          ? {
              out_trade_no: payment.id,
              out_request_no: payment.id,
              refund_amount: (payment.amount_fen / 100).toFixed(2),
            }
          : { tpOrderId: payment.id, refundBatchId: payment.id, applyRefundMoney: payment.amount_fen };
    const { status } = await this.upstream.request(agency, {
      method: 'POST',
      path: agency === 'wechat' ? '/v3/refund/domestic/refunds' : '/pay/refunds',
      body,
      headers: { 'idempotency-key': `refund:${payment.id}` },
      // Refunds are made by the outbox (payments.refund), never while serving a request.
      deadline: null,
    });
    if (status !== 200) throw new AppError('AGENCY_UNAVAILABLE', `${agency} refund answered ${status}`, { agency });
  }
}

export const platformOf = (channel: Channel) => agencyOf(channel);
