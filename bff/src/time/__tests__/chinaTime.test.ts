import { chinaCalendar } from '../chinaTime';

describe('China calendar', () => {
  it('turns the day and the month at local midnight, 16:00 UTC', () => {
    expect(chinaCalendar(new Date('2026-11-30T15:59:59Z'))).toMatchObject({ day: '2026-11-30', month: '2026-11', nextDayStart: '2026-11-30T16:00:00.000Z' });
    expect(chinaCalendar(new Date('2026-11-30T16:30:00Z'))).toEqual({
      day: '2026-12-01', month: '2026-12', hour: '2026-12-01T00',
      dayStart: '2026-11-30T16:00:00.000Z', monthStart: '2026-11-30T16:00:00.000Z', nextDayStart: '2026-12-01T16:00:00.000Z',
    });
  });
});
