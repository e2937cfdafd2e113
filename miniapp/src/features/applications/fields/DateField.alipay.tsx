import { t } from '../../../preferences';
import { fieldLabel } from '../formModel';
import { DateValue, type DateFieldProps } from './DateValue';
import { dateRange, normaliseDay } from './dateRange';
import { FieldShell } from './FieldShell';

/**
 * Alipay: dates are chosen with my.datePicker (client 10.1.32), not <picker mode="date">,
 * which Alipay's picker component does not offer. Its answer ({ date }) is normalised to
 * YYYY-MM-DD, as some clients answer 2026/10/11; a cancel (error 11) only marks the field
 * touched.
 */
export function DateField({ field, value, error, onChange, onTouch, today, note }: DateFieldProps) {
  const { start, end, initial } = dateRange(field, today);
  const label = fieldLabel(field);
  const open = () => {
    my.datePicker({
      format: 'yyyy-MM-dd',
      currentDate: value || initial,
      startDate: start,
      endDate: end,
      success: ({ date }: { date: string }) => {
        const day = normaliseDay(date);
        if (day) onChange(day);
        onTouch();
      },
      fail: () => onTouch(),
    });
  };
  return (
    <FieldShell field={field} error={error} note={note}>
      <DateValue label={label} value={value} placeholder={t('请选择日期', 'Choose a date')} onClick={open} />
    </FieldShell>
  );
}
