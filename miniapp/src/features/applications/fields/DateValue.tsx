import { Text, View } from '@tarojs/components';
import { t } from '../../../preferences';
import { formatDay } from '../../../preferences/format';
import type { FieldProps } from './FieldShell';

/** A date field's props on every platform (DateField.tsx, DateField.alipay.tsx: the build picks one, so what they share lives here). */
export type DateFieldProps = FieldProps & { today: string; note?: string | null };

/** What the field shows: the chosen day in the citizen's language, or the placeholder. */
export function DateValue({
  label,
  value,
  placeholder,
  onClick,
}: {
  label: string;
  value: string;
  placeholder: string;
  onClick?: () => void;
}) {
  return (
    <View
      className='field__picker'
      role='button'
      aria-label={t(`${label}：${value || placeholder}`, `${label}: ${value ? formatDay(value) : placeholder}`)}
      onClick={onClick}
    >
      <Text className={`field__value${value ? '' : ' field__placeholder'}`}>
        {value ? formatDay(value) : placeholder}
      </Text>
      <Text className='field__chevron'>›</Text>
    </View>
  );
}
