import type { PaymentTable } from '../../db/schema';

/**
 * The finance bureau's receipt of a payment, for Payment.receipt and ConsolePayment.receipt.
 * The three columns are written together (the settle step); the schema promises all three,
 * so a row with only some of them has no receipt to show rather than a null in a non-null field.
 */
export function receipt(p: Pick<PaymentTable, 'receipt_no' | 'receipt_check_code' | 'receipt_issued_at'>) {
  if (p.receipt_no === null || p.receipt_check_code === null || p.receipt_issued_at === null) return null;
  return { number: p.receipt_no, checkCode: p.receipt_check_code, issuedAt: p.receipt_issued_at };
}
