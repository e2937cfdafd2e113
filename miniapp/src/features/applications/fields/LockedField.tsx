import { Text, View } from '@tarojs/components';
import type { FormField } from '@citizen/shared';
import { t } from '../../../preferences';
import { lockedNote } from '../labels';
import { LockNote } from '../LockNote';
import { fieldLabel, optionLabel, type PrefilledField } from '../formModel';

/**
 * A value read from government records: shown (masked where it identifies someone),
 * never editable and never sent back; the BFF reads it again when the form is submitted.
 */
export function LockedField({ field, prefilled }: { field: FormField; prefilled: PrefilledField }) {
  const note = lockedNote(prefilled.source);
  const option = field.type === 'select' ? field.options?.find((o) => o.value === prefilled.display) : undefined;
  const shown = option ? optionLabel(option) : prefilled.display;
  const label = fieldLabel(field);
  return (
    <View
      className={`field field--${field.id} field--locked`}
      data-field-id={field.id}
      data-field-type={field.type}
      aria-readonly='true'
    >
      <Text className='field__label'>{label}</Text>
      <Text
        className='field__value field__value--locked'
        aria-label={t(`${label}：${shown}，${note}，不可修改`, `${label}: ${shown}. ${note}; cannot be changed`)}
      >
        {shown}
      </Text>
      <LockNote className='field__lock' text={note} />
    </View>
  );
}
