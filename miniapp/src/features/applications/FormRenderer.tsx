import { useState } from 'react';
import { View } from '@tarojs/components';
import type { Answers, FormField, FormSchema } from '@citizen/shared';
import {
  lockedView,
  own,
  shownFields,
  type LicenceChoice,
  type PrefilledField,
  type RecordChoice,
  type UnfilledField,
} from './formModel';
import { t } from '../../preferences';
import { sourceName } from './labels';
import { AddressField, TextInputField } from './fields/InputFields';
import { DateField, LicenceField, SelectField } from './fields/ChoiceFields';
import { IdNumberField, PlateField } from './fields/KeyboardFields';
import { FileField } from './fields/FileField';
import { RecordChoiceField } from './fields/RecordChoiceField';
import { ApplicantCard } from './ApplicantCard';
import './applications.scss';
import '../../components/form.scss';

export interface FormRendererProps {
  schema: FormSchema;
  /** What the citizen typed or chose (never the locked, prefilled values). */
  answers: Answers;
  prefilled: ReadonlyMap<string, PrefilledField>;
  unfilled: ReadonlyMap<string, UnfilledField>;
  licences: readonly LicenceChoice[];
  /** Record fields where the citizen holds several records to choose from. */
  choices?: readonly RecordChoice[];
  /** The BFF's today (China calendar), for date bounds. */
  today: string;
  /** The error to show under a field, in words, or null. */
  errorFor: (fieldId: string) => string | null;
  onChange: (fieldId: string, value: string | ((current: string) => string)) => void;
  onTouch: (fieldId: string) => void;
  onUploading?: (fieldId: string, busy: boolean) => void;
}

/** Why a field the records should have filled is open for typing. */
function unfilledNote(unfilled: UnfilledField | undefined): string | null {
  if (!unfilled) return null;
  const source = sourceName(unfilled.source);
  return unfilled.code === 'PREFILL_NO_RECORD'
    ? t(
        `${source}没有您的这项记录，请手动填写`,
        `${source[0].toUpperCase()}${source.slice(1)} has no record of this for you. Please fill it in.`,
      )
    : t(`暂时无法从${source}获取，请手动填写`, `This could not be fetched from ${source} just now. Please fill it in.`);
}

/**
 * A service's form from its schema: the fields visible for the current answers (a
 * hidden field is not rendered, and its answer is not sent), each with its own
 * control, locked fields read-only. At most one of our keyboards is open at a time.
 */
export function FormRenderer({
  schema,
  answers,
  prefilled,
  unfilled,
  licences,
  choices = [],
  today,
  errorFor,
  onChange,
  onTouch,
  onUploading,
}: FormRendererProps) {
  const [keyboard, setKeyboard] = useState<string | null>(null);
  // Prefilled values plus what a chosen record fills: all locked.
  const locked = lockedView(schema, prefilled, choices, answers);
  const choiceFor = (fieldId: string) => choices.find((c) => c.fieldId === fieldId);
  /** A field filled from a record that was read (one, or several to choose from): shown in that record's card. */
  const inRecordCard = (field: FormField) =>
    !!field.prefill?.from && (prefilled.has(field.prefill.from) || !!choiceFor(field.prefill.from));

  function render(field: FormField) {
    const common = {
      field,
      value: own(answers, field.id) ?? '',
      error: errorFor(field.id),
      onTouch: () => onTouch(field.id),
      onChange: (value: string | ((current: string) => string)) => {
        // Typing elsewhere closes our keyboard, which would otherwise cover the field.
        if (keyboard !== field.id) setKeyboard(null);
        onChange(field.id, value);
      },
    };
    const note = unfilledNote(unfilled.get(field.id));
    const keyboardProps = {
      keyboardOpen: keyboard === field.id,
      onOpenKeyboard: () => setKeyboard(field.id),
      onCloseKeyboard: () => setKeyboard(null),
      note,
    };
    switch (field.type) {
      case 'text':
      case 'number':
      case 'amount':
      case 'phone':
      case 'creditCode':
        return <TextInputField key={field.id} {...common} note={note} />;
      case 'address':
        return <AddressField key={field.id} {...common} note={note} />;
      case 'date':
        return <DateField key={field.id} {...common} today={today} note={note} />;
      case 'select':
        return <SelectField key={field.id} {...common} note={note} />;
      case 'idNumber':
        return <IdNumberField key={field.id} {...common} {...keyboardProps} />;
      case 'plate':
        return <PlateField key={field.id} {...common} {...keyboardProps} />;
      case 'licence':
        return (
          <LicenceField
            key={field.id}
            {...common}
            licences={licences}
            libraryDown={unfilled.get(field.id)?.code === 'AGENCY_UNAVAILABLE'}
          />
        );
      case 'file':
        return <FileField key={field.id} {...common} onUploading={(busy) => onUploading?.(field.id, busy)} />;
      case 'record':
        return (
          <RecordChoiceField
            key={field.id}
            {...common}
            locked={prefilled.get(field.id)}
            choice={choiceFor(field.id)}
            unfilled={unfilled.get(field.id)}
            fills={shown.filter((f) => f.prefill?.from === field.id)}
            filled={locked}
          />
        );
      default:
        // A type this version of the app does not know: say so rather than drop a question.
        return <TextInputField key={field.id} {...common} note={t('请按提示填写', 'Please follow the hint')} />;
    }
  }

  // What the records filled goes in one compact card before the first question; the rest are asked.
  // A record (one, or several to choose from) is its own card where it stands, with what it fills.
  const shown = shownFields(schema, answers, locked);
  return (
    <View className='form-fields'>
      <ApplicantCard
        fields={shown.filter((f) => prefilled.has(f.id) && f.type !== 'record' && !inRecordCard(f))}
        prefilled={prefilled}
      />
      {shown.filter((f) => (f.type === 'record' || !prefilled.has(f.id)) && !inRecordCard(f)).map(render)}
      {/* Room below the last field, so the open keyboard never covers what is typed. */}
      {keyboard ? <View className='form-fields__keyboard-space' /> : null}
    </View>
  );
}
