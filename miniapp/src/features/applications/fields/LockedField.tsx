import { Text, View } from '@tarojs/components';
import type { FormField } from '@citizen/shared';
import { lockedNote } from '../labels';
import type { PrefilledField } from '../formModel';

/**
 * A value read from government records: shown (masked where it identifies someone),
 * never editable and never sent back; the BFF reads it again when the form is submitted.
 */
export function LockedField({ field, prefilled }: { field: FormField; prefilled: PrefilledField }) {
  const note = lockedNote(prefilled.source);
  const shown = field.type === 'select' ? field.options?.find((o) => o.value === prefilled.display)?.label ?? prefilled.display : prefilled.display;
  return (
    <View className={`field field--${field.id} field--locked`} data-field-id={field.id} data-field-type={field.type} aria-readonly='true'>
      <Text className='field__label'>{field.label}</Text>
      <Text className='field__value field__value--locked' aria-label={`${field.label}：${shown}，${note.replace('🔒 ', '')}，不可修改`}>{shown}</Text>
      <Text className='field__lock'>{note}</Text>
    </View>
  );
}
