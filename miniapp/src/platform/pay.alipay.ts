import type { PayClientOutcome, StartedPayment } from './pay.types';

/** Alipay: my.tradePay with the trade number; resultCode 9000 paid, 6001 cancelled, 8000/6004 still being processed (unknown). */
export function requestPayment(started: StartedPayment): Promise<PayClientOutcome> {
  if (!started.alipayTradeNo) return Promise.resolve('failed');
  return new Promise((resolve) => {
    my.tradePay({
      tradeNO: started.alipayTradeNo,
      success: (res: { resultCode?: string }) =>
        resolve(
          res.resultCode === '9000'
            ? 'done'
            : res.resultCode === '6001'
              ? 'cancelled'
              : res.resultCode === '8000' || res.resultCode === '6004'
                ? 'unknown'
                : 'failed',
        ),
      fail: () => resolve('failed'),
    });
  });
}
