import { validateFormSchema } from '@citizen/shared';
import { DEPARTMENTS, SERVICE_DEFINITIONS } from '../definitions';
import { overallStatus } from '../status';
import { ServiceSearch } from '../search';
import { SEED_CATEGORIES, SEED_TILES } from '../../catalogue/seed';

describe('service definitions', () => {
  it.each(SERVICE_DEFINITIONS.map((d) => [d.id, d] as const))(
    '%s has a valid form, known departments, and materials that point at its fields',
    (_id, d) => {
      const checked = validateFormSchema(d.form);
      expect(checked.ok ? [] : checked.problems).toEqual([]);
      for (const department of d.departments) expect(Object.keys(DEPARTMENTS)).toContain(department);
      for (const material of d.materials)
        if (material.fieldId) expect(d.form.fields.map((f) => f.id)).toContain(material.fieldId);
    },
  );

  it('covers the eight kinds of service the city asked for, one of them a bundle', () => {
    expect(SERVICE_DEFINITIONS.length).toBeGreaterThanOrEqual(8);
    expect(SERVICE_DEFINITIONS.filter((d) => d.departments.length > 1).map((d) => d.id)).toEqual([
      'talent-housing-subsidy',
    ]);
  });
});

describe('overall status from the departments', () => {
  it.each([
    [['SUBMITTED'], 'SUBMITTED'],
    [['ACCEPTED', 'SUBMITTED'], 'SUBMITTED'],
    [['ACCEPTED', 'ACCEPTED'], 'ACCEPTED'],
    [['APPROVED', 'ACCEPTED'], 'IN_REVIEW'],
    [['APPROVED', 'COMPLETED'], 'APPROVED'],
    [['COMPLETED', 'COMPLETED'], 'COMPLETED'],
    [['APPROVED', 'MORE_INFO_REQUESTED'], 'MORE_INFO_REQUESTED'],
    [['MORE_INFO_REQUESTED', 'REJECTED'], 'REJECTED'],
  ] as const)('%j → %s', (parts, overall) => {
    expect(overallStatus(parts)).toBe(overall);
  });
});

describe('service search', () => {
  const search = new ServiceSearch();
  const categories = new Map(SEED_CATEGORIES.map((c) => [c.id, c]));
  const titles = (q: string) => search.search(SEED_TILES, q, categories).map((t) => t.title);
  it('finds 公积金 by characters, initials, full pinyin and English', () => {
    for (const query of ['公积金', 'gjj', 'GJJ', 'gongjijin', 'provident'])
      expect(titles(query)).toEqual(expect.arrayContaining(['公积金余额查询', '购房提取公积金', '租房提取公积金']));
    expect(titles('gjj').every((t) => t.includes('公积金'))).toBe(true);
  });
  it('puts titles that start with the query first, and finds nothing for nothing', () => {
    expect(titles('社保')[0]).toBe('社保缴费证明');
    expect(titles('   ')).toEqual([]);
    expect(titles('zzzzqqq')).toEqual([]);
  });
});
