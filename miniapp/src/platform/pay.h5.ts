import type { PayClientOutcome, StartedPayment } from './pay.types';

/**
 * H5: a browser has no payment sheet; it goes to the cashier page, which comes back to
 * the returnUrl given to startPayment, where the app polls the payment.
 */
export async function requestPayment(started: StartedPayment): Promise<PayClientOutcome> {
  if (!started.cashierUrl) return 'failed';
  window.location.assign(started.cashierUrl);
  return 'unknown';
}
