import { validatePlate } from './plate';

/**
 * 号牌种类 a car-moving request may name, with the GA 36 code the vehicle register keys
 * vehicles by (plate characters + type: the same characters on a yellow and a blue plate
 * are two vehicles). 警用 and 使馆/领馆 plates are excluded: those vehicles are moved
 * through their own units, not by a citizen's request.
 */
export const PLATE_TYPES = {
  SMALL: { code: '02', zh: '小型汽车', en: 'Small car', colour: 'blue' },
  LARGE: { code: '01', zh: '大型汽车', en: 'Large vehicle', colour: 'yellow' },
  NEW_ENERGY_SMALL: { code: '52', zh: '小型新能源汽车', en: 'Small new-energy car', colour: 'green' },
  NEW_ENERGY_LARGE: { code: '51', zh: '大型新能源汽车', en: 'Large new-energy vehicle', colour: 'yellow-green' },
  TRAILER: { code: '15', zh: '挂车', en: 'Trailer', colour: 'yellow' },
  COACH: { code: '16', zh: '教练汽车', en: 'Driving-school car', colour: 'yellow' },
} as const;
export type PlateTypeName = keyof typeof PLATE_TYPES;
export type PlateColour = (typeof PLATE_TYPES)[PlateTypeName]['colour'];
/** 号牌颜色 in words, for the hint on a wrong type. */
export const PLATE_COLOUR_ZH: Record<PlateColour, string> = {
  blue: '蓝牌',
  yellow: '黄牌',
  green: '绿牌',
  'yellow-green': '黄绿牌',
};

export type PlateTypeProblem = 'PLATE_FORMAT' | 'PLATE_PROVINCE' | 'PLATE_TYPE_MISMATCH' | 'PLATE_TYPE_UNSUPPORTED';
export type PlateTypeResult =
  { ok: true; plate: string; plateType: PlateTypeName } | { ok: false; problem: PlateTypeProblem };

/** The types a plate's characters can be, commonest first (the first is the keyboard's default). */
export function plateTypesFor(plate: string): PlateTypeName[] {
  const checked = validatePlate(plate);
  if (!checked.ok) return [];
  const p = checked.plate;
  if (checked.kind === 'new-energy')
    return p.length === 8 && /\d$/.test(p) ? ['NEW_ENERGY_SMALL'] : ['NEW_ENERGY_LARGE'];
  if (checked.kind === 'special') return p.endsWith('挂') ? ['TRAILER'] : p.endsWith('学') ? ['COACH'] : [];
  return ['SMALL', 'LARGE'];
}

/**
 * Checks a plate against the type the requester picked: the characters must be a valid
 * plate, of a shape that type can carry (an 8-character plate is only new-energy, 挂 only
 * a trailer, 学 only a driving-school car); 警/领/港/澳 plates are not served.
 */
export function validatePlateWithType(input: string, plateType: string): PlateTypeResult {
  const checked = validatePlate(input);
  if (!checked.ok) return checked;
  if (!(plateType in PLATE_TYPES)) return { ok: false, problem: 'PLATE_TYPE_UNSUPPORTED' };
  const possible = plateTypesFor(checked.plate);
  if (possible.length === 0) return { ok: false, problem: 'PLATE_TYPE_UNSUPPORTED' };
  if (!possible.includes(plateType as PlateTypeName)) return { ok: false, problem: 'PLATE_TYPE_MISMATCH' };
  return { ok: true, plate: checked.plate, plateType: plateType as PlateTypeName };
}
