import fc from 'fast-check';
import { ERROR_CODES, errorMessage } from '../errors/codes';
import {
  FIELD_ERROR_CODES,
  FIELD_TYPES,
  fieldErrorText,
  isFieldVisible,
  resolveDateBound,
  validateAnswers,
  validateField,
  validateFormSchema,
  visibleFields,
  type FormField,
  type FormSchema,
} from '../forms';
import { CASES_TODAY, FORM_VALIDATION_CASES } from '../forms/cases';

const today = CASES_TODAY;
const f = (id: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  id,
  type,
  label: id,
  labelEn: id,
  ...extra,
});
const yesNo = [
  { value: 'yes', label: '是', labelEn: 'Yes' },
  { value: 'no', label: '否', labelEn: 'No' },
];

describe('the shared case table', () => {
  it.each(FORM_VALIDATION_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(validateAnswers(c.schema, c.answers, { today: c.today, skipFields: c.skipFields })).toEqual(c.expect);
  });

  it('is big enough and covers every field type and every code validateAnswers can give', () => {
    expect(FORM_VALIDATION_CASES.length).toBeGreaterThanOrEqual(45);
    const types = new Set(FORM_VALIDATION_CASES.flatMap((c) => c.schema.fields.map((field) => field.type)));
    expect([...FIELD_TYPES].filter((type) => !types.has(type))).toEqual([]);
    const codes = new Set(
      FORM_VALIDATION_CASES.flatMap((c) => (c.expect.ok ? [] : c.expect.errors.map((e) => e.code))),
    );
    // FORM_FIELD_LOCKED and FORM_RECORD_NOT_OWN are the BFF's to give (they need the agencies' records), not the validator's.
    expect(
      FIELD_ERROR_CODES.filter(
        (code) => code !== 'FORM_FIELD_LOCKED' && code !== 'FORM_RECORD_NOT_OWN' && !codes.has(code),
      ),
    ).toEqual([]);
  });

  it('uses only schemas that validateFormSchema accepts', () => {
    for (const c of FORM_VALIDATION_CASES)
      expect([c.name, validateFormSchema(c.schema)]).toEqual([c.name, { ok: true, schema: c.schema }]);
  });

  it('agrees with validateField on each field error (what the app shows inline)', () => {
    for (const c of FORM_VALIDATION_CASES) {
      if (c.expect.ok) continue;
      for (const error of c.expect.errors) {
        const field = c.schema.fields.find((candidate) => candidate.id === error.field);
        if (!field) continue;
        const value = (c.answers as Record<string, string>)[error.field];
        expect([
          c.name,
          validateField(field, Object.hasOwn(c.answers as object, error.field) ? value : undefined, { today: c.today }),
        ]).toEqual([c.name, error.code]);
      }
    }
  });
});

describe('validateField', () => {
  it('treats empty and whitespace as missing, an error only when required', () => {
    expect(validateField(f('a', 'text'), undefined, { today })).toBeNull();
    expect(validateField(f('a', 'phone'), '  ', { today })).toBeNull();
    expect(validateField(f('a', 'phone', { required: true }), ' \u3000', { today })).toBe('FORM_FIELD_REQUIRED');
  });

  it('refuses a today that is not a calendar day, rather than shifting every bound', () => {
    expect(() => validateField(f('a', 'date'), '2026-01-01', { today: '2026-11-21T08:00:00Z' })).toThrow(/today/);
    expect(() => validateAnswers({ fields: [] }, {}, { today: '2026-02-30' })).toThrow(/today/);
  });

  it('gives every field code a zh and en message in the registry, in domain forms or validation', () => {
    for (const code of FIELD_ERROR_CODES) {
      expect([code, ERROR_CODES[code].domain]).toEqual([code, code.startsWith('FORM_') ? 'forms' : 'validation']);
      expect(ERROR_CODES[code].userFixable).toBe(true);
    }
    expect(ERROR_CODES.SERVICE_NOT_FOUND).toMatchObject({ domain: 'forms', userFixable: false });
    expect(errorMessage('FORM_FIELD_REQUIRED')).toBe('此项为必填项');
    expect(errorMessage('FORM_FIELD_REQUIRED', 'en')).toBe('This is required.');
  });
});

describe('fieldErrorText', () => {
  const postcode = f('postcode', 'text', {
    pattern: '\\d{6}',
    patternMessage: '请输入6位邮政编码',
    patternMessageEn: 'Enter a 6-digit postcode.',
  });

  it("uses the operator's pattern message in the asked language", () => {
    expect(fieldErrorText(postcode, 'FORM_FIELD_PATTERN')).toBe('请输入6位邮政编码');
    expect(fieldErrorText(postcode, 'FORM_FIELD_PATTERN', 'en')).toBe('Enter a 6-digit postcode.');
  });

  it('falls back to the registry for other codes and for a missing translation', () => {
    expect(fieldErrorText(postcode, 'FORM_FIELD_REQUIRED', 'en')).toBe('This is required.');
    expect(fieldErrorText({ patternMessage: '只填数字' }, 'FORM_FIELD_PATTERN', 'en')).toBe(
      ERROR_CODES.FORM_FIELD_PATTERN.en,
    );
  });
});

describe('resolveDateBound', () => {
  it.each([
    ['today', '2026-11-21', '2026-11-21'],
    ['1949-10-01', '2026-11-21', '1949-10-01'],
    ['+30d', '2026-11-21', '2026-12-21'],
    ['-1d', '2026-01-01', '2025-12-31'],
    ['+1d', '2028-02-28', '2028-02-29'],
    ['-18y', '2026-11-21', '2008-11-21'],
    ['-1y', '2024-02-29', '2023-02-28'],
    ['+4y', '2024-02-29', '2028-02-29'],
    ['-6m', '2026-08-31', '2026-02-28'],
    ['-6m', '2026-03-15', '2025-09-15'],
    ['+1m', '2026-01-31', '2026-02-28'],
    ['+13m', '2026-12-01', '2028-01-01'],
  ])('%s from %s is %s', (bound, from, expected) => {
    expect(resolveDateBound(bound, from)).toBe(expected);
  });

  it.each(['yesterday', '18y', '-18', '-18w', '2026-02-30', '2026/01/01', ''])('refuses %p', (bound) => {
    expect(() => resolveDateBound(bound, today)).toThrow();
  });
});

describe('visibility', () => {
  const schema: FormSchema = {
    fields: [
      f('hasCar', 'select', { options: yesNo }),
      f('ownCar', 'select', { options: yesNo, visibleWhen: { field: 'hasCar', equals: ['yes'] } }),
      f('ownerName', 'text', { visibleWhen: { field: 'ownCar', equals: ['no'] } }),
      f('comment', 'text', { visibleWhen: { field: 'hasCar', notEquals: ['no'] } }),
    ],
  };

  it('follows a chain: a field is hidden when the field it depends on is hidden', () => {
    expect(isFieldVisible(schema, 'ownerName', { hasCar: 'yes', ownCar: 'no' })).toBe(true);
    expect(isFieldVisible(schema, 'ownerName', { hasCar: 'no', ownCar: 'no' })).toBe(false);
    expect(isFieldVisible(schema, 'ownerName', { ownCar: 'no' })).toBe(false);
  });

  it('shows notEquals fields while the other field is empty', () => {
    expect(isFieldVisible(schema, 'comment', {})).toBe(true);
    expect(isFieldVisible(schema, 'comment', { hasCar: ' no ' })).toBe(false);
  });

  it('lists visible fields in order, and knows no unknown field', () => {
    expect(visibleFields(schema, { hasCar: 'yes', ownCar: 'no' }).map((field) => field.id)).toEqual([
      'hasCar',
      'ownCar',
      'ownerName',
      'comment',
    ]);
    expect(visibleFields(schema, { hasCar: 'no' }).map((field) => field.id)).toEqual(['hasCar']);
    expect(isFieldVisible(schema, 'nope', {})).toBe(false);
    expect(isFieldVisible(schema, 'constructor', {})).toBe(false);
  });

  it('hides a field whose condition refers to a later field (never loops)', () => {
    const bad = {
      fields: [
        f('a', 'text', { visibleWhen: { field: 'b', equals: ['x'] } }),
        f('b', 'text', { visibleWhen: { field: 'a', equals: ['x'] } }),
      ],
    };
    expect(visibleFields(bad, { a: 'x', b: 'x' })).toEqual([]);
  });
});

describe('validateFormSchema', () => {
  const valid: FormSchema = {
    fields: [
      f('name', 'text', {
        required: true,
        pattern: '[\\u4e00-\\u9fa5·]{2,30}',
        patternMessage: '请输入中文姓名',
        minLength: 2,
        maxLength: 30,
      }),
      f('hasCar', 'select', { options: yesNo }),
      f('plate', 'plate', { required: true, visibleWhen: { field: 'hasCar', equals: ['yes'] } }),
      f('birthDate', 'date', { minDate: '1900-01-01', maxDate: '-18y' }),
      f('income', 'amount', { min: 0, max: 1_000_000 }),
      f('licence', 'licence', { licenceKind: 'DRIVING_LICENCE' }),
      f('photo', 'file', { accept: ['image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024 }),
      f('idNumber', 'idNumber', { prefill: { source: 'population', path: 'idNumber' } }),
    ],
  };

  it('accepts a well-formed schema and returns it', () => {
    expect(validateFormSchema(valid)).toEqual({ ok: true, schema: valid });
  });

  /** The valid schema with one field changed (by id) or added. */
  const withField = (id: string, change: Record<string, unknown>) => ({
    fields: valid.fields.some((field) => field.id === id)
      ? valid.fields.map((field) => (field.id === id ? { ...field, ...change } : field))
      : [...valid.fields, { id, label: id, labelEn: id, ...change }],
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'fields', /object \{ fields/],
    ['no fields array', { fields: {} }, /object \{ fields/],
    ['unknown top-level property', { ...valid, title: 'x' }, /unknown property "title"/],
    ['a field that is not an object', { fields: [null] }, /^field 1: is not an object/],
    ['bad id', withField('Name', { type: 'text' }), /field 9 "Name": id must be/],
    ['id too long', withField('a'.repeat(41), { type: 'text' }), /id must be/],
    [
      'duplicate id',
      { fields: [...valid.fields, f('name', 'text')] },
      /field 9 "name": id is used by an earlier field/,
    ],
    ['unknown type', withField('x', { type: 'email' }), /field 9 "x": unknown type "email"/],
    ['missing labels', { fields: [{ id: 'x', type: 'text', label: '' }] }, /label and labelEn are required/],
    ['unknown property (a typo)', withField('name', { maxlength: 10 }), /field 1 "name": unknown property "maxlength"/],
    ['required not boolean', withField('name', { required: 'yes' }), /required must be true or false/],
    [
      'pattern on a number',
      withField('income', { pattern: '\\d+' }),
      /"income": pattern does not apply to amount fields/,
    ],
    [
      'invalid regex',
      withField('name', { pattern: '([a-z' }),
      /"name": pattern "\(\[a-z" is not a valid regular expression/,
    ],
    ['slow regex', withField('name', { pattern: '(a+)+b' }), /repeats a repeated group/],
    [
      'pattern message without pattern',
      withField('x', { type: 'text', patternMessage: '错' }),
      /patternMessage without a pattern/,
    ],
    ['minLength over maxLength', withField('name', { minLength: 40 }), /minLength 40 is more than maxLength 30/],
    [
      'minLength over the default maxLength',
      withField('x', { type: 'address', minLength: 201 }),
      /minLength 201 is more than maxLength 200/,
    ],
    ['negative maxLength', withField('name', { maxLength: -1 }), /maxLength must be a whole number/],
    ['min over max', withField('income', { min: 10, max: 1 }), /"income": min 10 is more than max 1/],
    ['min not a number', withField('income', { min: '0' }), /min must be a number/],
    [
      'bad date bound',
      withField('birthDate', { maxDate: '18 years ago' }),
      /"birthDate": maxDate "18 years ago" is not/,
    ],
    ['impossible absolute date', withField('birthDate', { minDate: '2026-02-30' }), /minDate "2026-02-30" is not/],
    [
      'minDate after maxDate',
      withField('birthDate', { minDate: '2000-01-01', maxDate: '1999-12-31' }),
      /minDate is after maxDate/,
    ],
    [
      'relative minDate after maxDate',
      withField('birthDate', { minDate: '+1d', maxDate: 'today' }),
      /minDate is after maxDate/,
    ],
    ['select without options', withField('hasCar', { options: [] }), /"hasCar": a select needs at least one option/],
    [
      'select with repeated values',
      withField('hasCar', { options: [...yesNo, { value: 'yes', label: '对', labelEn: 'Yes' }] }),
      /option value "yes" is repeated/,
    ],
    [
      'select option without a label',
      withField('hasCar', { options: [{ value: 'yes', label: '是' }] }),
      /option 1 needs a value, label and labelEn/,
    ],
    ['options on a text field', withField('name', { options: yesNo }), /options does not apply to text fields/],
    [
      'licence without kind',
      withField('licence', { licenceKind: undefined }),
      /"licence": a licence field needs licenceKind/,
    ],
    ['licence of unknown kind', withField('licence', { licenceKind: 'PASSPORT' }), /needs licenceKind/],
    ['file without accept', withField('photo', { accept: [] }), /"photo": a file field needs accept/],
    ['file with a file extension as accept', withField('photo', { accept: ['.jpg'] }), /needs accept/],
    ['file without maxBytes', withField('photo', { maxBytes: undefined }), /"photo": a file field needs maxBytes/],
    [
      'visibleWhen on a later field',
      {
        fields: [
          f('plate', 'plate', { visibleWhen: { field: 'hasCar', equals: ['yes'] } }),
          f('hasCar', 'select', { options: yesNo }),
        ],
      },
      /field 1 "plate": visibleWhen.field "hasCar" must be the id of an earlier field/,
    ],
    [
      'visibleWhen on itself',
      withField('plate', { visibleWhen: { field: 'plate', equals: ['x'] } }),
      /must be the id of an earlier field/,
    ],
    [
      'visibleWhen on an unknown field',
      withField('plate', { visibleWhen: { field: 'car', equals: ['yes'] } }),
      /visibleWhen.field "car"/,
    ],
    [
      'visibleWhen with no condition',
      withField('plate', { visibleWhen: { field: 'hasCar' } }),
      /needs equals or notEquals/,
    ],
    [
      'visibleWhen with an empty list',
      withField('plate', { visibleWhen: { field: 'hasCar', equals: [] } }),
      /visibleWhen.equals must be a non-empty list/,
    ],
    [
      'visibleWhen naming no option of a select',
      withField('plate', { visibleWhen: { field: 'hasCar', equals: ['Yes'] } }),
      /value "Yes" is not an option of "hasCar"/,
    ],
    [
      'prefill from an unknown source',
      withField('idNumber', { prefill: { source: 'police', path: 'idNumber' } }),
      /"idNumber": prefill needs a source/,
    ],
    [
      'prefill without a path',
      withField('idNumber', { prefill: { source: 'population' } }),
      /prefill needs a source .* and a path/,
    ],
    [
      'prefilled and depending on a later field',
      {
        fields: [
          f('id', 'idNumber', {
            prefill: { source: 'population', path: 'idNumber' },
            visibleWhen: { field: 'hasId', equals: ['yes'] },
          }),
          f('hasId', 'select', { options: yesNo }),
        ],
      },
      /field 1 "id": visibleWhen.field "hasId" must be the id of an earlier field/,
    ],
  ])('reports %s', (_name, schema, problem) => {
    const result = validateFormSchema(schema);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toContainEqual(expect.stringMatching(problem));
  });

  it('reports every problem at once', () => {
    const result = validateFormSchema({ fields: [f('a', 'select'), f('a', 'licence'), f('c', 'file')] });
    expect(result.ok ? [] : result.problems).toHaveLength(5);
  });
});

describe('properties', () => {
  it('any whole number within [min, max] passes a number field, and any outside fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: -2e6, max: 2e6 }),
        (a, b, n) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const code = validateField(f('n', 'number', { min, max }), String(n), { today });
          return code === (n < min ? 'FORM_FIELD_TOO_SMALL' : n > max ? 'FORM_FIELD_TOO_LARGE' : null);
        },
      ),
    );
  });

  it('any amount in fen written with up to two decimals passes, and is stored as typed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.constantFrom(0, 1, 2), (fen, decimals) => {
        const yuan = decimals === 0 ? String(Math.floor(fen / 100)) : (fen / 100).toFixed(decimals);
        const result = validateAnswers({ fields: [f('fee', 'amount')] }, { fee: ` ${yuan} ` }, { today });
        return result.ok && result.answers.fee === yuan;
      }),
    );
  });

  it('never throws on any answers, and returns only schema fields', () => {
    const schema = FORM_VALIDATION_CASES.find((c) => c.name.startsWith('every error is returned'))!.schema;
    const ids = schema.fields.map((field) => field.id);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.dictionary(fc.constantFrom(...ids, 'other', '__proto__', 'constructor'), fc.string()),
        ),
        (answers) => {
          const result = validateAnswers(schema, answers, { today });
          return result.ok ? Object.keys(result.answers).every((id) => ids.includes(id)) : result.errors.length > 0;
        },
      ),
    );
  });
});
