/**
 * Calendar boundaries as a citizen in China sees them (UTC+8, no daylight saving):
 * daily and monthly limits reset at local midnight, not at UTC midnight.
 */
const OFFSET_MS = 8 * 3600_000;

export interface ChinaCalendar {
  /** 2026-11-21 */
  day: string;
  /** 2026-11 */
  month: string;
  /** 2026-11-21T13 */
  hour: string;
  /** 13:30 */
  time: string;
  /** 2026-11-21 13:30:05, as Alipay's gateway and printed receipts read it */
  dateTime: string;
  /** ISO weekday: 1 Monday … 7 Sunday */
  weekday: number;
  /** The instant the local day began / the local month began / the next local day begins (ISO, UTC). */
  dayStart: string;
  monthStart: string;
  nextDayStart: string;
}

export function chinaCalendar(now: Date): ChinaCalendar {
  const localDate = new Date(now.getTime() + OFFSET_MS);
  const local = localDate.toISOString();
  const day = local.slice(0, 10);
  const month = local.slice(0, 7);
  const dayStartMs = () => Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
  return {
    day,
    month,
    hour: local.slice(0, 13),
    time: local.slice(11, 16),
    dateTime: local.slice(0, 19).replace('T', ' '),
    weekday: localDate.getUTCDay() || 7,
    // Worked out when read: most callers want the day only, on every request (issue 12).
    get dayStart() {
      return new Date(dayStartMs()).toISOString();
    },
    get monthStart() {
      return new Date(Date.parse(`${month}-01T00:00:00Z`) - OFFSET_MS).toISOString();
    },
    get nextDayStart() {
      return new Date(dayStartMs() + 24 * 3600_000).toISOString();
    },
  };
}

/** A China calendar day and HH:MM as the instant it is. */
export function chinaInstant(day: string, time: string): Date {
  return new Date(Date.parse(`${day}T${time}:00Z`) - OFFSET_MS);
}
