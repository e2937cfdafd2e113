/**
 * The table of form-validation cases: answers in, cleaned answers or errors out. The
 * shared tests run each through validateAnswers; the mini-program's form and the BFF's
 * submit path run the SAME table, so the three can never disagree about an answer.
 * Import it from '@citizen/shared/src/forms/cases' (it is kept out of the package index
 * so it does not ship in the app).
 */
import { creditCodeCheckCharacter, makeIdNumber } from '../validators';
import type { Answers, FieldErrorCode, FieldType, FormField, FormSchema } from './schema';

export interface FormValidationCase {
  name: string;
  schema: FormSchema;
  answers: unknown;
  /** China calendar day the answers are checked on. */
  today: string;
  skipFields?: string[];
  expect: { ok: true; answers: Answers } | { ok: false; errors: Array<{ field: string; code: FieldErrorCode }> };
}

/** Every case is checked on this day unless it says otherwise. */
export const CASES_TODAY = '2026-11-21';

/** A field with placeholder labels: the labels play no part in validation. */
function f(id: string, type: FieldType, extra: Partial<FormField> = {}): FormField {
  return { id, type, label: `${id}（中文）`, labelEn: id, ...extra };
}
const form = (...fields: FormField[]): FormSchema => ({ fields });
const yesNo = [
  { value: 'yes', label: '是', labelEn: 'Yes' },
  { value: 'no', label: '否', labelEn: 'No' },
];

// Real, valid identifiers (check characters computed, not copied).
const ID = makeIdNumber('440305', '1990-01-01', 123);
const ID_WRONG_CHECK = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
const ID_BAD_PROVINCE = makeIdNumber('990305', '1990-01-01', 123);
/** Born the day after CASES_TODAY: the birth-date rule reads `today`, not the clock. */
const ID_BORN_TOMORROW = makeIdNumber('440305', '2026-11-22', 123);
const ID_BORN_TODAY = makeIdNumber('440305', CASES_TODAY, 124);
const CREDIT_FIRST17 = '91440300MA5FGH123';
const CREDIT = CREDIT_FIRST17 + creditCodeCheckCharacter(CREDIT_FIRST17);
const CREDIT_WRONG_CHECK = CREDIT_FIRST17 + (CREDIT[17] === '0' ? '1' : '0');

const ok = (answers: Answers) => ({ ok: true as const, answers });
const errors = (...list: Array<[field: string, code: FieldErrorCode]>) => ({
  ok: false as const,
  errors: list.map(([field, code]) => ({ field, code })),
});

/** hasCar → carType (when yes) → otherType (when carType is other): a chain of two conditions. */
const CAR_CHAIN = form(
  f('hasCar', 'select', { required: true, options: yesNo }),
  f('carType', 'select', {
    required: true,
    visibleWhen: { field: 'hasCar', equals: ['yes'] },
    options: [
      { value: 'car', label: '小汽车', labelEn: 'Car' },
      { value: 'other', label: '其他', labelEn: 'Other' },
    ],
  }),
  f('otherType', 'text', { required: true, visibleWhen: { field: 'carType', equals: ['other'] } }),
);

/** A prefilled, locked ID number and a relative that is asked for only when married. */
const PREFILLED = form(
  f('applicantId', 'idNumber', { required: true, prefill: { source: 'population', path: 'idNumber' } }),
  f('maritalStatus', 'select', {
    required: true,
    prefill: { source: 'population', path: 'maritalStatus' },
    options: [
      { value: 'single', label: '未婚', labelEn: 'Single' },
      { value: 'married', label: '已婚', labelEn: 'Married' },
    ],
  }),
  f('spouseName', 'text', { required: true, visibleWhen: { field: 'maritalStatus', equals: ['married'] } }),
);

const raw: Array<Omit<FormValidationCase, 'today'> & { today?: string }> = [
  // --- the answers object itself
  {
    name: 'answers null is unreadable',
    schema: form(f('name', 'text')),
    answers: null,
    expect: errors(['', 'FORM_ANSWERS_INVALID']),
  },
  {
    name: 'answers as an array is unreadable',
    schema: form(f('name', 'text')),
    answers: ['张三'],
    expect: errors(['', 'FORM_ANSWERS_INVALID']),
  },
  {
    name: 'answers as a JSON string is unreadable',
    schema: form(f('name', 'text')),
    answers: '{"name":"张三"}',
    expect: errors(['', 'FORM_ANSWERS_INVALID']),
  },
  {
    name: 'a number value is unreadable (numbers travel as strings)',
    schema: form(f('age', 'number')),
    answers: { age: 30 },
    expect: errors(['', 'FORM_ANSWERS_INVALID']),
  },
  {
    name: 'a null or object value is unreadable',
    schema: form(f('name', 'text'), f('note', 'text')),
    answers: { name: null, note: { a: 1 } },
    expect: errors(['', 'FORM_ANSWERS_INVALID']),
  },
  {
    name: 'an answer to no field is refused',
    schema: form(f('name', 'text')),
    answers: { name: '张三', isAdmin: 'true' },
    expect: errors(['isAdmin', 'FORM_FIELD_UNKNOWN']),
  },
  { name: 'an empty form with no answers passes', schema: form(), answers: {}, expect: ok({}) },
  {
    name: 'a field called constructor is not answered by Object.prototype',
    schema: form(f('constructor', 'text', { required: true })),
    answers: {},
    expect: errors(['constructor', 'FORM_FIELD_REQUIRED']),
  },

  // --- text
  {
    name: 'text: required and missing',
    schema: form(f('name', 'text', { required: true })),
    answers: {},
    expect: errors(['name', 'FORM_FIELD_REQUIRED']),
  },
  {
    name: 'text: spaces only (ASCII and ideographic) count as missing',
    schema: form(f('name', 'text', { required: true }), f('alias', 'text', { required: true })),
    answers: { name: '   ', alias: '\u3000\t' },
    expect: errors(['name', 'FORM_FIELD_REQUIRED'], ['alias', 'FORM_FIELD_REQUIRED']),
  },
  {
    name: 'text: answers are trimmed',
    schema: form(f('name', 'text', { required: true })),
    answers: { name: '  张三 ' },
    expect: ok({ name: '张三' }),
  },
  {
    name: 'text: an empty optional answer is left out',
    schema: form(f('name', 'text'), f('note', 'text')),
    answers: { name: '张三', note: ' ' },
    expect: ok({ name: '张三' }),
  },
  {
    name: 'text: pattern must match the whole value',
    schema: form(f('postcode', 'text', { pattern: '\\d{6}' })),
    answers: { postcode: 'a518000b' },
    expect: errors(['postcode', 'FORM_FIELD_PATTERN']),
  },
  {
    name: 'text: pattern alternation is anchored as a whole (a|b does not match "ab")',
    schema: form(f('code', 'text', { pattern: 'A|B' })),
    answers: { code: 'AB' },
    expect: errors(['code', 'FORM_FIELD_PATTERN']),
  },
  {
    name: 'text: pattern match passes',
    schema: form(f('postcode', 'text', { pattern: '\\d{6}' })),
    answers: { postcode: ' 518000 ' },
    expect: ok({ postcode: '518000' }),
  },
  {
    name: 'text: shorter than minLength',
    schema: form(f('reason', 'text', { minLength: 5 })),
    answers: { reason: '没钱' },
    expect: errors(['reason', 'FORM_FIELD_TOO_SHORT']),
  },
  {
    name: 'text: maxLength counts characters, not UTF-16 units',
    schema: form(
      f('name', 'text', { maxLength: 4 }),
      f('rare', 'text', { maxLength: 2 }),
      f('long', 'text', { maxLength: 4 }),
    ),
    answers: { name: '欧阳娜娜', rare: '𠀀𠀁', long: '欧阳娜娜娜' },
    expect: errors(['long', 'FORM_FIELD_TOO_LONG']),
  },
  {
    name: 'text: 200 characters by default',
    schema: form(f('fits', 'text'), f('over', 'text')),
    answers: { fits: '字'.repeat(200), over: 'a'.repeat(201) },
    expect: errors(['over', 'FORM_FIELD_TOO_LONG']),
  },

  // --- address
  {
    name: 'address: kept as typed (trimmed), 200 characters by default',
    schema: form(f('home', 'address', { required: true }), f('work', 'address')),
    answers: { home: ' 广东省深圳市南山区科技园路1号 ', work: '路'.repeat(201) },
    expect: errors(['work', 'FORM_FIELD_TOO_LONG']),
  },
  {
    name: 'address: a valid address passes',
    schema: form(f('home', 'address', { required: true, minLength: 5 })),
    answers: { home: ' 广东省深圳市南山区科技园路1号 ' },
    expect: ok({ home: '广东省深圳市南山区科技园路1号' }),
  },

  // --- number
  {
    name: 'number: integers, negatives and decimals within range',
    schema: form(
      f('people', 'number', { min: 1, max: 10 }),
      f('temp', 'number', { min: -40, max: 50 }),
      f('ratio', 'number'),
    ),
    answers: { people: '10', temp: '-3.5', ratio: '0.25' },
    expect: ok({ people: '10', temp: '-3.5', ratio: '0.25' }),
  },
  {
    name: 'number: below min',
    schema: form(f('people', 'number', { min: 1, max: 10 })),
    answers: { people: '0' },
    expect: errors(['people', 'FORM_FIELD_TOO_SMALL']),
  },
  {
    name: 'number: above max',
    schema: form(f('people', 'number', { min: 1, max: 10 })),
    answers: { people: '10.5' },
    expect: errors(['people', 'FORM_FIELD_TOO_LARGE']),
  },
  {
    name: 'number: words, exponents, bare points and separators are not numbers',
    schema: form(f('a', 'number'), f('b', 'number'), f('c', 'number'), f('d', 'number'), f('e', 'number')),
    answers: { a: '十', b: '1e3', c: '.5', d: '12,000', e: '+5' },
    expect: errors(
      ['a', 'FORM_FIELD_NOT_NUMBER'],
      ['b', 'FORM_FIELD_NOT_NUMBER'],
      ['c', 'FORM_FIELD_NOT_NUMBER'],
      ['d', 'FORM_FIELD_NOT_NUMBER'],
      ['e', 'FORM_FIELD_NOT_NUMBER'],
    ),
  },

  // --- amount
  {
    name: 'amount: yuan with up to two decimals',
    schema: form(f('fee', 'amount', { min: 0.01, max: 1000 }), f('deposit', 'amount')),
    answers: { fee: '0.01', deposit: ' 1234.5 ' },
    expect: ok({ fee: '0.01', deposit: '1234.5' }),
  },
  {
    name: 'amount: three decimals (less than a fen)',
    schema: form(f('fee', 'amount')),
    answers: { fee: '12.345' },
    expect: errors(['fee', 'FORM_FIELD_AMOUNT_FORMAT']),
  },
  {
    name: 'amount: negative, words and currency signs are not amounts',
    schema: form(f('a', 'amount'), f('b', 'amount'), f('c', 'amount')),
    answers: { a: '-1', b: '一百', c: '¥100' },
    expect: errors(
      ['a', 'FORM_FIELD_AMOUNT_FORMAT'],
      ['b', 'FORM_FIELD_AMOUNT_FORMAT'],
      ['c', 'FORM_FIELD_AMOUNT_FORMAT'],
    ),
  },
  {
    name: 'amount: outside min and max',
    schema: form(f('low', 'amount', { min: 1 }), f('high', 'amount', { max: 1000 })),
    answers: { low: '0.99', high: '1000.01' },
    expect: errors(['low', 'FORM_FIELD_TOO_SMALL'], ['high', 'FORM_FIELD_TOO_LARGE']),
  },

  // --- date
  {
    name: 'date: not a calendar day in YYYY-MM-DD',
    schema: form(f('a', 'date'), f('b', 'date'), f('c', 'date'), f('d', 'date')),
    answers: { a: '2026-02-30', b: '2026/11/21', c: '20261121', d: '2026-1-5' },
    expect: errors(
      ['a', 'FORM_FIELD_DATE_FORMAT'],
      ['b', 'FORM_FIELD_DATE_FORMAT'],
      ['c', 'FORM_FIELD_DATE_FORMAT'],
      ['d', 'FORM_FIELD_DATE_FORMAT'],
    ),
  },
  {
    name: 'date: 29 February in a leap year passes',
    schema: form(f('day', 'date')),
    answers: { day: '2024-02-29' },
    expect: ok({ day: '2024-02-29' }),
  },
  {
    name: "date: minDate 'today' refuses yesterday, accepts today",
    schema: form(f('start', 'date', { minDate: 'today' }), f('again', 'date', { minDate: 'today' })),
    answers: { start: '2026-11-20', again: '2026-11-21' },
    expect: errors(['start', 'FORM_FIELD_DATE_TOO_EARLY']),
  },
  {
    name: "date: maxDate '+30d' allows 30 days ahead, not 31",
    schema: form(
      f('visit', 'date', { minDate: 'today', maxDate: '+30d' }),
      f('late', 'date', { minDate: 'today', maxDate: '+30d' }),
    ),
    answers: { visit: '2026-12-21', late: '2026-12-22' },
    expect: errors(['late', 'FORM_FIELD_DATE_TOO_LATE']),
  },
  {
    name: "date: maxDate '-18y' (adults only) on the 18th birthday and the day before it",
    schema: form(f('adult', 'date', { maxDate: '-18y' }), f('minor', 'date', { maxDate: '-18y' })),
    answers: { adult: '2008-11-21', minor: '2008-11-22' },
    expect: errors(['minor', 'FORM_FIELD_DATE_TOO_LATE']),
  },
  {
    name: "date: minDate '-6m' (within the last six months)",
    schema: form(
      f('recent', 'date', { minDate: '-6m', maxDate: 'today' }),
      f('old', 'date', { minDate: '-6m', maxDate: 'today' }),
    ),
    answers: { recent: '2026-05-21', old: '2026-05-20' },
    expect: errors(['old', 'FORM_FIELD_DATE_TOO_EARLY']),
  },
  {
    name: 'date: relative bounds clamp to the end of the month (31 Aug -6m is 28 Feb, not 3 Mar)',
    schema: form(f('edge', 'date', { minDate: '-6m' }), f('before', 'date', { minDate: '-6m' })),
    answers: { edge: '2027-02-28', before: '2027-02-27' },
    today: '2027-08-31',
    expect: errors(['before', 'FORM_FIELD_DATE_TOO_EARLY']),
  },
  {
    name: 'date: absolute bounds',
    schema: form(
      f('early', 'date', { minDate: '1900-01-01', maxDate: '2030-12-31' }),
      f('late', 'date', { minDate: '1900-01-01', maxDate: '2030-12-31' }),
      f('fine', 'date', { minDate: '1900-01-01', maxDate: '2030-12-31' }),
    ),
    answers: { early: '1899-12-31', late: '2031-01-01', fine: '1900-01-01' },
    expect: errors(['early', 'FORM_FIELD_DATE_TOO_EARLY'], ['late', 'FORM_FIELD_DATE_TOO_LATE']),
  },

  // --- select
  {
    name: 'select: a listed value (trimmed) passes',
    schema: form(f('hasCar', 'select', { options: yesNo })),
    answers: { hasCar: ' yes ' },
    expect: ok({ hasCar: 'yes' }),
  },
  {
    name: 'select: unlisted values, labels and case variants are refused',
    schema: form(
      f('a', 'select', { options: yesNo }),
      f('b', 'select', { options: yesNo }),
      f('c', 'select', { options: yesNo }),
    ),
    answers: { a: 'maybe', b: '是', c: 'YES' },
    expect: errors(
      ['a', 'FORM_FIELD_OPTION_UNKNOWN'],
      ['b', 'FORM_FIELD_OPTION_UNKNOWN'],
      ['c', 'FORM_FIELD_OPTION_UNKNOWN'],
    ),
  },

  // --- idNumber
  {
    name: 'idNumber: a valid number passes',
    schema: form(f('id', 'idNumber', { required: true })),
    answers: { id: ID },
    expect: ok({ id: ID }),
  },
  {
    name: 'idNumber: lower-case x and spaces are stored upper-case without spaces',
    schema: form(f('id', 'idNumber')),
    answers: { id: ' 110105 19491231 002x ' },
    expect: ok({ id: '11010519491231002X' }),
  },
  {
    name: 'idNumber: wrong length',
    schema: form(f('id', 'idNumber')),
    answers: { id: ID.slice(0, 17) },
    expect: errors(['id', 'ID_NUMBER_FORMAT']),
  },
  {
    name: 'idNumber: unknown province',
    schema: form(f('id', 'idNumber')),
    answers: { id: ID_BAD_PROVINCE },
    expect: errors(['id', 'ID_NUMBER_PROVINCE']),
  },
  {
    name: 'idNumber: born after `today` (born today is fine)',
    schema: form(f('future', 'idNumber'), f('baby', 'idNumber')),
    answers: { future: ID_BORN_TOMORROW, baby: ID_BORN_TODAY },
    expect: errors(['future', 'ID_NUMBER_BIRTH_DATE']),
  },
  {
    name: 'idNumber: wrong check character',
    schema: form(f('id', 'idNumber')),
    answers: { id: ID_WRONG_CHECK },
    expect: errors(['id', 'ID_NUMBER_CHECKSUM']),
  },

  // --- phone
  {
    name: 'phone: +86, spaces and hyphens are stored as 11 digits',
    schema: form(f('mobile', 'phone'), f('other', 'phone')),
    answers: { mobile: '+86 138-1234-5678', other: '139 0000 0000' },
    expect: ok({ mobile: '13812345678', other: '13900000000' }),
  },
  {
    name: 'phone: landlines, short numbers and a 12x prefix are refused',
    schema: form(f('a', 'phone'), f('b', 'phone'), f('c', 'phone')),
    answers: { a: '0755-12345678', b: '1381234567', c: '12812345678' },
    expect: errors(['a', 'PHONE_FORMAT'], ['b', 'PHONE_FORMAT'], ['c', 'PHONE_FORMAT']),
  },

  // --- plate
  {
    name: 'plate: an ordinary plate typed loosely is normalised',
    schema: form(f('plate', 'plate')),
    answers: { plate: '粤b·123 45' },
    expect: ok({ plate: '粤B12345' }),
  },
  {
    name: 'plate: new-energy plates, small and large',
    schema: form(f('small', 'plate'), f('large', 'plate')),
    answers: { small: '粤BD12345', large: '粤B12345F' },
    expect: ok({ small: '粤BD12345', large: '粤B12345F' }),
  },
  {
    name: 'plate: must start with a province character',
    schema: form(f('a', 'plate'), f('b', 'plate')),
    answers: { a: '港A12345', b: 'B12345' },
    expect: errors(['a', 'PLATE_PROVINCE'], ['b', 'PLATE_PROVINCE']),
  },
  {
    name: 'plate: wrong length or letters I/O in the serial',
    schema: form(f('a', 'plate'), f('b', 'plate')),
    answers: { a: '粤B1234', b: '粤B1234O' },
    expect: errors(['a', 'PLATE_FORMAT'], ['b', 'PLATE_FORMAT']),
  },

  // --- creditCode
  {
    name: 'creditCode: valid, typed lower-case with spaces',
    schema: form(f('company', 'creditCode')),
    answers: { company: ` ${CREDIT.slice(0, 9).toLowerCase()} ${CREDIT.slice(9)}` },
    expect: ok({ company: CREDIT }),
  },
  {
    name: 'creditCode: wrong length or letters, wrong check character',
    schema: form(f('a', 'creditCode'), f('b', 'creditCode'), f('c', 'creditCode')),
    answers: { a: CREDIT.slice(0, 17), b: CREDIT.slice(0, 17) + 'I', c: CREDIT_WRONG_CHECK },
    expect: errors(['a', 'CREDIT_CODE_FORMAT'], ['b', 'CREDIT_CODE_FORMAT'], ['c', 'CREDIT_CODE_CHECKSUM']),
  },

  // --- licence and file references (ownership is the BFF's check)
  {
    name: 'licence and file: opaque ids pass',
    schema: form(
      f('licence', 'licence', { licenceKind: 'DRIVING_LICENCE' }),
      f('photo', 'file', { accept: ['image/jpeg'], maxBytes: 5_000_000 }),
    ),
    answers: { licence: 'LIC-0001_ab', photo: 'u_9f8e7d' },
    expect: ok({ licence: 'LIC-0001_ab', photo: 'u_9f8e7d' }),
  },
  {
    name: 'record: the chosen record’s key passes (ownership is the BFF’s check); a required choice left empty, and a key over 100 characters, are refused',
    schema: form(
      f('home', 'record', {
        required: true,
        record: { key: 'certificateNo', label: 'address' },
        prefill: { source: 'real-estate', path: 'properties' },
      }),
      f('other', 'record', {
        record: { key: 'certificateNo', label: 'address' },
        prefill: { source: 'real-estate', path: 'properties' },
      }),
      f('third', 'record', {
        required: true,
        record: { key: 'permitNo', label: 'kind' },
        prefill: { source: 'exit-entry', path: 'permits' },
      }),
    ),
    answers: { home: '粤(2024)深圳市不动产权第0012345号', other: 'R'.repeat(101) },
    expect: errors(['other', 'FORM_FIELD_REFERENCE_FORMAT'], ['third', 'FORM_FIELD_REQUIRED']),
  },
  {
    name: 'licence: spaces, punctuation and over 64 characters are refused',
    schema: form(f('a', 'licence', { licenceKind: 'ID_CARD' }), f('b', 'licence', { licenceKind: 'ID_CARD' })),
    answers: { a: 'LIC 0001', b: 'L'.repeat(65) },
    expect: errors(['a', 'FORM_FIELD_REFERENCE_FORMAT'], ['b', 'FORM_FIELD_REFERENCE_FORMAT']),
  },
  {
    name: 'file: a path or URL is not an upload id',
    schema: form(
      f('a', 'file', { accept: ['application/pdf'], maxBytes: 1_000_000 }),
      f('b', 'file', { accept: ['application/pdf'], maxBytes: 1_000_000 }),
    ),
    answers: { a: '../../etc/passwd', b: 'https://example.com/x.pdf' },
    expect: errors(['a', 'FORM_FIELD_REFERENCE_FORMAT'], ['b', 'FORM_FIELD_REFERENCE_FORMAT']),
  },

  // --- conditional visibility
  {
    name: 'visibleWhen: shown and required, missing',
    schema: CAR_CHAIN,
    answers: { hasCar: 'yes' },
    expect: errors(['carType', 'FORM_FIELD_REQUIRED']),
  },
  {
    name: 'visibleWhen: shown and answered',
    schema: CAR_CHAIN,
    answers: { hasCar: 'yes', carType: 'car' },
    expect: ok({ hasCar: 'yes', carType: 'car' }),
  },
  {
    name: 'visibleWhen: hidden, so not required',
    schema: CAR_CHAIN,
    answers: { hasCar: 'no' },
    expect: ok({ hasCar: 'no' }),
  },
  {
    name: 'visibleWhen: a hidden field’s answer is dropped, even an invalid one',
    schema: CAR_CHAIN,
    answers: { hasCar: 'no', carType: 'spaceship' },
    expect: ok({ hasCar: 'no' }),
  },
  {
    name: 'visibleWhen: chained, hidden because the field it depends on is hidden',
    schema: CAR_CHAIN,
    answers: { hasCar: 'no', carType: 'other', otherType: '' },
    expect: ok({ hasCar: 'no' }),
  },
  {
    name: 'visibleWhen: chained, shown all the way down',
    schema: CAR_CHAIN,
    answers: { hasCar: 'yes', carType: 'other' },
    expect: errors(['otherType', 'FORM_FIELD_REQUIRED']),
  },
  {
    name: 'visibleWhen notEquals: shown while the other field is empty',
    schema: form(
      f('reason', 'select', { options: yesNo }),
      f('detail', 'text', { required: true, visibleWhen: { field: 'reason', notEquals: ['no'] } }),
    ),
    answers: {},
    expect: errors(['detail', 'FORM_FIELD_REQUIRED']),
  },
  {
    name: 'visibleWhen notEquals: hidden for a listed answer',
    schema: form(
      f('reason', 'select', { options: yesNo }),
      f('detail', 'text', { required: true, visibleWhen: { field: 'reason', notEquals: ['no'] } }),
    ),
    answers: { reason: 'no', detail: '不需要' },
    expect: ok({ reason: 'no' }),
  },

  // --- skipFields (prefilled, locked: the caller fills them)
  {
    name: 'skipFields: a required prefilled field may be absent',
    schema: PREFILLED,
    answers: { maritalStatus: 'single' },
    skipFields: ['applicantId', 'maritalStatus'],
    expect: ok({}),
  },
  {
    name: 'skipFields: not checked and not returned, even when invalid',
    schema: PREFILLED,
    answers: { applicantId: 'not an id', maritalStatus: 'single' },
    skipFields: ['applicantId', 'maritalStatus'],
    expect: ok({}),
  },
  {
    name: 'skipFields: their values still decide visibility',
    schema: PREFILLED,
    answers: { applicantId: ID, maritalStatus: 'married' },
    skipFields: ['applicantId', 'maritalStatus'],
    expect: errors(['spouseName', 'FORM_FIELD_REQUIRED']),
  },
  {
    name: 'without skipFields a prefilled field is checked like any other',
    schema: PREFILLED,
    answers: { applicantId: ID_WRONG_CHECK, maritalStatus: 'single' },
    expect: errors(['applicantId', 'ID_NUMBER_CHECKSUM']),
  },

  // --- normalisation before validation (normaliseAnswer), the same in the app and the BFF
  {
    name: 'normalised: full-width brackets and digits typed with a Chinese IME match a half-width pattern',
    schema: form(
      f('certificateNo', 'text', {
        pattern: '[\\u4e00-\\u9fa5]{1,3}\\(\\d{4}\\)[\\u4e00-\\u9fa5]{1,10}不动产权第\\d{7}号',
      }),
    ),
    answers: { certificateNo: '粤（２０２６）深圳市不动产权第0012345号' },
    expect: ok({ certificateNo: '粤(2026)深圳市不动产权第0012345号' }),
  },
  {
    name: 'normalised: a bank card written in groups of four (spaces or hyphens) is its digits',
    schema: form(f('card', 'text', { pattern: '\\d{16,19}' }), f('card2', 'text', { pattern: '\\d{16,19}' })),
    answers: { card: ' 6222 0212 3456 7890 123 ', card2: '6222-0212-3456-7890' },
    expect: ok({ card: '6222021234567890123', card2: '6222021234567890' }),
  },
  {
    name: 'normalised: phones with spaces or full-width digits, ID numbers in groups, amounts with separators and 元',
    schema: form(
      f('mobile', 'phone'),
      f('mobile2', 'phone'),
      f('id', 'idNumber'),
      f('fee', 'amount', { max: 10000000 }),
      f('fee2', 'amount'),
    ),
    answers: {
      mobile: '138 1234 5678',
      mobile2: '１３８１２３４５６７８',
      id: `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`,
      fee: '3,200,000',
      fee2: '１２００.５０元',
    },
    expect: ok({ mobile: '13812345678', mobile2: '13812345678', id: ID, fee: '3200000', fee2: '1200.50' }),
  },
  {
    name: 'normalised: free text keeps its Chinese punctuation, full-width letters and digits become half-width, trimmed',
    schema: form(f('remark', 'text'), f('home', 'address')),
    answers: { remark: '\u3000备注（一）：ＡＢＣ１２３\u3000', home: ' 南山区科技园路１号（北门） ' },
    expect: ok({ remark: '备注（一）：ABC123', home: '南山区科技园路1号（北门）' }),
  },
  {
    name: 'normalised: a space inside a code with a pattern that allows no spaces is still refused when removing it does not help',
    schema: form(f('permit', 'text', { pattern: 'C[0-9A-Z]\\d{7}' })),
    answers: { permit: 'X1 2345678' },
    expect: errors(['permit', 'FORM_FIELD_PATTERN']),
  },

  // --- all errors, in schema order, unknown ids last
  {
    name: 'every error is returned, in schema order, unknown ids last',
    schema: form(
      f('name', 'text', { required: true }),
      f('mobile', 'phone', { required: true }),
      f('plate', 'plate'),
      f('fee', 'amount'),
    ),
    answers: { zzz: 'x', fee: '1.001', plate: '粤B1234', mobile: '123' },
    expect: errors(
      ['name', 'FORM_FIELD_REQUIRED'],
      ['mobile', 'PHONE_FORMAT'],
      ['plate', 'PLATE_FORMAT'],
      ['fee', 'FORM_FIELD_AMOUNT_FORMAT'],
      ['zzz', 'FORM_FIELD_UNKNOWN'],
    ),
  },
];

export const FORM_VALIDATION_CASES: FormValidationCase[] = raw.map((c) => ({ ...c, today: c.today ?? CASES_TODAY }));
