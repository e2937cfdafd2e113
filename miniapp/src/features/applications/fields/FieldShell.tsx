import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { FormField } from '@citizen/shared';
import { FieldError } from '../../../components/Notice';
import { t } from '../../../preferences';
import { fieldHint, fieldLabel } from '../formModel';

/** What every field of a form shares. */
export interface FieldProps {
  field: FormField;
  value: string;
  /** The message to show under the field, already in words. */
  error: string | null;
  /** Takes a value, or an update of the current one (keyboards type faster than React renders). */
  onChange: (value: string | ((current: string) => string)) => void;
  /** The citizen has finished with the field: from now on its error shows as they type. */
  onTouch: () => void;
}

/**
 * The frame of one field: label with a required mark in words (not only a colour or
 * an asterisk), the control, the hint and the error. The class `field field--<id>` is
 * the hook tests and scrolling use to find a field.
 */
export function FieldShell({
  field,
  error,
  note,
  children,
}: {
  field: FormField;
  error: string | null;
  note?: string | null;
  children: ReactNode;
}) {
  return (
    <View
      className={`field field--${field.id}${error ? ' field--invalid' : ''}`}
      data-field-id={field.id}
      data-field-type={field.type}
    >
      <Text className='field__label'>
        {fieldLabel(field)}
        {field.required ? (
          <Text className='field__required'>{t('（必填）', ' (required)')}</Text>
        ) : (
          <Text className='field__optional'>{t('（选填）', ' (optional)')}</Text>
        )}
      </Text>
      {children}
      {note ? <Text className='field__note'>{note}</Text> : null}
      {field.hint ? <Text className='field__hint'>{fieldHint(field)}</Text> : null}
      {error ? <FieldError>{error}</FieldError> : null}
    </View>
  );
}
