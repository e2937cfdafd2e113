import type { InquiryFormat } from '@citizen/shared';
import { formatYuan } from '../../components/money';
import type { Locale } from '../../preferences';

/**
 * A card row's value as the citizen reads it. The BFF formats and masks (it alone
 * knows the record); an amount it left unmasked arrives as yuan with two decimals
 * ("1234.50") and is shown grouped with 元 here. A masked amount stays as masked.
 */
export function shownValue(value: string, format: InquiryFormat, locale: Locale): string {
  if (format === 'YUAN_FROM_FEN' && /^-?\d+(\.\d+)?$/.test(value)) return formatYuan(value, locale);
  return value;
}
