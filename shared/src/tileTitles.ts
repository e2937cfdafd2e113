/**
 * Whether a title holds a Latin word too wide for a tile's line at the usual size
 * (Reimbursement, Registration): such a title is set a size smaller so the word stays
 * whole. Hyphenation would be kinder, but needs a dictionary not every webview has.
 * One rule for the app's tiles and the home shell the BFF draws before the app runs.
 */
export function hasLongWord(title: string): boolean {
  return title.split(/\s+/).some((word) => /^[A-Za-z-]{12,}$/.test(word.replace(/[^A-Za-z-]/g, '')));
}
