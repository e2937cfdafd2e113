import type { ErrorCode } from '@citizen/shared';
import { BadUserInputError } from '../errors';

/**
 * Dates and instants typed by people or clients. `new Date(s)` accepts years up to
 * 275760 and six-digit years, and `toISOString()` or adding a day to such a date throws
 * a RangeError — an internal error for what is bad input. Here every date from input is
 * a real calendar day with a four-digit year, or a coded BAD_USER_INPUT naming the field.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Years people can mean: a birth in 1900, a schedule up to 9999. */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

function realDay(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A calendar day written YYYY-MM-DD. @throws BadUserInputError(code, { field }) otherwise. */
export function parseDay(value: unknown, field: string, code: ErrorCode = 'BAD_USER_INPUT'): string {
  const match = typeof value === 'string' ? DAY.exec(value) : null;
  if (!match || !realDay(Number(match[1]), Number(match[2]), Number(match[3])))
    throw new BadUserInputError(code, { field });
  return value as string;
}

/** An ISO 8601 instant with a zone (…Z or …+08:00). @throws BadUserInputError(code, { field }) otherwise. */
export function parseInstant(value: unknown, field: string, code: ErrorCode = 'BAD_USER_INPUT'): Date {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  const at = match ? new Date(value as string) : null;
  if (!match || !at || Number.isNaN(at.getTime()) || !realDay(Number(match[1]), Number(match[2]), Number(match[3])))
    throw new BadUserInputError(code, { field });
  return at;
}
