import { Picker } from '@tarojs/components';
import { t } from '../../../preferences';
import { fieldLabel } from '../formModel';
import { dateRange, normaliseDay } from './dateRange';
import { DateValue, type DateFieldProps } from './DateValue';
import { FieldShell } from './FieldShell';

/**
 * A date from the platform's date picker (<picker mode="date"> on WeChat, Baidu and H5),
 * limited to the field's bounds; the value is always YYYY-MM-DD. Alipay has its own
 * (DateField.alipay.tsx).
 */
export function DateField({ field, value, error, onChange, onTouch, today, note }: DateFieldProps) {
  const { start, end, initial } = dateRange(field, today);
  const label = fieldLabel(field);
  const placeholder = t('请选择日期', 'Choose a date');
  return (
    <FieldShell field={field} error={error} note={note}>
      <Picker
        mode='date'
        value={value || initial}
        start={start}
        end={end}
        onChange={(e) => {
          const day = normaliseDay(e.detail.value);
          if (day) onChange(day);
          onTouch();
        }}
        onCancel={onTouch}
        aria-label={label}
      >
        <DateValue label={label} value={value} placeholder={placeholder} />
      </Picker>
    </FieldShell>
  );
}
