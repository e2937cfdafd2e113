import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type Router from 'koa-router';
import { s, type Operation } from '../agencies/agency';

/**
 * The platforms' payment systems, simulated: an order per merchant trade number
 * (the same number again is the same order), the buyer's confirmation (what the
 * client's wx.requestPayment / my.tradePay / swan.requestPolymerPayment or the H5
 * cashier would do), a signed server-side notification to the merchant's notify URL
 * retried until acknowledged, and refunds idempotent per refund number.
 *
 * Signatures are HMAC-SHA256 with the merchant's key (the real platforms sign with RSA
 * certificates; a shared key keeps the simulator self-contained while the merchant
 * still has to check every notification).
 */
export type PayPlatform = 'wechat' | 'alipay' | 'baidu';

export interface PayOrder {
  platform: PayPlatform;
  /** The platform's order reference: prepay_id, trade_no, orderId. */
  ref: string;
  outTradeNo: string;
  amountFen: number;
  description: string;
  notifyUrl: string;
  status: 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';
  transactionId: string | null;
  paidAt: string | null;
  refunds: Array<{ outRefundNo: string; refundId: string; amountFen: number; at: string; requests: number }>;
  notifications: { attempts: number; acked: boolean; lastStatus: number | null };
}

export const hmac = (key: string, text: string) => createHmac('sha256', key).update(text).digest('base64');

/** The parameters every platform signs, sorted by name, as key=value joined by & (Alipay's and Baidu's way). */
export const sortedParams = (params: Record<string, string>) =>
  Object.keys(params)
    .filter((k) => k !== 'sign' && k !== 'rsaSign' && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');

const yuan = (fen: number) => (fen / 100).toFixed(2);

interface Notification {
  contentType: string;
  headers: Record<string, string>;
  body: string;
}

/** How each platform writes its notification and says "received". */
const FORMATS: Record<
  PayPlatform,
  { notify(order: PayOrder, key: string): Notification; acked(status: number, text: string): boolean }
> = {
  // WeChat Pay v3: JSON, signature over "timestamp\nnonce\nbody\n" in Wechatpay-* headers; 200/204 acknowledges.
  wechat: {
    notify(order, key) {
      const body = JSON.stringify({
        id: randomUUID(),
        create_time: new Date().toISOString(),
        event_type: 'TRANSACTION.SUCCESS',
        resource_type: 'encrypt-resource',
        resource: {
          out_trade_no: order.outTradeNo,
          transaction_id: order.transactionId,
          trade_state: 'SUCCESS',
          success_time: order.paidAt,
          amount: { total: order.amountFen, currency: 'CNY' },
        },
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(8).toString('hex');
      return {
        contentType: 'application/json',
        body,
        headers: {
          'wechatpay-timestamp': timestamp,
          'wechatpay-nonce': nonce,
          'wechatpay-signature': hmac(key, `${timestamp}\n${nonce}\n${body}\n`),
        },
      };
    },
    acked: (status) => status === 200 || status === 204,
  },
  // Alipay: form fields, `sign` over the sorted fields; the body "success" acknowledges.
  alipay: {
    notify(order, key) {
      const params: Record<string, string> = {
        notify_id: randomUUID(),
        notify_time: new Date().toISOString(),
        trade_status: 'TRADE_SUCCESS',
        out_trade_no: order.outTradeNo,
        trade_no: order.transactionId!,
        total_amount: yuan(order.amountFen),
        gmt_payment: order.paidAt!,
        sign_type: 'HMAC-SHA256',
      };
      params.sign = hmac(key, sortedParams(params));
      return {
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams(params).toString(),
        headers: {},
      };
    },
    acked: (status, text) => status === 200 && text.trim() === 'success',
  },
  // Baidu polymer payment: form fields, `rsaSign` over the sorted fields, status 2 paid; {errno:0} acknowledges.
  baidu: {
    notify(order, key) {
      const params: Record<string, string> = {
        tpOrderId: order.outTradeNo,
        orderId: order.transactionId!,
        totalMoney: String(order.amountFen),
        payMoney: String(order.amountFen),
        status: '2',
        payTime: String(Math.floor(Date.parse(order.paidAt!) / 1000)),
      };
      params.rsaSign = hmac(key, sortedParams(params));
      return {
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams(params).toString(),
        headers: {},
      };
    },
    acked: (status, text) => {
      if (status !== 200) return false;
      try {
        return JSON.parse(text).errno === 0;
      } catch {
        return false;
      }
    },
  },
};

/** Notification retries: at once, then after these many ms (the real ones wait 15 s, 15 s, 30 s, 3 min …). */
const RETRY_MS = [0, 300, 1000, 2000, 4000, 8000, 15000, 30000];

export class PaySimulator {
  private readonly byOutTradeNo = new Map<string, PayOrder>();
  private readonly byRef = new Map<string, PayOrder>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly platform: PayPlatform,
    readonly key: string,
  ) {}

  /** Opens an order, or returns the one already open for this trade number. @returns null when the trade number was used for another amount. */
  open(outTradeNo: string, amountFen: number, description: string, notifyUrl: string): PayOrder | null {
    const existing = this.byOutTradeNo.get(outTradeNo);
    if (existing) return existing.amountFen === amountFen ? existing : null;
    const prefix = { wechat: 'wx', alipay: '2026', baidu: 'bd' }[this.platform];
    const order: PayOrder = {
      platform: this.platform,
      ref: `${prefix}${randomBytes(10).toString('hex')}`,
      outTradeNo,
      amountFen,
      description,
      notifyUrl,
      status: 'NOTPAY',
      transactionId: null,
      paidAt: null,
      refunds: [],
      notifications: { attempts: 0, acked: false, lastStatus: null },
    };
    this.byOutTradeNo.set(outTradeNo, order);
    this.byRef.set(order.ref, order);
    return order;
  }

  order(refOrTradeNo: string): PayOrder | undefined {
    return this.byRef.get(refOrTradeNo) ?? this.byOutTradeNo.get(refOrTradeNo);
  }

  orders(): PayOrder[] {
    return [...this.byRef.values()];
  }

  /** The buyer confirms: the order is paid and the notification starts (unless held). Paying twice is one payment. */
  async pay(order: PayOrder, notify: 'now' | 'hold'): Promise<PayOrder> {
    if (order.status === 'NOTPAY') {
      order.status = 'SUCCESS';
      order.transactionId = `${{ wechat: '4200', alipay: '2026', baidu: '9' }[this.platform]}${Date.now()}${randomBytes(4).toString('hex')}`;
      order.paidAt = new Date().toISOString();
      if (notify === 'now') await this.notify(order, 0);
    }
    return order;
  }

  /**
   * Sends the notification; on no acknowledgement tries again later. The first try is
   * awaited, so a client told "paid" by the simulator comes back after the merchant heard.
   */
  async notify(order: PayOrder, attempt = 0): Promise<boolean> {
    if (order.status !== 'SUCCESS' && order.status !== 'REFUND') return false;
    const { contentType, headers, body } = FORMATS[this.platform].notify(order, this.key);
    order.notifications.attempts++;
    let acked = false;
    try {
      const response = await fetch(order.notifyUrl, {
        method: 'POST',
        headers: { 'content-type': contentType, ...headers },
        body,
        signal: AbortSignal.timeout(5000),
      });
      const text = await response.text();
      order.notifications.lastStatus = response.status;
      acked = FORMATS[this.platform].acked(response.status, text);
    } catch {
      order.notifications.lastStatus = null;
    }
    if (acked) order.notifications.acked = true;
    else if (attempt + 1 < RETRY_MS.length) {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          void this.notify(order, attempt + 1);
        },
        RETRY_MS[attempt + 1],
      );
      timer.unref();
      this.timers.add(timer);
    }
    return acked;
  }

  /** A full or partial refund, once per refund number. @returns null when it cannot be refunded. */
  refund(order: PayOrder, outRefundNo: string, amountFen: number) {
    const seen = order.refunds.find((r) => r.outRefundNo === outRefundNo);
    if (seen) {
      seen.requests++;
      return seen;
    }
    const refunded = order.refunds.reduce((sum, r) => sum + r.amountFen, 0);
    if (
      order.status === 'NOTPAY' ||
      order.status === 'CLOSED' ||
      amountFen <= 0 ||
      refunded + amountFen > order.amountFen
    )
      return null;
    const refund = {
      outRefundNo,
      refundId: `rf${randomBytes(8).toString('hex')}`,
      amountFen,
      at: new Date().toISOString(),
      requests: 1,
    };
    order.refunds.push(refund);
    if (refunded + amountFen === order.amountFen) order.status = 'REFUND';
    return refund;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** The simulator-only routes of a payment system: confirm as the buyer, resend a notification, list orders, the H5 cashier page. */
export function addPayDevRoutes(router: Router, pay: PaySimulator): Operation[] {
  const find = (ctx: Context) => {
    const order = pay.order(String(ctx.params.ref));
    if (!order) {
      ctx.status = 404;
      ctx.body = { error: 'NOT_FOUND', message: 'No order with that reference' };
    }
    return order;
  };
  router.post('/dev/pay/:ref', async (ctx) => {
    const order = find(ctx);
    if (!order) return;
    const { outcome = 'paid', notify = 'now' } = (ctx.request.body ?? {}) as { outcome?: string; notify?: string };
    if (outcome === 'cancelled') {
      ctx.body = { ref: order.ref, status: order.status, result: 'cancelled' };
      return;
    }
    await pay.pay(order, notify === 'hold' ? 'hold' : 'now');
    ctx.body = {
      ref: order.ref,
      status: order.status,
      transactionId: order.transactionId,
      result: 'paid',
      notified: order.notifications.acked,
    };
  });
  router.post('/dev/notify/:ref', async (ctx) => {
    const order = find(ctx);
    if (!order) return;
    ctx.body = { acked: await pay.notify(order, RETRY_MS.length - 1), lastStatus: order.notifications.lastStatus };
  });
  router.get('/dev/orders', (ctx) => {
    ctx.body = { orders: pay.orders() };
  });
  // The H5 cashier: a page the browser is sent to; 确认支付 pays and goes back to the app.
  router.get('/dev/cashier/:ref', (ctx) => {
    const order = find(ctx);
    if (!order) return;
    const back =
      typeof ctx.query.redirect === 'string' && /^https?:\/\//.test(ctx.query.redirect) ? ctx.query.redirect : '';
    const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>收银台</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1f2329}main{max-width:420px;margin:0 auto;padding:32px 20px}h1{font-size:18px;font-weight:500}.amount{font-size:36px;margin:16px 0}button{width:100%;padding:14px;font-size:17px;border:0;border-radius:8px;background:#07c160;color:#fff}p{color:#4e5969}</style></head>
<body><main><h1>模拟收银台</h1><p>${html(order.description)}</p><div class="amount" id="amount">¥${yuan(order.amountFen)}</div>
<button id="pay" type="button">确认支付</button><p id="result" role="status"></p></main>
<script>document.getElementById('pay').onclick=async function(){this.disabled=true;var r=await fetch(location.pathname.replace('/cashier/','/pay/'),{method:'POST',headers:{'content-type':'application/json'},body:'{"outcome":"paid"}'});var j=await r.json();document.getElementById('result').textContent=j.result==='paid'?'支付成功':'支付未完成';var back=${JSON.stringify(back)};if(back)setTimeout(function(){location.href=back},600);};</script></body></html>`;
  });
  const ref = ['ref'];
  return [
    {
      method: 'post',
      path: '/dev/pay/:ref',
      summary:
        'The buyer confirms the payment (stand-in for the client SDK or cashier); notify: hold keeps the notification back',
      params: ref,
      body: s.obj(
        { outcome: { type: 'string', enum: ['paid', 'cancelled'] }, notify: { type: 'string', enum: ['now', 'hold'] } },
        [],
      ),
      response: s.obj({ ref: s.str, status: s.str, result: s.str }),
      errors: { '404': 'Unknown order' },
    },
    {
      method: 'post',
      path: '/dev/notify/:ref',
      summary: 'Sends the payment notification (again)',
      params: ref,
      response: s.obj({ acked: s.bool }),
      errors: { '404': 'Unknown order' },
    },
    {
      method: 'get',
      path: '/dev/orders',
      summary: 'Every order with its notifications and refunds',
      response: s.obj({ orders: s.arr({ type: 'object' }) }),
    },
    {
      method: 'get',
      path: '/dev/cashier/:ref',
      summary: 'The H5 cashier page (HTML); redirect: where to go back after paying',
      params: ref,
      query: ['redirect'],
      response: s.str,
    },
  ];
}

const problem = (ctx: Context, status: number, error: string, message: string) => {
  ctx.status = status;
  ctx.body = { error, message };
};
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 100_000_000 ? v : null);
const str = (v: unknown, max = 256) => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : null);
const notifyUrl = (v: unknown) => (typeof v === 'string' && /^https?:\/\/[^\s]+$/.test(v) ? v : null);

/**
 * The merchant side of each platform's payment API, in that platform's words: open an
 * order (WeChat prepay for JSAPI or H5, Alipay trade create for my.tradePay, Baidu's
 * polymer order for swan.requestPolymerPayment), query it, refund it.
 */
export function addPayApiRoutes(router: Router, pay: PaySimulator): Operation[] {
  const order = (ctx: Context, key: string) => pay.order(String(ctx.params[key]));
  if (pay.platform === 'wechat') {
    const open = (ctx: Context, h5: boolean) => {
      const b = (ctx.request.body ?? {}) as {
        out_trade_no?: unknown;
        description?: unknown;
        notify_url?: unknown;
        amount?: { total?: unknown };
        payer?: { openid?: unknown };
      };
      const total = int(b.amount?.total);
      if (
        !str(b.out_trade_no, 32) ||
        !str(b.description, 127) ||
        !notifyUrl(b.notify_url) ||
        !total ||
        (!h5 && !str(b.payer?.openid))
      ) {
        return problem(
          ctx,
          400,
          'PARAM_ERROR',
          'out_trade_no, description, notify_url, amount.total and (jsapi) payer.openid are required',
        );
      }
      const o = pay.open(b.out_trade_no as string, total, b.description as string, b.notify_url as string);
      if (!o) return problem(ctx, 400, 'OUT_TRADE_NO_USED', 'out_trade_no was used with another amount');
      ctx.body = h5
        ? { prepay_id: o.ref, h5_url: `${ctx.protocol}://${ctx.host}/wechat/dev/cashier/${o.ref}` }
        : { prepay_id: o.ref };
    };
    router.post('/v3/pay/transactions/jsapi', (ctx) => open(ctx, false));
    router.post('/v3/pay/transactions/h5', (ctx) => open(ctx, true));
    router.get('/v3/pay/transactions/out-trade-no/:no', (ctx) => {
      const o = order(ctx, 'no');
      if (!o) return problem(ctx, 404, 'ORDER_NOT_EXIST', 'no such order');
      ctx.body = {
        out_trade_no: o.outTradeNo,
        transaction_id: o.transactionId,
        trade_state: o.status,
        success_time: o.paidAt,
        amount: { total: o.amountFen },
      };
    });
    router.post('/v3/refund/domestic/refunds', (ctx) => {
      const b = (ctx.request.body ?? {}) as {
        out_trade_no?: unknown;
        out_refund_no?: unknown;
        amount?: { refund?: unknown };
      };
      const o = pay.order(String(b.out_trade_no ?? ''));
      if (!o) return problem(ctx, 404, 'RESOURCE_NOT_EXISTS', 'no such order');
      const refund =
        str(b.out_refund_no, 64) && int(b.amount?.refund)
          ? pay.refund(o, b.out_refund_no as string, b.amount!.refund as number)
          : null;
      if (!refund) return problem(ctx, 400, 'INVALID_REQUEST', 'order not paid or refund amount too large');
      ctx.body = {
        refund_id: refund.refundId,
        out_refund_no: refund.outRefundNo,
        status: 'SUCCESS',
        amount: { refund: refund.amountFen },
      };
    });
    return [
      {
        method: 'post',
        path: '/v3/pay/transactions/jsapi',
        summary: 'JSAPI prepay: a prepay_id for wx.requestPayment',
        body: s.obj({
          appid: s.str,
          mchid: s.str,
          description: s.str,
          out_trade_no: s.str,
          notify_url: s.str,
          amount: s.obj({ total: s.int }),
          payer: s.obj({ openid: s.str }),
        }),
        response: s.obj({ prepay_id: s.str }),
        errors: { '400': 'Bad parameters' },
      },
      {
        method: 'post',
        path: '/v3/pay/transactions/h5',
        summary: 'H5 prepay: the cashier page to send the browser to',
        body: s.obj({ description: s.str, out_trade_no: s.str, notify_url: s.str, amount: s.obj({ total: s.int }) }),
        response: s.obj({ prepay_id: s.str, h5_url: s.str }),
        errors: { '400': 'Bad parameters' },
      },
      {
        method: 'get',
        path: '/v3/pay/transactions/out-trade-no/:no',
        summary: 'An order by merchant trade number',
        params: ['no'],
        response: s.obj({ out_trade_no: s.str, trade_state: s.str, transaction_id: s.nullable(s.str) }),
        errors: { '404': 'No such order' },
      },
      {
        method: 'post',
        path: '/v3/refund/domestic/refunds',
        summary: 'Refund, once per out_refund_no',
        body: s.obj({ out_trade_no: s.str, out_refund_no: s.str, amount: s.obj({ refund: s.int, total: s.int }) }),
        response: s.obj({ refund_id: s.str, status: s.str }),
        errors: { '400': 'Not refundable', '404': 'No such order' },
      },
    ];
  }
  // Alipay and Baidu: the same three calls, in their own field names and amount units.
  const alipay = pay.platform === 'alipay';
  router.post('/pay/orders', (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    const total = alipay
      ? typeof b.total_amount === 'string' && /^\d{1,8}\.\d{2}$/.test(b.total_amount)
        ? Math.round(Number(b.total_amount) * 100)
        : null
      : int(b.totalAmount);
    const outTradeNo = str(alipay ? b.out_trade_no : b.tpOrderId, 64);
    const subject = str(alipay ? b.subject : b.dealTitle, 128);
    const url = notifyUrl(alipay ? b.notify_url : b.notifyUrl);
    if (!total || !outTradeNo || !subject || !url)
      return problem(
        ctx,
        400,
        'INVALID_PARAMETER',
        alipay
          ? 'out_trade_no, total_amount (yuan, 2 decimals), subject, notify_url are required'
          : 'tpOrderId, totalAmount (fen), dealTitle, notifyUrl are required',
      );
    const o = pay.open(outTradeNo, total, subject, url);
    if (!o) return problem(ctx, 400, 'ORDER_EXISTS', 'trade number used with another amount');
    ctx.body = alipay
      ? { trade_no: o.ref, out_trade_no: o.outTradeNo }
      : {
          orderId: o.ref,
          orderInfo: {
            dealId: o.ref,
            tpOrderId: o.outTradeNo,
            totalAmount: String(o.amountFen),
            dealTitle: o.description,
            signFieldsRange: '1',
            rsaSign: hmac(
              pay.key,
              sortedParams({ dealId: o.ref, tpOrderId: o.outTradeNo, totalAmount: String(o.amountFen) }),
            ),
          },
        };
  });
  router.get('/pay/orders/:no', (ctx) => {
    const o = order(ctx, 'no');
    if (!o) return problem(ctx, 404, 'ORDER_NOT_FOUND', 'no such order');
    ctx.body = {
      outTradeNo: o.outTradeNo,
      ref: o.ref,
      status: o.status,
      transactionId: o.transactionId,
      amountFen: o.amountFen,
      paidAt: o.paidAt,
    };
  });
  router.post('/pay/refunds', (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    const o = pay.order(String((alipay ? b.out_trade_no : b.tpOrderId) ?? ''));
    if (!o) return problem(ctx, 404, 'ORDER_NOT_FOUND', 'no such order');
    const amount = alipay
      ? typeof b.refund_amount === 'string'
        ? Math.round(Number(b.refund_amount) * 100)
        : null
      : int(b.applyRefundMoney);
    const no = str(alipay ? b.out_request_no : b.refundBatchId, 64);
    const refund = amount && no ? pay.refund(o, no, amount) : null;
    if (!refund) return problem(ctx, 400, 'REFUND_NOT_ALLOWED', 'order not paid or refund too large');
    ctx.body = alipay
      ? { fund_change: 'Y', refund_fee: yuan(refund.amountFen), out_request_no: refund.outRefundNo }
      : { refundBatchId: refund.outRefundNo, refundPayMoney: refund.amountFen, status: 'SUCCESS' };
  });
  return [
    {
      method: 'post',
      path: '/pay/orders',
      summary: alipay
        ? 'alipay.trade.create: a trade_no for my.tradePay'
        : 'Polymer payment order: orderInfo for swan.requestPolymerPayment',
      body: { type: 'object' },
      response: { type: 'object' },
      errors: { '400': 'Bad parameters' },
    },
    {
      method: 'get',
      path: '/pay/orders/:no',
      summary: 'An order by merchant trade number or platform reference',
      params: ['no'],
      response: { type: 'object' },
      errors: { '404': 'No such order' },
    },
    {
      method: 'post',
      path: '/pay/refunds',
      summary: 'Refund, once per refund number',
      body: { type: 'object' },
      response: { type: 'object' },
      errors: { '400': 'Not refundable', '404': 'No such order' },
    },
  ];
}
