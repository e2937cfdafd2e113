/** The longest place a car-moving message may carry (the SMS template has room for this much). */
export const PLACE_MAX_LENGTH = 30;

export type PlaceProblemReason = 'TOO_LONG' | 'CHARACTERS' | 'LINK' | 'NUMBER';
export type PlaceResult =
  { ok: true; value: string | null } | { ok: false; problem: 'CAR_MOVE_PLACE_INVALID'; reason: PlaceProblemReason };

// Chinese characters (CJK and extension A), ASCII letters and digits, spaces, and the
// punctuation an address needs. Anything else (emoji, <, >, &, @, full-width digits,
// invisible characters) is refused rather than cleaned, so the person sees why.
const ALLOWED = /^[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9 ，。、；：（）()“”‘’,.;:#\-—·/]*$/;
// A link in any of its usual disguises: a scheme, www, or a name.tld.
const LINK =
  /(https?|ftp)\s*[:：]|www|[a-z0-9-]+\s*[.。]\s*(com|cn|net|org|top|xyz|cc|io|me|info|vip|shop|site|link|ly)\b/i;
// More than four digits in a row (spaces, dots, hyphens and slashes between them still
// count as a row): enough for a building, floor or room, too few for a phone or QQ number.
const DIGIT_RUN = /\d(?:[\s.\-/—·]*\d){4,}/;
// The same number written in Chinese numerals (幺 is how 1 is read out in phone numbers).
const NUMERAL_RUN = /[零〇一二三四五六七八九幺两](?:\s*[零〇一二三四五六七八九幺两]){4,}/;

/**
 * Checks the place a car-moving requester types, before it goes into a government SMS:
 * at most 30 characters of Chinese, letters, digits and common punctuation; no links;
 * no runs of digits long enough to be a phone number. Empty means "no place".
 * The app and the BFF both use this, so the rule is the same on both sides.
 */
export function validatePlace(input: string | null | undefined): PlaceResult {
  const value = String(input ?? '')
    .trim()
    .replace(/\s+/g, ' ');
  if (!value) return { ok: true, value: null };
  const fail = (reason: PlaceProblemReason): PlaceResult => ({ ok: false, problem: 'CAR_MOVE_PLACE_INVALID', reason });
  if ([...value].length > PLACE_MAX_LENGTH) return fail('TOO_LONG');
  if (!ALLOWED.test(value)) return fail('CHARACTERS');
  if (LINK.test(value)) return fail('LINK');
  if (DIGIT_RUN.test(value) || NUMERAL_RUN.test(value)) return fail('NUMBER');
  return { ok: true, value };
}
