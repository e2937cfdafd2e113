import type { PayClientOutcome, StartedPayment } from './pay.types';

/** Baidu: swan.requestPolymerPayment with the orderInfo the BFF got from the polymer payment; errCode 2 is a cancel. Taro has no wrapper for it. */
export function requestPayment(started: StartedPayment): Promise<PayClientOutcome> {
  if (!started.baiduOrderInfo) return Promise.resolve('failed');
  return new Promise((resolve) => {
    swan.requestPolymerPayment({
      orderInfo: JSON.parse(started.baiduOrderInfo as string),
      success: () => resolve('done'),
      fail: (error: { errCode?: number }) => resolve(error?.errCode === 2 ? 'cancelled' : 'failed'),
    });
  });
}
