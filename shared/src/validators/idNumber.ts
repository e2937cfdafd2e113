import { PROVINCES } from './divisions';
import { normaliseGroupedNumber } from './normalise';

/** Why an ID number was refused; each maps to an error code in errors/codes.ts. */
export type IdNumberProblem = 'ID_NUMBER_FORMAT' | 'ID_NUMBER_PROVINCE' | 'ID_NUMBER_BIRTH_DATE' | 'ID_NUMBER_CHECKSUM';

export interface IdNumberFacts {
  /** Normalised: upper-case X, no spaces. */
  value: string;
  divisionCode: string;
  /** ISO date, e.g. 1949-12-31. */
  birthDate: string;
  sex: 'male' | 'female';
}

export type IdNumberResult = { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits (GB 11643-1999). */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** True when y-m-d is a real calendar day. */
function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Checks a resident identity number: 18 characters, a province that exists, a real
 * birth date not in the future (and not before 1900), and the check character.
 * Accepts lower-case x, full-width characters and spaces; `facts.value` is the stored form.
 */
export function validateIdNumber(input: string, today: Date = new Date()): IdNumberResult {
  const value = normaliseGroupedNumber(input).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'ID_NUMBER_FORMAT' };
  if (!PROVINCES[value.slice(0, 2)]) return { ok: false, problem: 'ID_NUMBER_PROVINCE' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = Date.UTC(year, month - 1, day);
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (year < 1900 || !isRealDate(year, month, day) || birth > todayUtc) {
    return { ok: false, problem: 'ID_NUMBER_BIRTH_DATE' };
  }
  if (idNumberCheckCharacter(value) !== value[17]) return { ok: false, problem: 'ID_NUMBER_CHECKSUM' };
  return {
    ok: true,
    facts: {
      value,
      divisionCode: value.slice(0, 6),
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
      sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** Builds a valid ID number from its parts (used by the data generator and tests). */
export function makeIdNumber(divisionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${divisionCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}
