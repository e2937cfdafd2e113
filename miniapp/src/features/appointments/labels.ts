import type { AppointmentFieldsFragment, HallFieldsFragment } from '@citizen/shared';
import { t } from '../../preferences';
import { formatDateTime, localized } from '../../preferences/format';

/** How many days the date strip offers, today first (the BFF books up to 14 days ahead). */
export const BOOKING_DAYS = 14;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3600_000;
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface BookingDay {
  /** YYYY-MM-DD, China time: what AppointmentSlots takes. */
  date: string;
  /** 今天 / 明天 / 周三 */
  name: string;
  /** 11-23 */
  short: string;
  /** The whole day in words, for screen readers: 11月23日 周一. */
  spoken: string;
}

/**
 * The days a citizen can book, from today in China time (the halls' calendar, whatever
 * the phone's time zone).
 */
export function bookingDays(now = Date.now(), count = BOOKING_DAYS): BookingDay[] {
  const today = Date.parse(`${new Date(now + CHINA_OFFSET_MS).toISOString().slice(0, 10)}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(today + i * DAY_MS);
    const date = day.toISOString().slice(0, 10);
    const weekday = day.getUTCDay();
    const name =
      i === 0 ? t('今天', 'Today') : i === 1 ? t('明天', 'Tomorrow') : t(WEEKDAYS_ZH[weekday], WEEKDAYS_EN[weekday]);
    const month = Number(date.slice(5, 7));
    const dayOfMonth = Number(date.slice(8, 10));
    return {
      date,
      name,
      short: date.slice(5),
      spoken: t(`${month}月${dayOfMonth}日 ${WEEKDAYS_ZH[weekday]}`, `${WEEKDAYS_EN[weekday]} ${dayOfMonth}/${month}`),
    };
  });
}

/** When, in China time with the weekday: 2026-11-23 周一 09:30. */
export function appointmentTime(iso: string): string {
  const weekday = new Date(Date.parse(iso) + CHINA_OFFSET_MS).getUTCDay();
  const when = formatDateTime(iso);
  return t(`${when.slice(0, 10)} ${WEEKDAYS_ZH[weekday]} ${when.slice(11)}`, `${WEEKDAYS_EN[weekday]} ${when}`);
}

/** The status in words: booked, cancelled, or booked but already past (it can no longer be changed). */
export function appointmentStatus(appointment: Pick<AppointmentFieldsFragment, 'status' | 'changeable'>): {
  text: string;
  tone: 'booked' | 'cancelled' | 'past';
} {
  if (appointment.status === 'CANCELLED') return { text: t('已取消', 'Cancelled'), tone: 'cancelled' };
  if (appointment.changeable) return { text: t('已预约', 'Booked'), tone: 'booked' };
  return { text: t('已过预约时间', 'Past'), tone: 'past' };
}

export const hallName = (hall: Pick<HallFieldsFragment, 'name' | 'nameEn'>) => localized(hall.name, hall.nameEn);
export const hallAddress = (hall: Pick<HallFieldsFragment, 'address' | 'addressEn'>) =>
  localized(hall.address, hall.addressEn);
export const hallHours = (hall: Pick<HallFieldsFragment, 'hours' | 'hoursEn'>) => localized(hall.hours, hall.hoursEn);

/** The service's name as the hall lists it, in the reader's language, or its id when the hall does not list it. */
export function serviceTitle(halls: HallFieldsFragment[], serviceId: string): string {
  for (const hall of halls) {
    const service = hall.services.find((s) => s.serviceId === serviceId);
    if (service) return localized(service.title, service.titleEn);
  }
  return serviceId;
}
