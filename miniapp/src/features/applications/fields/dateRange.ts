import { resolveDateBound } from '@citizen/shared';
import type { FieldProps } from './FieldShell';

/** A bound as a day, or undefined when there is none (a malformed one is the validator's business). */
function bound(value: string | undefined, today: string): string | undefined {
  if (!value) return undefined;
  try {
    return resolveDateBound(value, today);
  } catch {
    return undefined;
  }
}

/**
 * The days a date field's picker offers (minDate/maxDate read against the BFF's today),
 * and where it opens when nothing is chosen yet: today, kept inside the bounds.
 */
export function dateRange(field: FieldProps['field'], today: string): { start: string; end: string; initial: string } {
  const start = bound(field.minDate, today) ?? '1900-01-01';
  const end = bound(field.maxDate, today) ?? '2100-12-31';
  return { start, end, initial: today < start ? start : today > end ? end : today };
}

/**
 * A picked date as YYYY-MM-DD, the one form the validators and the BFF take: pickers may
 * answer 2026/10/11 or 2026-1-5. @returns null for anything that is not a real day.
 */
export function normaliseDay(picked: unknown): string | null {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(picked ?? '').trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const day = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day ? day : null;
}
