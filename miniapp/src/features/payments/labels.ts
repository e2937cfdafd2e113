import type { PaymentStatus } from '@citizen/shared';
import { t } from '../../preferences';
import { formatYuan, toChineseCapital } from '../../components/money';

const STATUS: Record<PaymentStatus, readonly [string, string]> = {
  UNPAID: ['待支付', 'Not paid yet'],
  PAID: ['已支付，正在开具票据', 'Paid; the receipt is on its way'],
  SETTLED: ['已缴费', 'Paid'],
  EXPIRED: ['已超过缴费期限', 'Not paid in time'],
  REFUNDING: ['正在退款', 'Being refunded'],
  REFUNDED: ['已退款', 'Refunded'],
};

/** A payment's state in the citizen's language. */
export function paymentStatusLabel(status: PaymentStatus): string {
  return t(...STATUS[status]);
}

/** What is paid for, in the citizen's language (a payment from before English names has its Chinese one only). */
export function paymentItemName(payment: { itemName: string; itemNameEn?: string | null }): string {
  return t(payment.itemName, payment.itemNameEn ?? payment.itemName);
}

/** '30.00' → '30.00 元' (CNY 30.00 in English). */
export function amountText(amount: string): string {
  return formatYuan(amount, t('zh', 'en') as 'zh' | 'en');
}

/** '30.00' → '人民币叁拾元整': what a paper slip prints, so a slipped digit is seen. */
export function amountInCapitals(amount: string): string {
  const capital = toChineseCapital(amount);
  return capital ? `人民币${capital}` : '';
}

/** Nothing more happens to these on their own (REFUNDING does move, to REFUNDED). */
export const RESTING: readonly PaymentStatus[] = ['SETTLED', 'EXPIRED', 'REFUNDED'];
