import { Text, View } from '@tarojs/components';
import { errorMessage } from '@citizen/shared';
import { usePreferences, useT } from '../../preferences';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { slotProblem, type SlotPickerState } from './useSlotPicker';
import './appointments.scss';

/**
 * The date strip and the day's slots. Every slot says what it is in words: the places
 * left, or why it cannot be taken (past, full, the current appointment); those are
 * greyed and do nothing when tapped.
 */
export function SlotPicker({ picker, currentStartsAt }: { picker: SlotPickerState; currentStartsAt?: string | null }) {
  const tr = useT();
  const { locale } = usePreferences();
  const { days, date, slots, loading, error, selected } = picker;

  return (
    <View className='slots'>
      <Text className='slots__heading'>{tr('选择日期', 'Choose a day')}</Text>
      <View className='slots__dates' role='tablist' aria-label={tr('预约日期', 'Day')}>
        {days.map((day) => {
          const on = day.date === date;
          return (
            <View
              key={day.date}
              className={`book__date${on ? ' book__date--selected' : ''}`}
              role='tab'
              aria-selected={on ? 'true' : 'false'}
              aria-label={`${day.name} ${day.spoken}`}
              data-date={day.date}
              onClick={() => !on && picker.chooseDate(day.date)}
            >
              <Text className='book__date-name'>{day.name}</Text>
              <Text className='book__date-day'>{day.short}</Text>
            </View>
          );
        })}
      </View>

      <Text className='slots__heading'>{tr('选择时段', 'Choose a time')}</Text>
      {loading ? <Loading label={tr('正在查询可预约时段…', 'Finding times…')} /> : null}
      {!loading && error ? (
        <ErrorState
          error={{ ...error, message: errorMessage(error.code, locale) }}
          onRetry={() => void picker.reload()}
        />
      ) : null}
      {!loading && slots && slots.length === 0 ? (
        <Empty
          label={tr(
            '该日不办理此项业务，请选择其他日期。',
            'The hall does not offer this service on that day. Choose another day.',
          )}
        />
      ) : null}
      {!loading && slots && slots.length > 0 && slots.every((s) => slotProblem(s, currentStartsAt) !== null) ? (
        <Text className='slots__hint'>
          {tr('该日已无可预约时段，请选择其他日期。', 'No times left on that day. Choose another day.')}
        </Text>
      ) : null}
      {!loading && slots ? (
        <View className='slots__grid'>
          {slots.map((slot) => {
            const problem = slotProblem(slot, currentStartsAt);
            const on = selected?.startsAt === slot.startsAt;
            const state =
              problem === 'past'
                ? tr('已过时间', 'Passed')
                : problem === 'full'
                  ? tr('已约满', 'Full')
                  : problem === 'current'
                    ? tr('当前预约', 'Your booking')
                    : tr(`余 ${slot.available} 个`, `${slot.available} left`);
            return (
              <View
                key={slot.startsAt}
                className={`book__slot${problem ? ` book__slot--disabled book__slot--${problem}` : ''}${on ? ' book__slot--selected' : ''}`}
                role='button'
                aria-label={`${slot.time} ${state}`}
                aria-disabled={problem ? 'true' : 'false'}
                aria-pressed={on ? 'true' : 'false'}
                data-starts-at={slot.startsAt}
                onClick={problem ? undefined : () => picker.select(slot)}
              >
                <Text className='book__slot-time'>{slot.time}</Text>
                <Text className='book__slot-state'>{state}</Text>
              </View>
            );
          })}
        </View>
      ) : null}
    </View>
  );
}
