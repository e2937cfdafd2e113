import { Picker, Text, View } from '@tarojs/components';
import { t } from '../../../preferences';
import { formatDay } from '../../../preferences/format';
import { fieldLabel, optionLabel, type LicenceChoice } from '../formModel';
import { FieldShell, type FieldProps } from './FieldShell';

// The date field differs per platform (Alipay's my.datePicker): DateField.tsx / DateField.alipay.tsx.
export { DateField } from './DateField';

/** Licence kinds in English (the licence library names them in Chinese only). */
const KIND_TITLES_EN: Record<string, string> = {
  ID_CARD: 'Resident ID card',
  DRIVING_LICENCE: 'Driving licence',
  VEHICLE_LICENCE: 'Vehicle licence',
  SOCIAL_SECURITY_CARD: 'Social security card',
  BUSINESS_LICENCE: 'Business licence',
};

/** Up to this many options show as buttons side by side; more open the platform's picker. */
const MAX_BUTTON_OPTIONS = 4;

/** One option of a list: a few as large buttons (one tap, all visible), many in a picker. */
export function SelectField({ field, value, error, onChange, onTouch, note }: FieldProps & { note?: string | null }) {
  const options = field.options ?? [];
  const label = fieldLabel(field);
  if (options.length <= MAX_BUTTON_OPTIONS) {
    return (
      <FieldShell field={field} error={error} note={note}>
        <View className='choices' role='radiogroup' aria-label={label}>
          {options.map((option) => (
            <View
              key={option.value}
              className={`choices__item${value === option.value ? ' choices__item--selected' : ''}`}
              role='radio'
              aria-checked={value === option.value}
              aria-label={optionLabel(option)}
              data-value={option.value}
              onClick={() => {
                onChange(option.value);
                onTouch();
              }}
            >
              <Text>
                {value === option.value ? '● ' : '○ '}
                {optionLabel(option)}
              </Text>
            </View>
          ))}
        </View>
      </FieldShell>
    );
  }
  const index = options.findIndex((option) => option.value === value);
  return (
    <FieldShell field={field} error={error} note={note}>
      <Picker
        mode='selector'
        range={options.map(optionLabel)}
        value={index < 0 ? 0 : index}
        onChange={(e) => {
          const chosen = options[Number(e.detail.value)];
          if (chosen) onChange(chosen.value);
          onTouch();
        }}
        onCancel={onTouch}
        aria-label={label}
      >
        <View
          className='field__picker'
          role='button'
          aria-label={t(
            `${label}：${index < 0 ? '请选择' : optionLabel(options[index])}`,
            `${label}: ${index < 0 ? 'choose one' : optionLabel(options[index])}`,
          )}
        >
          <Text className={`field__value${index < 0 ? ' field__placeholder' : ''}`}>
            {index < 0 ? t('请选择', 'Choose one') : optionLabel(options[index])}
          </Text>
          <Text className='field__chevron'>›</Text>
        </View>
      </Picker>
    </FieldShell>
  );
}

/**
 * One of the citizen's electronic licences, chosen as a card. A licence cannot be
 * typed in: when the licence library is down the field waits for a retry.
 */
export function LicenceField({
  field,
  value,
  error,
  onChange,
  onTouch,
  licences,
  libraryDown,
}: FieldProps & { licences: readonly LicenceChoice[]; libraryDown: boolean }) {
  const mine = licences.filter((licence) => licence.kind === field.licenceKind);
  const label = fieldLabel(field);
  let body: JSX.Element;
  if (libraryDown) {
    body = (
      <Text className='field__note field__note--warning'>
        {t(
          '电子证照库暂时无法访问，证照不能手动填写。请稍后点击页面上方的“重试”。',
          'The e-licence library cannot be reached, and a licence cannot be typed in. Please tap “Try again” at the top in a while.',
        )}
      </Text>
    );
  } else if (mine.length === 0) {
    body = (
      <Text className='field__note'>
        {t(
          `没有找到您可用的${field.label}，请先到发证部门申领电子证照。`,
          `You have no ${label.toLowerCase()} to choose. Please get the e-licence from the issuing department first.`,
        )}
      </Text>
    );
  } else {
    body = (
      <View className='licence-cards' role='radiogroup' aria-label={label}>
        {mine.map((licence) => {
          const selected = value === licence.id;
          const title = t(licence.title, KIND_TITLES_EN[licence.kind] ?? licence.title);
          return (
            <View
              key={licence.id}
              className={`licence-card${selected ? ' licence-card--selected' : ''}`}
              role='radio'
              aria-checked={selected}
              aria-label={`${title} ${licence.maskedNumber} ${licence.issuer}${selected ? t('，已选择', ', chosen') : ''}`}
              data-licence-id={licence.id}
              onClick={() => {
                onChange(licence.id);
                onTouch();
              }}
            >
              <Text className='licence-card__title'>
                {selected ? '✓ ' : ''}
                {title}
              </Text>
              <Text className='licence-card__line'>{licence.maskedNumber}</Text>
              <Text className='licence-card__line'>
                {t('发证机关：', 'Issued by: ')}
                {licence.issuer}
                {licence.validUntil
                  ? t(`　有效期至 ${licence.validUntil}`, ` · valid until ${formatDay(licence.validUntil)}`)
                  : ''}
              </Text>
            </View>
          );
        })}
      </View>
    );
  }
  return (
    <FieldShell field={field} error={error}>
      {body}
    </FieldShell>
  );
}
