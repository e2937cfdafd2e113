import { dateRange, normaliseDay } from '../fields/dateRange';

describe('dates from the platforms’ pickers', () => {
  it.each([
    ['2026-10-11', '2026-10-11'],
    ['2026/10/11', '2026-10-11'], // Alipay's my.datePicker on some clients
    ['2026-1-5', '2026-01-05'],
    ['2026.01.05', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    [' 2026/02/28 ', '2026-02-28'],
  ])('reads %s as %s', (picked, day) => {
    expect(normaliseDay(picked)).toBe(day);
  });

  it.each(['2026/02/30', '2026-13-01', '26/10/11', '', null, '2026-10-11 12:00'])('refuses %s', (picked) => {
    expect(normaliseDay(picked)).toBeNull();
  });

  it('opens on today inside the field’s bounds', () => {
    expect(
      dateRange(
        { id: 'd', type: 'date', label: 'd', labelEn: 'd', required: true, maxDate: 'today' } as never,
        '2026-11-27',
      ),
    ).toEqual({ start: '1900-01-01', end: '2026-11-27', initial: '2026-11-27' });
  });
});
