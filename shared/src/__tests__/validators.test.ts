import fc from 'fast-check';
import {
  COUNTIES,
  CREDIT_CODE_CHARSET,
  PLATE_LETTERS,
  PLATE_PROVINCES,
  NEW_ENERGY_LETTERS,
  creditCodeCheckCharacter,
  idNumberCheckCharacter,
  makeIdNumber,
  validateCreditCode,
  validateIdNumber,
  validatePhone,
  validatePlate,
} from '../validators';

const TODAY = new Date('2026-11-21T00:00:00Z');

describe('resident ID number (GB 11643)', () => {
  it('accepts the public example and reads its facts', () => {
    const result = validateIdNumber('11010519491231002X', TODAY);
    expect(result).toEqual({
      ok: true,
      facts: { value: '11010519491231002X', divisionCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('accepts a lower-case x and spaces, and stores upper case', () => {
    const result = validateIdNumber(' 110105 19491231 002x ', TODAY);
    expect(result.ok && result.facts.value).toBe('11010519491231002X');
  });

  it.each([
    ['', 'ID_NUMBER_FORMAT'],
    ['11010519491231002', 'ID_NUMBER_FORMAT'],
    ['1101051949123100211', 'ID_NUMBER_FORMAT'],
    ['11010519491231002Y', 'ID_NUMBER_FORMAT'],
    ['X1010519491231002X', 'ID_NUMBER_FORMAT'],
    ['99010519491231002X', 'ID_NUMBER_PROVINCE'],
    ['110105194902300021', 'ID_NUMBER_BIRTH_DATE'], // 30 February
    ['110105203001010011', 'ID_NUMBER_BIRTH_DATE'], // in the future
    ['110105180001010011', 'ID_NUMBER_BIRTH_DATE'], // before 1900
    ['110105194912310021', 'ID_NUMBER_CHECKSUM'],
  ])('refuses %p as %s', (input, problem) => {
    expect(validateIdNumber(input, TODAY)).toEqual({ ok: false, problem });
  });

  it('accepts 29 February only in a leap year', () => {
    expect(validateIdNumber(makeIdNumber('440106', '2000-02-29', 11), TODAY).ok).toBe(true);
    const first17 = '44010619990229001';
    expect(validateIdNumber(first17 + idNumberCheckCharacter(first17), TODAY)).toEqual({
      ok: false,
      problem: 'ID_NUMBER_BIRTH_DATE',
    });
  });

  const validIdNumber = fc
    .record({
      county: fc.constantFrom(...COUNTIES.map(([code]) => code)),
      birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ county, birth, sequence }) => makeIdNumber(county, birth.toISOString().slice(0, 10), sequence));

  it('accepts every generated valid number, and its sex follows the sequence digit', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const result = validateIdNumber(id, TODAY);
        return result.ok && result.facts.sex === (Number(id[16]) % 2 ? 'male' : 'female');
      }),
    );
  });

  it('refuses any change of the check character', () => {
    fc.assert(
      fc.property(validIdNumber, fc.constantFrom(...'0123456789X'), (id, replacement) => {
        fc.pre(replacement !== id[17]);
        return validateIdNumber(id.slice(0, 17) + replacement, TODAY).ok === false;
      }),
    );
  });

  it('refuses any single changed digit in the body (MOD 11-2 catches single errors)', () => {
    fc.assert(
      fc.property(
        validIdNumber,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (id, position, delta) => {
          const digit = (Number(id[position]) + delta) % 10;
          const changed = id.slice(0, position) + digit + id.slice(position + 1);
          return validateIdNumber(changed, TODAY).ok === false;
        },
      ),
    );
  });
});

describe('licence plates', () => {
  it.each([
    ['粤B12345', 'ordinary', '粤B12345'],
    ['粤b·12345', 'ordinary', '粤B12345'],
    [' 京 A 8N6T2 ', 'ordinary', '京A8N6T2'],
    ['闽D1234学', 'special', '闽D1234学'],
    ['沪A0001警', 'special', '沪A0001警'],
    ['粤BD12345', 'new-energy', '粤BD12345'],
    ['粤BFA1234', 'new-energy', '粤BFA1234'],
    ['苏E12345D', 'new-energy', '苏E12345D'],
  ])('accepts %p as %s', (input, kind, plate) => {
    expect(validatePlate(input)).toEqual({ ok: true, plate, kind });
  });

  it.each([
    ['', 'PLATE_FORMAT'],
    ['粤B1234', 'PLATE_FORMAT'],
    ['粤B1234O', 'PLATE_FORMAT'], // letter O is never used
    ['粤BI2345', 'PLATE_FORMAT'], // letter I is never used
    ['粤BZ12345', 'PLATE_FORMAT'], // Z is not a new-energy letter
    ['粤B12345Z', 'PLATE_FORMAT'],
    ['A12345B', 'PLATE_PROVINCE'],
    ['港B12345', 'PLATE_PROVINCE'],
  ])('refuses %p as %s', (input, problem) => {
    expect(validatePlate(input)).toEqual({ ok: false, problem });
  });

  const serialChar = fc.constantFrom(...(PLATE_LETTERS + '0123456789'));
  const province = fc.constantFrom(...PLATE_PROVINCES);
  const office = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ');
  const ordinary = fc
    .tuple(province, office, fc.array(serialChar, { minLength: 5, maxLength: 5 }))
    .map(([p, o, s]) => p + o + s.join(''));
  const newEnergy = fc
    .tuple(province, office, fc.constantFrom(...NEW_ENERGY_LETTERS), serialChar, fc.integer({ min: 0, max: 9999 }))
    .map(([p, o, e, c, n]) => p + o + e + c + String(n).padStart(4, '0'));

  it('accepts every generated ordinary and new-energy plate', () => {
    fc.assert(fc.property(ordinary, (plate) => validatePlate(plate).ok));
    fc.assert(
      fc.property(
        newEnergy,
        (plate) => validatePlate(plate).ok && (validatePlate(plate) as { kind: string }).kind === 'new-energy',
      ),
    );
  });

  it('refuses a generated plate with one character made I or O, or one character dropped', () => {
    fc.assert(
      fc.property(
        ordinary,
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom('I', 'O'),
        (plate, i, bad) => !validatePlate(plate.slice(0, i) + bad + plate.slice(i + 1)).ok,
      ),
    );
    fc.assert(
      fc.property(newEnergy, fc.integer({ min: 0, max: 7 }), (plate, i) => {
        const shorter = plate.slice(0, i) + plate.slice(i + 1);
        // Dropping a character from a new-energy plate may leave a valid 7-character ordinary plate,
        // but never a new-energy one.
        const result = validatePlate(shorter);
        return !result.ok || result.kind !== 'new-energy';
      }),
    );
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts a real published code', () => {
    // Tencent's Shenzhen company, as printed on its business licence.
    expect(validateCreditCode('91440300708461136T')).toEqual({ ok: true, value: '91440300708461136T' });
  });
  it.each([
    ['91440300708461136', 'CREDIT_CODE_FORMAT'],
    ['9144030070846113IT', 'CREDIT_CODE_FORMAT'],
    ['91440300708461136A', 'CREDIT_CODE_CHECKSUM'],
  ])('refuses %p as %s', (input, problem) => {
    expect(validateCreditCode(input)).toEqual({ ok: false, problem });
  });
  it('accepts generated codes and refuses a changed check character', () => {
    const body = fc
      .tuple(
        fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 2, maxLength: 2 }),
        fc.constantFrom(...COUNTIES.map(([c]) => c)),
        fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET), { minLength: 9, maxLength: 9 }),
      )
      .map(([a, d, b]) => a.join('') + d + b.join(''));
    fc.assert(
      fc.property(body, fc.constantFrom(...CREDIT_CODE_CHARSET), (first17, other) => {
        const check = creditCodeCheckCharacter(first17);
        fc.pre(other !== check);
        return validateCreditCode(first17 + check).ok && !validateCreditCode(first17 + other).ok;
      }),
    );
  });
});

describe('mobile numbers', () => {
  it.each(['13812345678', '+86 138 1234 5678', '199-1234-5678'])('accepts %p', (input) => {
    expect(validatePhone(input).ok).toBe(true);
  });
  it.each(['12812345678', '1381234567', '138123456789', 'abc', ''])('refuses %p', (input) => {
    expect(validatePhone(input)).toEqual({ ok: false, problem: 'PHONE_FORMAT' });
  });
});
