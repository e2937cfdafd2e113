import { normaliseGroupedNumber } from './normalise';

/** Characters of a unified social credit code, valued 0-30 by position (GB 32100-2015). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeResult =
  { ok: true; value: string } | { ok: false; problem: 'CREDIT_CODE_FORMAT' | 'CREDIT_CODE_CHECKSUM' };

/** Check character for the first 17 characters of a credit code. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Checks an 18-character unified social credit code: charset, 6-digit division, check character. */
export function validateCreditCode(input: string): CreditCodeResult {
  const value = normaliseGroupedNumber(input).toUpperCase();
  const pattern = new RegExp(`^[${CREDIT_CODE_CHARSET}]{2}\\d{6}[${CREDIT_CODE_CHARSET}]{10}$`);
  if (!pattern.test(value)) return { ok: false, problem: 'CREDIT_CODE_FORMAT' };
  if (creditCodeCheckCharacter(value) !== value[17]) return { ok: false, problem: 'CREDIT_CODE_CHECKSUM' };
  return { ok: true, value };
}
