import { chinaCalendar, chinaInstant } from '../chinaTime';

describe('China calendar', () => {
  it('turns the day and the month at local midnight, 16:00 UTC', () => {
    expect(chinaCalendar(new Date('2026-11-30T15:59:59Z'))).toMatchObject({
      day: '2026-11-30',
      month: '2026-11',
      nextDayStart: '2026-11-30T16:00:00.000Z',
    });
    expect(chinaCalendar(new Date('2026-11-30T16:30:00Z'))).toEqual({
      day: '2026-12-01',
      month: '2026-12',
      hour: '2026-12-01T00',
      time: '00:30',
      dateTime: '2026-12-01 00:30:00',
      weekday: 2,
      dayStart: '2026-11-30T16:00:00.000Z',
      monthStart: '2026-11-30T16:00:00.000Z',
      nextDayStart: '2026-12-01T16:00:00.000Z',
    });
  });

  it('names the weekday and time as a citizen in China sees them, and turns them back into an instant', () => {
    // Sunday 23:30 UTC is Monday 07:30 in China.
    expect(chinaCalendar(new Date('2026-11-22T23:30:00Z'))).toMatchObject({
      day: '2026-11-23',
      time: '07:30',
      weekday: 1,
    });
    expect(chinaCalendar(new Date('2026-11-22T15:00:00Z'))).toMatchObject({ day: '2026-11-22', weekday: 7 });
    expect(chinaInstant('2026-11-23', '09:30').toISOString()).toBe('2026-11-23T01:30:00.000Z');
  });
});
