import { Text, View } from '@tarojs/components';
import type { FormField } from '@citizen/shared';
import { t } from '../../../preferences';
import { lockedDisplay } from '../ApplicantCard';
import { fieldLabel, type PrefilledField, type RecordChoice, type UnfilledField } from '../formModel';
import { lockedNote, sourceName } from '../labels';
import { LockNote } from '../LockNote';
import { FieldShell, type FieldProps } from './FieldShell';

export interface RecordChoiceFieldProps extends FieldProps {
  /** The record filled in for the citizen when they hold exactly one (locked). */
  locked?: PrefilledField;
  /** The records offered when they hold several. */
  choice?: RecordChoice;
  /** Why nothing could be read (the agency is down, or holds no record): the filled fields are typed below. */
  unfilled?: UnfilledField;
  /** The fields the record fills (prefill.from), shown locked in the card. */
  fills: readonly FormField[];
  /** Those fields' values as read, for the record chosen (or the only one). */
  filled: ReadonlyMap<string, PrefilledField>;
}

/** A filled value as it reads (amounts grouped with 元, choices by their label). */
const shownFill = (field: FormField, display: string, source: string) =>
  lockedDisplay(field, { fieldId: field.id, display, source });

/** The locked rows of what a record fills: label and value, one line each. */
function FilledRows({ fills, filled }: { fills: readonly FormField[]; filled: ReadonlyMap<string, PrefilledField> }) {
  return (
    <View className='record-card__fills'>
      {fills.map((field) => {
        const value = filled.get(field.id);
        if (!value) return null;
        return (
          <View
            key={field.id}
            className={`record-card__row field--locked field--${field.id}`}
            data-field-id={field.id}
            data-field-type={field.type}
          >
            <Text className='record-card__label'>{fieldLabel(field)}</Text>
            <Text className='record-card__value'>{lockedDisplay(field, value)}</Text>
          </View>
        );
      })}
    </View>
  );
}

/**
 * A record the government holds in the citizen's name (a home, a lease, a permit) in
 * place of typing or uploading it (issue 19). One record: a locked card showing it,
 * masked, with who holds it and what it fills. Several: a radio list of the citizen's
 * own records, each with its masked summary; the choice fills the fields below it,
 * locked. The answer sent is the chosen record's key; the BFF checks it is theirs and
 * reads the filled values again. None readable: says why; the fields are typed below.
 */
export function RecordChoiceField(props: RecordChoiceFieldProps) {
  const { field, value, error, onChange, onTouch, locked, choice, unfilled, fills, filled } = props;
  const source = field.prefill?.source ?? '';
  const label = fieldLabel(field);

  if (locked) {
    return (
      <View
        className={`field field--${field.id} field--locked record-card`}
        data-field-id={field.id}
        data-field-type='record'
        aria-readonly='true'
      >
        <Text className='field__label'>{label}</Text>
        <Text
          className='field__value field__value--locked record-card__title'
          aria-label={t(
            `${label}：${locked.display}，${lockedNote(source)}，不可修改`,
            `${label}: ${locked.display}. ${lockedNote(source)}; cannot be changed`,
          )}
        >
          {locked.display}
        </Text>
        <LockNote className='field__lock' text={lockedNote(source)} />
        <FilledRows fills={fills} filled={filled} />
      </View>
    );
  }

  if (!choice) {
    const name = sourceName(source);
    const note =
      unfilled?.code === 'PREFILL_NO_RECORD'
        ? t(
            `${name}没有您名下的记录，请填写以下各项`,
            `${name[0]!.toUpperCase()}${name.slice(1)} holds no such record in your name. Please fill in the items below.`,
          )
        : t(
            `暂时无法从${name}获取，请填写以下各项`,
            `This could not be read from ${name} just now. Please fill in the items below.`,
          );
    return (
      <View
        className={`field field--${field.id} record-card record-card--unread`}
        data-field-id={field.id}
        data-field-type='record'
      >
        <Text className='field__label'>{label}</Text>
        <Text className='field__note field__note--warning'>{note}</Text>
      </View>
    );
  }

  const options = choice.options;
  const selectedIndex = options.findIndex((o) => o.value === value);
  const pick = (index: number, from?: unknown) => {
    const next = (index + options.length) % options.length;
    onChange(options[next]!.value);
    onTouch();
    // Arrow keys move focus with the choice (H5; mini-programs have no keyboard focus).
    const group = (from as { parentElement?: { children?: ArrayLike<{ focus?: () => void }> } } | undefined)
      ?.parentElement;
    if (group?.children) setTimeout(() => group.children![next]?.focus?.(), 0);
  };
  const summary = (option: RecordChoice['options'][number]) =>
    option.fills.flatMap((fill) => {
      const f = fills.find((x) => x.id === fill.fieldId);
      return f ? [`${fieldLabel(f)}${t('：', ': ')}${shownFill(f, fill.display, source)}`] : [];
    });

  return (
    <FieldShell
      field={field}
      error={error}
      note={t(
        `以下是${sourceName(source)}登记在您名下的记录，请选择一项`,
        `These are the records ${sourceName(source)} holds in your name. Choose one.`,
      )}
    >
      <View
        className='record-choices'
        role='radiogroup'
        aria-label={label}
        aria-required={field.required ? 'true' : 'false'}
      >
        {options.map((option, index) => {
          const selected = index === selectedIndex;
          const lines = summary(option);
          return (
            <View
              key={option.value}
              className={`licence-card record-choice${selected ? ' licence-card--selected record-choice--selected' : ''}`}
              role='radio'
              aria-checked={selected ? 'true' : 'false'}
              aria-label={`${option.label}${lines.length ? `，${lines.join('，')}` : ''}${selected ? t('，已选择', ', chosen') : ''}`}
              data-value={option.value}
              onClick={() => pick(index)}
              {...{
                // One tab stop for the group (the chosen record, else the first); arrows move the choice, as native radios do.
                // Taro's ViewProps has no tabIndex: H5 passes it on, mini-programs ignore it (as pressable()).
                tabIndex: index === (selectedIndex < 0 ? 0 : selectedIndex) ? 0 : -1,
                onKeyDown: (event: { key?: string; preventDefault?: () => void; currentTarget?: unknown }) => {
                  const step =
                    event.key === 'ArrowDown' || event.key === 'ArrowRight'
                      ? 1
                      : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
                        ? -1
                        : 0;
                  if (step === 0 && event.key !== 'Enter' && event.key !== ' ') return;
                  event.preventDefault?.();
                  pick(index + step, step === 0 ? undefined : event.currentTarget);
                },
              }}
            >
              <Text className='licence-card__title'>
                {selected ? '● ' : '○ '}
                {option.label}
              </Text>
              {lines.map((line) => (
                <Text key={line} className='licence-card__line'>
                  {line}
                </Text>
              ))}
            </View>
          );
        })}
      </View>
      {selectedIndex >= 0 ? (
        <View className='record-card record-card--chosen'>
          <LockNote
            className='field__lock'
            text={lockedNote(source) + t('，已按所选记录填写', '; filled in from the record chosen')}
          />
          <FilledRows fills={fills} filled={filled} />
        </View>
      ) : fills.length > 0 ? (
        <Text className='field__hint'>
          {t(
            `选择后自动填写：${fills.map(fieldLabel).join('、')}`,
            `Choosing fills in: ${fills.map(fieldLabel).join(', ')}`,
          )}
        </Text>
      ) : null}
    </FieldShell>
  );
}
