import { formatYuan, groupThousands, toChineseCapital } from '../money';

describe('money as people read it', () => {
  it('groups thousands with two decimals, and says 元', () => {
    expect(groupThousands('3200000')).toBe('3,200,000.00');
    expect(groupThousands('1200.5')).toBe('1,200.50');
    expect(groupThousands('999')).toBe('999.00');
    expect(groupThousands('0012345')).toBe('12,345.00');
    expect(groupThousands('abc')).toBeNull();
    expect(formatYuan('3200000')).toBe('3,200,000.00 元');
    expect(formatYuan('3200000', 'en')).toBe('CNY 3,200,000.00');
    expect(formatYuan('not money')).toBe('not money');
  });

  it('writes 大写 as banks do', () => {
    expect(toChineseCapital('3200000')).toBe('叁佰贰拾万元整');
    expect(toChineseCapital('1200.5')).toBe('壹仟贰佰元伍角');
    expect(toChineseCapital('10.05')).toBe('壹拾元零伍分');
    expect(toChineseCapital('100010')).toBe('壹拾万零壹拾元整');
    expect(toChineseCapital('10500')).toBe('壹万零伍佰元整');
    expect(toChineseCapital('100000000')).toBe('壹亿元整');
    expect(toChineseCapital('0.5')).toBe('伍角');
    expect(toChineseCapital('0')).toBe('零元整');
    expect(toChineseCapital('1.234')).toBeNull();
    expect(toChineseCapital('-1')).toBeNull();
  });
});
