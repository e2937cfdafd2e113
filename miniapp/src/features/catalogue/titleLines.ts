/**
 * A tile's title as at most two balanced lines. Four tiles share a 375 px row, so a
 * line holds about six characters at the tile's type size; letting the browser wrap a
 * seven- or eight-character title left one character alone on the second line
 * (10 of 35 titles did). Chinese titles are split in the middle instead (7 → 4 + 3,
 * 8 → 4 + 4); a title with spaces (English) wraps between words, balanced by CSS.
 */
export const CHARS_PER_LINE = 6;

export function titleLines(title: string): string[] {
  const chars = Array.from(title);
  if (chars.length <= CHARS_PER_LINE || /\s/.test(title)) return [title];
  // Keep a run of digits or Latin letters (12345, ETC) on one line.
  const half = Math.ceil(chars.length / 2);
  let cut = half;
  const word = /[0-9A-Za-z]/;
  while (cut > 1 && word.test(chars[cut - 1]!) && word.test(chars[cut]!)) cut--;
  if (cut <= 1) cut = half;
  return [chars.slice(0, cut).join(''), chars.slice(cut).join('')];
}
