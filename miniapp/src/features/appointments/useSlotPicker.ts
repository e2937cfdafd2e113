import { useMemo, useState } from 'react';
import { AppointmentSlotsDocument, type AppointmentSlotsQuery } from '@citizen/shared';
import { useQuery } from '../../api/useQuery';
import { usePreferences } from '../../preferences';
import { bookingDays } from './labels';

export type Slot = AppointmentSlotsQuery['appointmentSlots'][number];

/** Why a slot cannot be taken, or null when it can. The current appointment's own slot is not offered again. */
export function slotProblem(slot: Slot, currentStartsAt?: string | null): 'past' | 'full' | 'current' | null {
  if (slot.past) return 'past';
  if (currentStartsAt && Date.parse(slot.startsAt) === Date.parse(currentStartsAt)) return 'current';
  if (slot.available <= 0) return 'full';
  return null;
}

/**
 * A day and a slot at one hall for one service: the next 14 days, that day's slots
 * with the places left (public: no sign-in needed to look), and the chosen slot,
 * which a new day clears. `reload()` after the BFF said a slot was taken meanwhile.
 */
export function useSlotPicker(hallId: string, serviceId: string, startDate?: string) {
  const { locale } = usePreferences();
  // The strip is worked out once per visit (and per language): the day does not roll over under the citizen's finger.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- bookingDays reads the language itself
  const days = useMemo(() => bookingDays(), [locale]);
  const [date, setDate] = useState(startDate && days.some((d) => d.date === startDate) ? startDate : days[0].date);
  const [selected, setSelected] = useState<Slot | null>(null);
  const query = useQuery(AppointmentSlotsDocument, { hallId, serviceId, date });

  return {
    days,
    date,
    chooseDate(next: string) {
      setDate(next);
      setSelected(null);
    },
    slots: query.data?.appointmentSlots ?? null,
    loading: query.loading,
    error: query.data ? null : (query.errors[0] ?? null),
    selected,
    select: setSelected,
    async reload() {
      setSelected(null);
      await query.refetch();
    },
  };
}

export type SlotPickerState = ReturnType<typeof useSlotPicker>;
