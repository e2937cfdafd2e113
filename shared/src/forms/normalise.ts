import { normaliseAmount, normaliseGroupedNumber, normaliseText, toHalfWidth } from '../validators/normalise';
import type { FormField } from './schema';

/** The whole value must match, so an operator's pattern is wrapped, not trusted to anchor itself. */
function matchesWhole(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

/**
 * An answer as typed, made into what is checked and stored: the same in the app (before
 * inline errors) and in the BFF (before storing), so what the app accepts the BFF does.
 * - codes with a pattern (a certificate number, a bank card): full-width characters
 *   half-width, so 粤（2026）… typed with a Chinese IME matches the example 粤(2026)…,
 *   and the spaces of a number written in groups dropped when the pattern then matches;
 * - free text and addresses: full-width letters and digits half-width, trimmed; the
 *   citizen's Chinese punctuation is kept;
 * - amounts and numbers: half-width, without thousands separators or a trailing 元;
 * - phones, ID numbers, credit codes: half-width, without group spaces and hyphens.
 */
export function normaliseAnswer(field: Pick<FormField, 'type' | 'pattern'>, value: string | undefined): string {
  if (typeof value !== 'string') return '';
  switch (field.type) {
    case 'text': {
      if (field.pattern === undefined) return normaliseText(value);
      const half = toHalfWidth(value).trim();
      if (matchesWhole(field.pattern, half)) return half;
      const ungrouped = half.replace(/[\s-]/g, '');
      return matchesWhole(field.pattern, ungrouped) ? ungrouped : half;
    }
    case 'address':
      return normaliseText(value);
    case 'amount':
      return normaliseAmount(value);
    case 'number':
      // 12,000 stays refused: a comma in a plain number may be a decimal comma.
      return toHalfWidth(value).replace(/\s/g, '');
    case 'phone':
    case 'idNumber':
    case 'creditCode':
      return normaliseGroupedNumber(value);
    case 'plate':
    case 'date':
      return toHalfWidth(value).trim();
    default:
      return value.trim();
  }
}
