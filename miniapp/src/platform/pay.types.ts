/** What startPayment returned: one of these is set, for this build's channel. */
export interface StartedPayment {
  wechat?: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string } | null;
  alipayTradeNo?: string | null;
  baiduOrderInfo?: string | null;
  cashierUrl?: string | null;
}

/**
 * What the client's payment sheet said. Never proof of payment: the BFF marks a payment
 * paid only on the platform's server-side notification, so the app polls `payment`
 * after 'done' (and after 'unknown') until it is PAID or SETTLED.
 */
export type PayClientOutcome = 'done' | 'cancelled' | 'failed' | 'unknown';
