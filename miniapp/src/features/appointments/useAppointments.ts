import { useCallback, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import {
  BookAppointmentDocument,
  CancelAppointmentDocument,
  MyAppointmentsDocument,
  RescheduleAppointmentDocument,
  type AppointmentFieldsFragment,
} from '@citizen/shared';
import { authed } from '../identity/session';
import type { ApiError, ApiResult } from '../../api/client';

export type Appointment = AppointmentFieldsFragment;

/** Upcoming first (soonest first), then the rest (cancelled and past), newest first; the BFF sends this order too. */
export function inOrder(appointments: Appointment[]): Appointment[] {
  const upcoming = appointments.filter((a) => a.changeable).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const rest = appointments.filter((a) => !a.changeable).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return [...upcoming, ...rest];
}

/**
 * One request at a time per action: a second tap while the first is on its way is
 * ignored (the buttons also show they are busy). Booking and rescheduling are safe
 * to repeat anyway: the BFF answers the same slot again with the same appointment.
 */
function useOnce() {
  const busy = useRef(false);
  const [running, setRunning] = useState(false);
  const run = useCallback(async <T>(work: () => Promise<ApiResult<T>>): Promise<ApiResult<T> | null> => {
    if (busy.current) return null;
    busy.current = true;
    setRunning(true);
    try {
      return await work();
    } finally {
      busy.current = false;
      setRunning(false);
    }
  }, []);
  return { run, running };
}

/** Books a slot. @returns the appointment, or the error (SLOT_FULL, SLOT_IN_PAST, SLOT_NOT_FOUND, APPOINTMENT_EXISTS, HALL_NOT_FOUND, ASSURANCE_LEVEL_TOO_LOW); null for an ignored second tap. */
export function useBooking() {
  const { run, running } = useOnce();
  const book = useCallback(
    async (
      hallId: string,
      serviceId: string,
      startsAt: string,
    ): Promise<{ appointment: Appointment } | { error: ApiError } | null> => {
      const result = await run(() => authed(BookAppointmentDocument, { hallId, serviceId, startsAt }));
      if (!result) return null;
      return result.data ? { appointment: result.data.bookAppointment } : { error: result.errors[0] };
    },
    [run],
  );
  return { book, booking: running };
}

/**
 * The citizen's appointments, read each time the page shows, with the two changes a
 * citizen can make: move one (same hall and service) and cancel one. Each returns the
 * appointment as it now is, which replaces the row.
 */
export function useMyAppointments() {
  const [appointments, setAppointments] = useState<Appointment[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(0);
  const cancelling = useOnce();
  const moving = useOnce();

  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const result = await authed(MyAppointmentsDocument, {});
    if (ticket !== latest.current) return;
    if (result.data) {
      setAppointments(inOrder(result.data.myAppointments));
      setError(null);
    } else setError(result.errors[0]);
  }, []);

  useDidShow(() => void load());

  const replace = (next: Appointment) =>
    setAppointments((current) => inOrder((current ?? []).map((a) => (a.id === next.id ? next : a))));

  /**
   * @returns the appointment as it now is, or the error (APPOINTMENT_CLOSED when it had
   * already ended: the list is read again); null for an ignored second tap.
   */
  async function settle(
    result: ApiResult<Appointment> | null,
  ): Promise<{ done: Appointment } | { error: ApiError } | null> {
    if (!result) return null;
    if (result.data) {
      replace(result.data);
      return { done: result.data };
    }
    const error = result.errors[0];
    if (error.code === 'APPOINTMENT_CLOSED' || error.code === 'APPOINTMENT_NOT_FOUND') void load();
    return { error };
  }

  const cancel = (id: string) =>
    cancelling
      .run(() =>
        authed(CancelAppointmentDocument, { id }).then((r) => ({
          data: r.data?.cancelAppointment ?? null,
          errors: r.errors,
        })),
      )
      .then(settle);

  const reschedule = (id: string, startsAt: string) =>
    moving
      .run(() =>
        authed(RescheduleAppointmentDocument, { id, startsAt, hallId: null }).then((r) => ({
          data: r.data?.rescheduleAppointment ?? null,
          errors: r.errors,
        })),
      )
      .then(settle);

  return {
    appointments,
    error,
    reload: load,
    cancel,
    cancelling: cancelling.running,
    reschedule,
    moving: moving.running,
  };
}
