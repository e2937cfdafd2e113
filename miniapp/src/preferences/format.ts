import { preferences, t } from './index';

/**
 * Words and dates in the citizen's language, for data that arrives in both (a tile's
 * title and titleEn, a field's label and labelEn). Called during render: the page
 * that shows them re-renders on a language change (useT / usePreferences).
 */

/** The English text when the language is English and there is one; the Chinese otherwise (what an operator left blank falls back). */
export function localized(zh: string, en: string | null | undefined): string {
  return t(zh, en && en.trim() ? en : zh);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The instant as China time (UTC+8), whatever the phone's time zone: every date shown is the city's. */
function chinaParts(iso: string): { year: string; month: number; day: number; time: string; date: string } {
  const shifted = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return {
    year: shifted.slice(0, 4),
    month: Number(shifted.slice(5, 7)),
    day: Number(shifted.slice(8, 10)),
    time: shifted.slice(11, 16),
    date: shifted.slice(0, 10),
  };
}

/** 2026-11-21 (中文, as before) or 21 Nov 2026. */
export function formatDate(iso: string): string {
  const p = chinaParts(iso);
  return preferences().locale === 'en' ? `${p.day} ${MONTHS[p.month - 1]} ${p.year}` : p.date;
}

/** 2026-11-21 10:30 or 21 Nov 2026, 10:30 (China time). */
export function formatDateTime(iso: string): string {
  const p = chinaParts(iso);
  return preferences().locale === 'en' ? `${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${p.time}` : `${p.date} ${p.time}`;
}

/** A day given as YYYY-MM-DD (no time), e.g. a licence's validity: 2036-01-01 or 1 Jan 2036. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match || preferences().locale !== 'en') return day;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** One of a [中文, English] pair, in the current language. */
export function pair(words: readonly [string, string]): string {
  return t(words[0], words[1]);
}
