import { maskIdNumber, maskName, maskPhone, maskPlate } from '../masking';
import { ERROR_CODES, errorMessage } from '../errors/codes';

describe('masking (PIPL patterns in standards.md)', () => {
  it('masks each kind of personal data', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1***************2X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
    expect(maskPlate('粤B12345')).toBe('粤B1***5');
    expect(maskPlate('粤BD12345')).toBe('粤BD****5');
  });
  it('never returns short input unmasked', () => {
    expect(maskPhone('123')).toBe('***');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('error code registry', () => {
  it('gives every code a Chinese and an English message', () => {
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect([code, info.zh.length > 0, info.en.length > 0]).toEqual([code, true, true]);
    }
  });
  it('falls back to the generic message for unknown codes', () => {
    expect(errorMessage('NO_SUCH_CODE')).toBe(ERROR_CODES.INTERNAL_SERVER_ERROR.zh);
    expect(errorMessage('PLATE_FORMAT', 'en')).toBe('The plate number is not in a valid format.');
  });
});
