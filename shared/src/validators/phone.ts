import { normaliseGroupedNumber } from './normalise';

export type PhoneResult = { ok: true; value: string } | { ok: false; problem: 'PHONE_FORMAT' };

/** Mainland mobile: 11 digits, a leading 1, second digit 3-9. Accepts full-width digits, spaces, hyphens and +86. */
export function validatePhone(input: string): PhoneResult {
  const value = normaliseGroupedNumber(input).replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(value) ? { ok: true, value } : { ok: false, problem: 'PHONE_FORMAT' };
}
