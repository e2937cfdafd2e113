import { Input, Text, Textarea, View } from '@tarojs/components';
import { normaliseAnswer, type FormField } from '@citizen/shared';
import { preferences, t } from '../../../preferences';
import { formatYuan, toChineseCapital } from '../../../components/money';
import { fieldLabel } from '../formModel';
import { FieldShell, type FieldProps } from './FieldShell';

type InputType = 'text' | 'number' | 'digit';

/** The keyboard each type needs: digits for phones, digits and a point for amounts. */
function keyboardFor(field: FormField): InputType {
  if (field.type === 'phone') return 'number';
  if (field.type === 'amount') return 'digit';
  // A number that may be negative needs the minus key, which the digit pad lacks.
  if (field.type === 'number') return field.min !== undefined && field.min >= 0 ? 'digit' : 'text';
  return 'text';
}

function placeholderFor(field: FormField): string {
  switch (field.type) {
    case 'phone':
      return t('11位手机号码', '11-digit mobile number');
    case 'creditCode':
      return t('18位统一社会信用代码', '18-character credit code');
    case 'amount':
      return field.min !== undefined && field.max !== undefined
        ? t(`${field.min} 至 ${field.max}`, `${field.min} to ${field.max}`)
        : t('金额', 'Amount');
    case 'number':
      return field.min !== undefined && field.max !== undefined
        ? t(`${field.min} 至 ${field.max}`, `${field.min} to ${field.max}`)
        : t('数字', 'Number');
    default:
      return t(`请输入${field.label}`, `Enter ${fieldLabel(field).toLowerCase()}`);
  }
}

/** text, number, amount (with 元), phone and credit code: one line of typing. */
export function TextInputField({
  field,
  value,
  error,
  onChange,
  onTouch,
  note,
}: FieldProps & { note?: string | null }) {
  // Credit codes are upper case; the validator accepts either, but what is shown should match the licence.
  const normalise = (typed: string) => (field.type === 'creditCode' ? typed.toUpperCase() : typed);
  return (
    <FieldShell field={field} error={error} note={note}>
      <View className='field__row'>
        <Input
          className='field__input field__input--grow'
          type={keyboardFor(field)}
          value={value}
          // The platforms cut input at 140 characters by default; the validator says when it is too long instead.
          maxlength={-1}
          placeholder={placeholderFor(field)}
          onInput={(e) => onChange(normalise(e.detail.value))}
          onBlur={onTouch}
          aria-label={fieldLabel(field)}
        />
        {field.type === 'amount' ? <Text className='field__suffix'>{t('元', 'yuan')}</Text> : null}
      </View>
      {field.type === 'amount' ? <AmountPreview field={field} value={value} /> : null}
    </FieldShell>
  );
}

/** What a typed amount reads as (3,200,000.00 元 · 叁佰贰拾万元整), once it is one; nothing while it is not. */
function AmountPreview({ field, value }: { field: FormField; value: string }) {
  const amount = normaliseAnswer(field, value);
  if (!amount || !/^\d+(\.\d{1,2})?$/.test(amount)) return null;
  const capital = toChineseCapital(amount);
  return (
    <Text className='field__amount-preview'>
      {formatYuan(amount, preferences().locale)}
      {capital ? ` · ${capital}` : ''}
    </Text>
  );
}

/** An address: several lines, growing as it is typed. */
export function AddressField({ field, value, error, onChange, onTouch, note }: FieldProps & { note?: string | null }) {
  return (
    <FieldShell field={field} error={error} note={note}>
      <Textarea
        className='field__textarea'
        value={value}
        autoHeight
        maxlength={-1}
        placeholder={t('省 市 区 街道 门牌号', 'Province, city, district, street, number')}
        onInput={(e) => onChange(e.detail.value)}
        onBlur={onTouch}
        aria-label={fieldLabel(field)}
      />
    </FieldShell>
  );
}
