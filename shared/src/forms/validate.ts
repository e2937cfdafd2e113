/**
 * One validator for application forms, run by the mini-program (inline errors while
 * typing) and by the BFF (before storing), so both refuse exactly the same answers.
 * Everything here is pure: "today" is passed in (a China calendar day, YYYY-MM-DD),
 * never read from the clock, so the two sides and the tests agree.
 */
import { errorMessage } from '../errors/codes';
import { validateCreditCode, validateIdNumber, validatePhone, validatePlate } from '../validators';
import {
  DEFAULT_MAX_LENGTH,
  FIELD_TYPES,
  LICENCE_KINDS,
  PREFILL_SOURCES,
  RECORD_KEY_MAX_LENGTH,
  REFERENCE_ID_PATTERN,
  type Answers,
  type FieldError,
  type FieldErrorCode,
  type FieldType,
  type FormField,
  type FormSchema,
  type VisibleWhen,
} from './schema';
import { normaliseAnswer } from './normalise';

export interface FieldValidationOptions {
  /** Today in China (UTC+8), YYYY-MM-DD: relative date bounds and ID birth dates use it. */
  today: string;
}

export interface AnswersValidationOptions extends FieldValidationOptions {
  /** Fields the caller fills itself (prefilled, locked): not validated, not required, dropped from the result. */
  skipFields?: string[];
}

export type AnswersValidationResult = { ok: true; answers: Answers } | { ok: false; errors: FieldError[] };
export type SchemaValidationResult = { ok: true; schema: FormSchema } | { ok: false; problems: string[] };

// ---------------------------------------------------------------------------
// Dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RELATIVE_BOUND = /^([+-])(\d{1,4})([dmy])$/;

/** UTC midnight of y-m-d; setUTCFullYear because Date.UTC maps years 0-99 to 1900s. */
function utcDay(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function formatDay(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  return `${y}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** y, m (1-12), d of a real calendar day written YYYY-MM-DD, else null (2026-02-30 is null). */
function parseIsoDate(value: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return formatDay(utcDay(y, m - 1, d)) === value ? { y, m, d } : null;
}

/** A wrong `today` would silently shift every bound, so it is a programming error. */
function requireToday(today: string): { y: number; m: number; d: number } {
  const parsed = typeof today === 'string' ? parseIsoDate(today) : null;
  if (!parsed) throw new Error(`options.today must be a calendar day YYYY-MM-DD, got ${JSON.stringify(today)}`);
  return parsed;
}

/**
 * Turns a date bound into a day: 'YYYY-MM-DD' as is, 'today', or an offset from today
 * in days, months or years ('-18y', '+30d', '-6m'). Month and year offsets keep the day
 * of the month and clamp it to the month's end (2024-02-29 -1y → 2023-02-28), as
 * calendar-age rules do. Throws on anything else (validateFormSchema reports it first).
 */
export function resolveDateBound(bound: string, today: string): string {
  const { y, m, d } = requireToday(today);
  if (bound === 'today') return today;
  if (typeof bound === 'string' && parseIsoDate(bound)) return bound;
  const match = typeof bound === 'string' ? RELATIVE_BOUND.exec(bound) : null;
  if (!match) throw new Error(`Not a date bound: ${JSON.stringify(bound)}`);
  const amount = (match[1] === '-' ? -1 : 1) * Number(match[2]);
  if (match[3] === 'd') return formatDay(utcDay(y, m - 1, d + amount));
  const months = y * 12 + (m - 1) + (match[3] === 'y' ? 12 * amount : amount);
  const year = Math.floor(months / 12);
  const monthIndex = months - year * 12;
  const lastDay = utcDay(year, monthIndex + 1, 0).getUTCDate();
  return formatDay(utcDay(year, monthIndex, Math.min(d, lastDay)));
}

// ---------------------------------------------------------------------------
// One field

type Checked = { ok: true; value: string } | { ok: false; code: FieldErrorCode };
const ok = (value: string): Checked => ({ ok: true, value });
const fail = (code: FieldErrorCode): Checked => ({ ok: false, code });

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
/** Yuan: no sign, at most two decimals (fen). */
const AMOUNT = /^\d+(?:\.\d{1,2})?$/;

/** The whole value must match, so the operator's pattern is wrapped, not trusted to anchor itself. */
function anchoredPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

function checkRange(field: FormField, value: string): Checked {
  const n = Number(value);
  if (field.min !== undefined && n < field.min) return fail('FORM_FIELD_TOO_SMALL');
  if (field.max !== undefined && n > field.max) return fail('FORM_FIELD_TOO_LARGE');
  return ok(value);
}

/**
 * Checks a trimmed, non-empty value against its field and returns the form to store
 * (ID numbers upper-case without spaces, plates normalised, phones as 11 digits).
 */
function checkValue(field: FormField, value: string, today: string): Checked {
  const type: FieldType = field.type;
  switch (type) {
    case 'text':
    case 'address': {
      // Characters as people count them: code points, so 𠀀 (outside the BMP) is one.
      const length = Array.from(value).length;
      if (length > (field.maxLength ?? DEFAULT_MAX_LENGTH[type])) return fail('FORM_FIELD_TOO_LONG');
      if (field.minLength !== undefined && length < field.minLength) return fail('FORM_FIELD_TOO_SHORT');
      if (field.pattern !== undefined && !anchoredPattern(field.pattern).test(value)) return fail('FORM_FIELD_PATTERN');
      return ok(value);
    }
    case 'number':
      return DECIMAL.test(value) ? checkRange(field, value) : fail('FORM_FIELD_NOT_NUMBER');
    case 'amount':
      return AMOUNT.test(value) ? checkRange(field, value) : fail('FORM_FIELD_AMOUNT_FORMAT');
    case 'date':
      if (!parseIsoDate(value)) return fail('FORM_FIELD_DATE_FORMAT');
      // ISO days compare correctly as strings.
      if (field.minDate !== undefined && value < resolveDateBound(field.minDate, today))
        return fail('FORM_FIELD_DATE_TOO_EARLY');
      if (field.maxDate !== undefined && value > resolveDateBound(field.maxDate, today))
        return fail('FORM_FIELD_DATE_TOO_LATE');
      return ok(value);
    case 'select':
      return field.options?.some((option) => option.value === value) ? ok(value) : fail('FORM_FIELD_OPTION_UNKNOWN');
    case 'idNumber': {
      const { y, m, d } = requireToday(today);
      const result = validateIdNumber(value, utcDay(y, m - 1, d));
      return result.ok ? ok(result.facts.value) : fail(result.problem);
    }
    case 'phone': {
      const result = validatePhone(value);
      return result.ok ? ok(result.value) : fail(result.problem);
    }
    case 'plate': {
      const result = validatePlate(value);
      return result.ok ? ok(result.plate) : fail(result.problem);
    }
    case 'creditCode': {
      const result = validateCreditCode(value);
      return result.ok ? ok(result.value) : fail(result.problem);
    }
    case 'licence':
    case 'file':
      // Only the shape here; the BFF checks the licence or upload belongs to the citizen.
      return REFERENCE_ID_PATTERN.test(value) ? ok(value) : fail('FORM_FIELD_REFERENCE_FORMAT');
    case 'record':
      // Only the length here; the BFF checks it is one of the citizen's own records.
      return Array.from(value).length <= RECORD_KEY_MAX_LENGTH ? ok(value) : fail('FORM_FIELD_REFERENCE_FORMAT');
    default: {
      const unknown: never = type;
      throw new Error(`Unknown field type ${JSON.stringify(unknown)}; run validateFormSchema on stored schemas`);
    }
  }
}

/**
 * The first problem with one answer, or null, after normalisation (normaliseAnswer:
 * full-width to half-width, group spaces, trimming). Empty or whitespace-only counts as
 * missing: an error only when the field is required. Visibility is the caller's
 * business (validateAnswers, or the page that renders only visible fields).
 */
export function validateField(
  field: FormField,
  value: string | undefined,
  options: FieldValidationOptions,
): FieldErrorCode | null {
  requireToday(options.today);
  const trimmed = normaliseAnswer(field, value);
  if (trimmed === '') return field.required ? 'FORM_FIELD_REQUIRED' : null;
  const checked = checkValue(field, trimmed, options.today);
  return checked.ok ? null : checked.code;
}

// ---------------------------------------------------------------------------
// Visibility

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own answers only: a field called "constructor" must not read Object.prototype's. */
function answerOf(answers: Readonly<Partial<Answers>>, id: string): string {
  if (!Object.prototype.hasOwnProperty.call(answers, id)) return '';
  const value = answers[id];
  return typeof value === 'string' ? value.trim() : '';
}

function conditionHolds(rule: VisibleWhen, answer: string): boolean {
  return (!rule.equals || rule.equals.includes(answer)) && (!rule.notEquals || !rule.notEquals.includes(answer));
}

/**
 * Visibility of every field in one forward pass. A field depends only on an earlier
 * one, so when we reach it its controller is decided; a hidden controller hides its
 * dependants whatever stale answer it still has (chains). A reference to a missing
 * or later field hides the field rather than looping.
 */
function visibility(schema: FormSchema, answers: Readonly<Partial<Answers>>): Map<string, boolean> {
  const visible = new Map<string, boolean>();
  for (const field of schema.fields) {
    const rule = field.visibleWhen;
    visible.set(
      field.id,
      !rule || (visible.get(rule.field) === true && conditionHolds(rule, answerOf(answers, rule.field))),
    );
  }
  return visible;
}

/** Whether a field is shown for these answers; unknown ids are not. */
export function isFieldVisible(schema: FormSchema, fieldId: string, answers: Readonly<Partial<Answers>>): boolean {
  return visibility(schema, answers).get(fieldId) === true;
}

/** The fields to show for these answers, in schema order. */
export function visibleFields(schema: FormSchema, answers: Readonly<Partial<Answers>>): FormField[] {
  const visible = visibility(schema, answers);
  return schema.fields.filter((field) => visible.get(field.id) === true);
}

// ---------------------------------------------------------------------------
// A whole form

/**
 * Checks submitted answers against a (validated) schema and returns the answers to
 * store. All errors come back, one per field in schema order, then unknown ids.
 * - answers must be a plain object of strings, else a single FORM_ANSWERS_INVALID;
 * - answers to hidden fields are dropped silently (the citizen may have changed an
 *   earlier choice), and hidden fields are never required;
 * - answers are normalised first (normaliseAnswer) and stored normalised;
 * - empty optional answers are left out of the result;
 * - skipFields are neither checked nor returned, but their values (if given) still
 *   decide other fields' visibility, so pass prefilled values in `answers` too.
 */
export function validateAnswers(
  schema: FormSchema,
  answers: unknown,
  options: AnswersValidationOptions,
): AnswersValidationResult {
  requireToday(options.today);
  if (!isPlainObject(answers) || Object.values(answers).some((value) => typeof value !== 'string')) {
    return { ok: false, errors: [{ field: '', code: 'FORM_ANSWERS_INVALID' }] };
  }
  const given = answers as Answers;
  const skip = new Set(options.skipFields ?? []);
  const visible = visibility(schema, given);
  const errors: FieldError[] = [];
  const cleaned: Answers = {};
  for (const field of schema.fields) {
    if (skip.has(field.id) || visible.get(field.id) !== true) continue;
    const value = Object.prototype.hasOwnProperty.call(given, field.id) ? normaliseAnswer(field, given[field.id]) : '';
    if (value === '') {
      if (field.required) errors.push({ field: field.id, code: 'FORM_FIELD_REQUIRED' });
      continue;
    }
    const checked = checkValue(field, value, options.today);
    if (checked.ok) cleaned[field.id] = checked.value;
    else errors.push({ field: field.id, code: checked.code });
  }
  const known = new Set(schema.fields.map((field) => field.id));
  for (const id of Object.keys(given)) {
    if (!known.has(id)) errors.push({ field: id, code: 'FORM_FIELD_UNKNOWN' });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers: cleaned };
}

/** The message to show under a field: the operator's own pattern message when there is one. */
export function fieldErrorText(
  field: Pick<FormField, 'patternMessage' | 'patternMessageEn'>,
  code: string,
  locale: 'zh' | 'en' = 'zh',
): string {
  if (code === 'FORM_FIELD_PATTERN') {
    const custom = locale === 'zh' ? field.patternMessage : field.patternMessageEn;
    if (custom) return custom;
  }
  return errorMessage(code, locale);
}

// ---------------------------------------------------------------------------
// Schemas (operators' console, seed data)

const FIELD_ID = /^[a-z][a-zA-Z0-9]{0,39}$/;
const MIME_TYPE = /^[a-z]+\/(?:[a-z0-9][a-z0-9.+-]*|\*)$/;
/**
 * A repeated group that itself repeats, like (a+)+ or (\w*)*: such patterns can take
 * exponential time on a crafted answer, and the BFF runs them on every submission.
 * A heuristic, deliberately strict; (\d{4}-){3} and (\d{3}-)? are fine.
 */
const NESTED_REPETITION = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\d*\})/;

const FIELD_KEYS: ReadonlySet<string> = new Set<keyof FormField>([
  'id',
  'type',
  'label',
  'labelEn',
  'hint',
  'hintEn',
  'required',
  'pattern',
  'patternMessage',
  'patternMessageEn',
  'minLength',
  'maxLength',
  'min',
  'max',
  'minDate',
  'maxDate',
  'options',
  'licenceKind',
  'accept',
  'maxBytes',
  'visibleWhen',
  'prefill',
  'record',
  'declaration',
]);

/** Properties that mean something only for some types: elsewhere they are a mistake. */
const ONLY_FOR: Partial<Record<keyof FormField, readonly FieldType[]>> = {
  pattern: ['text', 'address'],
  patternMessage: ['text', 'address'],
  patternMessageEn: ['text', 'address'],
  minLength: ['text', 'address'],
  maxLength: ['text', 'address'],
  min: ['number', 'amount'],
  max: ['number', 'amount'],
  minDate: ['date'],
  maxDate: ['date'],
  options: ['select'],
  licenceKind: ['licence'],
  accept: ['file'],
  maxBytes: ['file'],
  record: ['record'],
};

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isNonNegativeInteger = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Date bounds compare only when both are absolute or both relative; mixed ones cross over time. */
function checkDateBounds(minDate: unknown, maxDate: unknown, say: (problem: string) => void): void {
  const reference = '2000-01-31';
  const resolved: Array<string | null> = [minDate, maxDate].map((bound, i) => {
    if (bound === undefined) return null;
    try {
      if (typeof bound !== 'string') throw new Error();
      return resolveDateBound(bound, reference);
    } catch {
      say(
        `${i === 0 ? 'minDate' : 'maxDate'} ${JSON.stringify(bound)} is not YYYY-MM-DD, 'today' or an offset like '-18y', '+30d', '-6m'`,
      );
      return null;
    }
  });
  if (resolved[0] === null || resolved[1] === null) return;
  const absolute = (bound: unknown) => parseIsoDate(bound as string) !== null;
  if (absolute(minDate) === absolute(maxDate) && resolved[0] > resolved[1]) say('minDate is after maxDate');
}

function checkVisibleWhen(rule: unknown, earlier: ReadonlyMap<string, unknown>, say: (problem: string) => void): void {
  if (!isPlainObject(rule)) return say('visibleWhen must be an object { field, equals?, notEquals? }');
  for (const key of Object.keys(rule))
    if (!['field', 'equals', 'notEquals'].includes(key)) say(`visibleWhen has unknown property "${key}"`);
  if (typeof rule.field !== 'string' || !earlier.has(rule.field)) {
    return say(`visibleWhen.field ${JSON.stringify(rule.field)} must be the id of an earlier field`);
  }
  const lists = (['equals', 'notEquals'] as const).filter((key) => rule[key] !== undefined);
  if (lists.length === 0) say('visibleWhen needs equals or notEquals');
  const controller = earlier.get(rule.field);
  const optionValues =
    isPlainObject(controller) && controller.type === 'select' && Array.isArray(controller.options)
      ? new Set(controller.options.map((option: unknown) => (isPlainObject(option) ? option.value : undefined)))
      : null;
  for (const key of lists) {
    const list = rule[key];
    if (!Array.isArray(list) || list.length === 0 || !list.every((value) => typeof value === 'string')) {
      say(`visibleWhen.${key} must be a non-empty list of strings`);
      continue;
    }
    // A typo here would hide the field for good, so values must be the select's options.
    for (const value of list) {
      if (optionValues && value !== '' && !optionValues.has(value))
        say(`visibleWhen.${key} value ${JSON.stringify(value)} is not an option of "${rule.field}"`);
    }
  }
}

function checkField(
  field: Record<string, unknown>,
  earlier: ReadonlyMap<string, unknown>,
  say: (problem: string) => void,
): void {
  for (const key of Object.keys(field)) if (!FIELD_KEYS.has(key)) say(`unknown property "${key}"`);
  if (!isNonEmptyString(field.label) || !isNonEmptyString(field.labelEn)) say('label and labelEn are required');
  for (const key of ['hint', 'hintEn', 'patternMessage', 'patternMessageEn'] as const) {
    if (field[key] !== undefined && !isNonEmptyString(field[key])) say(`${key} must be a non-empty string`);
  }
  if (field.required !== undefined && typeof field.required !== 'boolean') say('required must be true or false');
  if (field.declaration !== undefined && typeof field.declaration !== 'boolean')
    say('declaration must be true or false');

  const type = field.type as FieldType;
  if (!FIELD_TYPES.includes(type))
    return say(`unknown type ${JSON.stringify(field.type)} (one of ${FIELD_TYPES.join(', ')})`);
  for (const [key, types] of Object.entries(ONLY_FOR)) {
    if (field[key] !== undefined && !types.includes(type))
      say(`${key} does not apply to ${type} fields (only ${types.join(', ')})`);
  }

  if (field.pattern !== undefined) {
    if (typeof field.pattern !== 'string' || field.pattern === '')
      say('pattern must be a non-empty regular expression source');
    else {
      try {
        anchoredPattern(field.pattern);
        if (NESTED_REPETITION.test(field.pattern))
          say('pattern repeats a repeated group, which can be very slow; rewrite it without nesting + or *');
      } catch {
        say(`pattern ${JSON.stringify(field.pattern)} is not a valid regular expression`);
      }
    }
  }
  if ((field.patternMessage !== undefined || field.patternMessageEn !== undefined) && field.pattern === undefined)
    say('patternMessage without a pattern');

  if (type === 'text' || type === 'address') {
    const { minLength, maxLength } = field;
    if (minLength !== undefined && !isNonNegativeInteger(minLength)) say('minLength must be a whole number ≥ 0');
    if (maxLength !== undefined && !(isNonNegativeInteger(maxLength) && maxLength >= 1))
      say('maxLength must be a whole number ≥ 1');
    const max = isNonNegativeInteger(maxLength) ? maxLength : DEFAULT_MAX_LENGTH[type];
    if (isNonNegativeInteger(minLength) && minLength > max) say(`minLength ${minLength} is more than maxLength ${max}`);
  }
  if (type === 'number' || type === 'amount') {
    const { min, max } = field;
    for (const [key, value] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) say(`${key} must be a number`);
    }
    if (typeof min === 'number' && typeof max === 'number' && min > max) say(`min ${min} is more than max ${max}`);
  }
  if (type === 'date') checkDateBounds(field.minDate, field.maxDate, say);
  if (type === 'select') {
    const options = field.options;
    if (!Array.isArray(options) || options.length === 0) say('a select needs at least one option');
    else {
      const values = new Set<string>();
      options.forEach((option: unknown, i) => {
        if (
          !isPlainObject(option) ||
          !isNonEmptyString(option.value) ||
          !isNonEmptyString(option.label) ||
          !isNonEmptyString(option.labelEn)
        ) {
          return say(`option ${i + 1} needs a value, label and labelEn`);
        }
        if (option.value !== option.value.trim())
          say(`option value ${JSON.stringify(option.value)} has spaces at its ends (answers are trimmed)`);
        if (values.has(option.value)) say(`option value ${JSON.stringify(option.value)} is repeated`);
        values.add(option.value);
      });
    }
  }
  if (type === 'licence' && !LICENCE_KINDS.includes(field.licenceKind as never))
    say(`a licence field needs licenceKind (one of ${LICENCE_KINDS.join(', ')})`);
  if (type === 'file') {
    const accept = field.accept;
    if (
      !Array.isArray(accept) ||
      accept.length === 0 ||
      !accept.every((mime) => typeof mime === 'string' && MIME_TYPE.test(mime))
    ) {
      say('a file field needs accept: a non-empty list of mime types like "image/jpeg"');
    }
    if (!(isNonNegativeInteger(field.maxBytes) && field.maxBytes > 0))
      say('a file field needs maxBytes, a whole number > 0');
  }

  if (field.visibleWhen !== undefined) checkVisibleWhen(field.visibleWhen, earlier, say);
  if (field.prefill !== undefined) {
    const prefill = field.prefill;
    if (
      !isPlainObject(prefill) ||
      !PREFILL_SOURCES.includes(prefill.source as never) ||
      !isNonEmptyString(prefill.path)
    ) {
      say(`prefill needs a source (one of ${PREFILL_SOURCES.join(', ')}) and a path`);
    } else {
      for (const key of Object.keys(prefill))
        if (key !== 'source' && key !== 'path' && key !== 'from') say(`prefill has unknown property "${key}"`);
      if (prefill.from !== undefined) {
        // A value of a chosen record: the choice comes first and reads the same agency.
        const chooser = earlier.get(prefill.from as string);
        if (!isPlainObject(chooser) || chooser.type !== 'record')
          say(`prefill.from ${JSON.stringify(prefill.from)} must be the id of an earlier record field`);
        else if (!isPlainObject(chooser.prefill) || chooser.prefill.source !== prefill.source)
          say(`prefill.from ${JSON.stringify(prefill.from)} reads another source`);
      }
    }
  }
  if (type === 'record') {
    const record = field.record;
    if (
      !isPlainObject(record) ||
      !isNonEmptyString(record.key) ||
      !isNonEmptyString(record.label) ||
      Object.keys(record).some((k) => k !== 'key' && k !== 'label')
    ) {
      say('a record field needs record: { key, label }, the properties of each record that identify and describe it');
    }
    if (!isPlainObject(field.prefill) || field.prefill.from !== undefined)
      say('a record field needs prefill: { source, path } naming the list of records to choose from');
  }
}

/**
 * Checks a schema an operator or seed file wrote, before it is stored or served.
 * Problems are sentences naming the field, e.g. `field 3 "plate": visibleWhen.field
 * "hasCar" must be the id of an earlier field`. Earlier-only references keep the
 * visibility rules acyclic and let one forward pass decide them; so a field can
 * never depend on a later one, prefilled or not.
 */
export function validateFormSchema(schema: unknown): SchemaValidationResult {
  const problems: string[] = [];
  if (!isPlainObject(schema) || !Array.isArray(schema.fields))
    return { ok: false, problems: ['a form schema is an object { fields: [...] }'] };
  for (const key of Object.keys(schema))
    if (key !== 'fields') problems.push(`unknown property "${key}" (a schema has only fields)`);

  const earlier = new Map<string, unknown>();
  schema.fields.forEach((field: unknown, i: number) => {
    const id = isPlainObject(field) ? field.id : undefined;
    const name = typeof id === 'string' && id !== '' ? `field ${i + 1} ${JSON.stringify(id)}` : `field ${i + 1}`;
    const say = (problem: string) => problems.push(`${name}: ${problem}`);
    if (!isPlainObject(field)) return say('is not an object');
    if (typeof id !== 'string' || !FIELD_ID.test(id))
      say('id must be a letter then up to 39 letters or digits, starting lower-case');
    else if (earlier.has(id)) say('id is used by an earlier field');
    checkField(field, earlier, say);
    if (typeof id === 'string' && !earlier.has(id)) earlier.set(id, field);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, schema: schema as unknown as FormSchema };
}
