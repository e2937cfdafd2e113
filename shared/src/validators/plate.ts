import { toHalfWidth } from './normalise';

/** Province abbreviations that begin a mainland plate. */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Last characters of special ordinary plates: driving school, police, trailer, HK/Macau, consulate. */
export const PLATE_SPECIAL_SUFFIXES = '学警挂港澳领';
/** Letters allowed in a serial: A-Z without I and O (they read as 1 and 0). */
export const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
/** First serial letter of a small new-energy plate: D A B C E battery electric, F G H J K other. */
export const NEW_ENERGY_LETTERS = 'DABCEFGHJK';

export type PlateKind = 'ordinary' | 'special' | 'new-energy';
export type PlateProblem = 'PLATE_FORMAT' | 'PLATE_PROVINCE';
export type PlateResult = { ok: true; plate: string; kind: PlateKind } | { ok: false; problem: PlateProblem };

const P = `[${PLATE_PROVINCES}]`;
const ALNUM = `[${PLATE_LETTERS}0-9]`;
const NE = `[${NEW_ENERGY_LETTERS}]`;
const ORDINARY = new RegExp(`^${P}[A-Z]${ALNUM}{5}$`);
const SPECIAL = new RegExp(`^${P}[A-Z]${ALNUM}{4}[${PLATE_SPECIAL_SUFFIXES}]$`);
const NEW_ENERGY_SMALL = new RegExp(`^${P}[A-Z]${NE}${ALNUM}\\d{4}$`);
const NEW_ENERGY_LARGE = new RegExp(`^${P}[A-Z]\\d{5}${NE}$`);

/** Half-width, upper-cased, without spaces, middle dots and hyphens, as typed on a plate keyboard or an IME. */
export function normalisePlate(input: string): string {
  return toHalfWidth(input)
    .replace(/[\s·•・.-]/g, '')
    .toUpperCase();
}

/** Checks a mainland plate: ordinary (7), special (7, e.g. 学/警) or new-energy (8). */
export function validatePlate(input: string): PlateResult {
  const plate = normalisePlate(input);
  if (plate.length > 0 && !PLATE_PROVINCES.includes(plate[0])) return { ok: false, problem: 'PLATE_PROVINCE' };
  if (ORDINARY.test(plate)) return { ok: true, plate, kind: 'ordinary' };
  if (SPECIAL.test(plate)) return { ok: true, plate, kind: 'special' };
  if (NEW_ENERGY_SMALL.test(plate) || NEW_ENERGY_LARGE.test(plate)) return { ok: true, plate, kind: 'new-energy' };
  return { ok: false, problem: 'PLATE_FORMAT' };
}
