import {
  normaliseAnswer,
  validateAnswers,
  validateFormSchema,
  visibleFields,
  type Answers,
  type AnswersValidationResult,
  type ApplicationFormQuery,
  type FieldOption,
  type FormField,
  type FormSchema,
} from '@citizen/shared';
import type { ApiError } from '../../api/client';
import { preferences, t } from '../../preferences';
import { localized } from '../../preferences/format';
import { formatYuan } from '../../components/money';

/**
 * Pure helpers between the BFF's ApplicationForm and the screen: parsing, draft
 * restore, which answers are sent, and server errors back onto fields. The checks
 * themselves are the shared validator's, the one the BFF runs on submission.
 */
export type FormData = ApplicationFormQuery['applicationForm'];
export type PrefilledField = FormData['prefilled'][number];
export type UnfilledField = FormData['unfilled'][number];
export type LicenceChoice = FormData['licences'][number];
/** A record field where the citizen holds several records (two homes, two permits): they choose one. */
export type RecordChoice = FormData['choices'][number];

/**
 * A record's own entry: field ids are an operator's words, and `answers.constructor`
 * must not read Object.prototype's (the shared cases have a field called that).
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** The form's schema (the JSONObject formSchema) by the shared validator the BFF saved it with, or null (the page then says so). */
export function readFormSchema(value: Readonly<Record<string, unknown>>): FormSchema | null {
  const checked = validateFormSchema(value);
  return checked.ok ? checked.schema : null;
}

/** A saved draft's answers to this form's editable fields; anything else in it is dropped. */
export function restoreDraft(
  schema: FormSchema,
  draft: Readonly<Record<string, unknown>> | null | undefined,
  locked: ReadonlySet<string>,
): Answers {
  if (!draft) return {};
  const restored: Answers = {};
  for (const field of schema.fields) {
    const value = own(draft, field.id);
    if (!locked.has(field.id) && typeof value === 'string') restored[field.id] = value;
  }
  return restored;
}

/**
 * The answers that decide which fields show: what was typed plus what the records
 * hold. The app only has a locked field's display (masked for identifiers, the value
 * itself for anything a condition would test, such as a choice).
 */
export function visibilityAnswers(answers: Answers, prefilled: ReadonlyMap<string, PrefilledField>): Answers {
  const merged: Answers = { ...answers };
  for (const [fieldId, p] of prefilled) merged[fieldId] = p.display;
  return merged;
}

export function shownFields(
  schema: FormSchema,
  answers: Answers,
  prefilled: ReadonlyMap<string, PrefilledField>,
): FormField[] {
  return visibleFields(schema, visibilityAnswers(answers, prefilled));
}

/** The option of a record choice the answers pick, if it is one of those offered. */
export function chosenOption(
  choice: RecordChoice | undefined,
  answers: Answers,
): RecordChoice['options'][number] | undefined {
  if (!choice) return undefined;
  const value = own(answers, choice.fieldId);
  return value ? choice.options.find((o) => o.value === value) : undefined;
}

/**
 * What the records fill once the citizen's choices count: the prefilled fields, plus,
 * for each record chosen among several, the record itself (by its masked label) and
 * the fields it fills. All of it is shown locked; the BFF reads it again at submission.
 */
export function lockedView(
  schema: FormSchema,
  prefilled: ReadonlyMap<string, PrefilledField>,
  choices: readonly RecordChoice[],
  answers: Answers,
): Map<string, PrefilledField> {
  const view = new Map(prefilled);
  for (const choice of choices) {
    const option = chosenOption(choice, answers);
    const source = schema.fields.find((f) => f.id === choice.fieldId)?.prefill?.source;
    if (!option || !source) continue;
    view.set(choice.fieldId, { fieldId: choice.fieldId, display: option.label, source });
    for (const fill of option.fills) view.set(fill.fieldId, { fieldId: fill.fieldId, display: fill.display, source });
  }
  return view;
}

/**
 * Fields the citizen does not answer although nothing filled them yet: those waiting for
 * a record to be chosen (filled by the choice), and record fields with nothing to choose
 * (the agency is down or holds nothing: the fields they would fill are typed instead).
 */
export function notAsked(
  schema: FormSchema,
  prefilled: ReadonlyMap<string, PrefilledField>,
  choices: readonly RecordChoice[],
  answers: Answers,
): Set<string> {
  const skipped = new Set<string>();
  const offered = new Map(choices.map((c) => [c.fieldId, c] as const));
  for (const field of schema.fields) {
    if (field.type === 'record' && !prefilled.has(field.id) && !offered.has(field.id)) skipped.add(field.id);
    const from = field.prefill?.from;
    if (from && offered.has(from) && !chosenOption(offered.get(from), answers)) skipped.add(field.id);
  }
  return skipped;
}

/**
 * What is submitted: the shared validator's cleaned answers, so hidden fields, empty
 * optional ones and every locked field are left out (the BFF reads those from the
 * records itself and refuses a changed one).
 */
export function answersToSubmit(
  schema: FormSchema,
  answers: Answers,
  prefilled: ReadonlyMap<string, PrefilledField>,
  today: string,
  choices: readonly RecordChoice[] = [],
): AnswersValidationResult {
  // A chosen record is the citizen's answer (sent, and checked to be theirs by the BFF); what it fills is not.
  const chosen = new Set(choices.map((c) => c.fieldId));
  const view = lockedView(schema, prefilled, choices, answers);
  const locked = new Set([
    ...[...view.keys()].filter((id) => !chosen.has(id)),
    ...notAsked(schema, prefilled, choices, answers),
  ]);
  const given: Answers = {};
  for (const field of schema.fields) {
    const value = own(answers, field.id);
    if (value !== undefined && !locked.has(field.id)) given[field.id] = value;
  }
  // Locked values go in only to decide visibility; skipFields keeps them out of the result.
  const shown = visibilityAnswers(given, new Map([...view].filter(([id]) => !chosen.has(id))));
  return validateAnswers(schema, shown, { today, skipFields: [...locked] });
}

/** What goes into a draft: typed, non-empty answers (locked ones never reach this state). */
export function draftAnswers(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, value]) => value !== ''));
}

/**
 * A submission error put back on the fields it names, as codes: `extensions.errors`
 * for the validator's list, else `extensions.field`. Errors about no field of this
 * form (a network failure, a level too low) come back empty. Codes, not words, so the
 * message follows a change of language (fieldErrorText at render).
 */
export function serverFieldCodes(error: ApiError, schema: FormSchema): Record<string, string> {
  const listed = Array.isArray(error.details?.errors)
    ? (error.details!.errors as Array<{ field?: unknown; code?: unknown }>)
    : [{ field: error.field, code: error.code }];
  const byField: Record<string, string> = {};
  for (const entry of listed) {
    const field = schema.fields.find((f) => f.id === entry.field);
    if (field && typeof entry.code === 'string' && own(byField, field.id) === undefined) byField[field.id] = entry.code;
  }
  return byField;
}

/** A field's label, hint and options in the citizen's language (labelEn, hintEn from the schema). */
export const fieldLabel = (field: Pick<FormField, 'label' | 'labelEn'>): string =>
  localized(field.label, field.labelEn);
export const fieldHint = (field: Pick<FormField, 'hint' | 'hintEn'>): string | null =>
  field.hint ? localized(field.hint, field.hintEn) : null;
export const optionLabel = (option: FieldOption): string => localized(option.label, option.labelEn);

/** An answer the citizen left empty, as the review step says it. */
export const notAnswered = (): string => t('未填写', 'Not filled in');

/** An answer as the review step shows it back. */
export function shownAnswer(field: FormField, value: string | undefined, licences: readonly LicenceChoice[]): string {
  const trimmed = (value ?? '').trim();
  if (!trimmed) return notAnswered();
  switch (field.type) {
    case 'select': {
      const option = field.options?.find((o) => o.value === trimmed);
      return option ? optionLabel(option) : trimmed;
    }
    case 'licence': {
      const licence = licences.find((l) => l.id === trimmed);
      return licence
        ? t(`${licence.title}（${licence.maskedNumber}）`, `${licence.title} (${licence.maskedNumber})`)
        : t('已选择电子证照', 'E-licence chosen');
    }
    case 'file':
      return t('已上传', 'Uploaded');
    case 'record':
      // Shown by its label through lockedView once chosen; the bare key never reads well.
      return t('已选择', 'Chosen');
    case 'amount':
      return formatYuan(normaliseAnswer(field, trimmed), preferences().locale);
    default:
      return trimmed;
  }
}
