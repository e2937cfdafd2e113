import { createHmac } from 'node:crypto';
import type { AgencyName } from '@citizen/shared';
import type { PaymentTable } from '../../db/schema';

/** What a payment is for: an application's fee, a household bill (生活缴费), a traffic fine. */
export type PaymentSubject = 'APPLICATION' | 'UTILITY_BILL' | 'TRAFFIC_FINE';

/** A bill's payment names its company in the item code: `utility:water`. */
export const UTILITY_ITEM_PREFIX = 'utility:';

/**
 * Who collects a payment and issues its receipt. Fees and fines are non-tax revenue: the
 * finance bureau's slip, reported by Idempotency-Key. A household bill is the company's:
 * its payment gateway takes our notice signed with the gateway key (billNo|amountFen|
 * transactionId|paidAt) and answers a confirmation signed the same way as the bureau's.
 */
export interface Collector {
  agency: AgencyName;
  /** Where the payment is reported, and the headers that make the report safe or genuine. */
  reportPath: string;
  headers: Record<string, string>;
  /** The key the collector's confirmation is signed with. */
  key: string;
}

export function collectorOf(payment: PaymentTable, keys: { financeKey: string; utilityKey: string }): Collector {
  const slip = encodeURIComponent(payment.slip_no ?? '');
  if (payment.subject_kind === 'UTILITY_BILL' && payment.item_code.startsWith(UTILITY_ITEM_PREFIX)) {
    const notice = `${payment.slip_no}|${payment.amount_fen}|${payment.transaction_id}|${payment.paid_at}`;
    return {
      agency: payment.item_code.slice(UTILITY_ITEM_PREFIX.length) as AgencyName,
      reportPath: `/v1/bills/${slip}/payments`,
      headers: { 'x-signature': createHmac('sha256', keys.utilityKey).update(notice).digest('base64') },
      key: keys.utilityKey,
    };
  }
  return {
    agency: 'finance',
    reportPath: `/v1/slips/${slip}/payments`,
    headers: { 'idempotency-key': `pay:${payment.id}` },
    key: keys.financeKey,
  };
}
