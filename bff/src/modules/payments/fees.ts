import type { Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/schema';
import type { Outbox } from '../../outbox/outbox';
import type { FeeRule } from '../applications/definitions';

export const EXPIRE_PAYMENT = 'payments.expire';

export interface Fee {
  itemCode: string;
  itemName: string;
  itemNameEn: string;
  quantity: number;
  amountFen: number;
}

/**
 * The fee for an application, from the service's rule and the answers alone (never a
 * client's figure): the unit price, times the number the quantity answer holds.
 * @returns null when the service is free; a quantity that is not a whole number in range counts as 1.
 */
export function feeFor(rule: FeeRule | null | undefined, answers: Readonly<Record<string, string>>): Fee | null {
  if (!rule || !(rule.unitFen > 0)) return null;
  let quantity = 1;
  if (rule.quantityField) {
    const given = Number(answers[rule.quantityField]);
    // The form's own validation already limited the answer; this only keeps the arithmetic honest.
    if (Number.isInteger(given) && given >= 1 && given <= (rule.maxQuantity ?? 10)) quantity = given;
  }
  return {
    itemCode: rule.itemCode,
    itemName: rule.itemName,
    itemNameEn: rule.itemNameEn,
    quantity,
    amountFen: rule.unitFen * quantity,
  };
}

/**
 * Opens the payment of an application in the submission's transaction, and schedules
 * its expiry as an outbox message due at the deadline (a job, not a screen's side effect).
 */
export async function openApplicationPayment(
  trx: Transaction<Database>,
  outbox: Outbox,
  input: { citizenId: string; applicationId: string; fee: Fee; now: Date; expireMinutes: number },
): Promise<string> {
  const id = randomUUID().replace(/-/g, '');
  const expiresAt = new Date(input.now.getTime() + input.expireMinutes * 60_000);
  const now = input.now.toISOString();
  await trx
    .insertInto('payments')
    .values({
      id,
      citizen_id: input.citizenId,
      subject_kind: 'APPLICATION',
      subject_id: input.applicationId,
      item_code: input.fee.itemCode,
      item_name: input.fee.itemName,
      item_name_en: input.fee.itemNameEn,
      amount_fen: input.fee.amountFen,
      status: 'UNPAID',
      slip_no: null,
      payment_code: null,
      channel: null,
      channel_order: null,
      transaction_id: null,
      paid_at: null,
      receipt_no: null,
      receipt_check_code: null,
      receipt_issued_at: null,
      refund_reason: null,
      refund_no: null,
      refunded_at: null,
      expires_at: expiresAt.toISOString(),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await outbox.enqueue(trx, EXPIRE_PAYMENT, { paymentId: id }, { notBefore: expiresAt });
  return id;
}
