/**
 * What people type, made comparable before it is checked. A Chinese IME gives
 * full-width letters, digits and brackets (１３８, ＡＢＣ, （）), phones and banking apps
 * show card and phone numbers in groups of four, and pasted text carries spaces at
 * either end. The app and the BFF run the same functions, so both accept and store the
 * same thing.
 */

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) as their half-width forms. */
export function toHalfWidth(input: string): string {
  return String(input ?? '').replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Only full-width letters and digits half-width; Chinese punctuation (，（）) in free text stays as written. */
export function alnumToHalfWidth(input: string): string {
  return String(input ?? '').replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Free text: half-width letters and digits, trimmed, and no run of spaces inside. */
export function normaliseText(input: string): string {
  return alnumToHalfWidth(input)
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/**
 * A number made of groups (a bank card, a phone number, an ID number): half-width, and
 * the spaces and hyphens people put between groups removed.
 */
export function normaliseGroupedNumber(input: string): string {
  return toHalfWidth(input).replace(/[\s-]/g, '');
}

/** An amount as people write it: half-width digits, no thousands separators (1,234.50 or 1，234.50), no trailing 元. */
export function normaliseAmount(input: string): string {
  return toHalfWidth(input)
    .replace(/[\s,，]/g, '')
    .replace(/元$/, '');
}
