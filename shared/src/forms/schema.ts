/**
 * The shape of a service's application form. Operators and seed data write schemas;
 * the mini-program renders them and checks answers inline, and the BFF checks the
 * same answers with the same code before storing them (validate.ts).
 */
import type { ErrorCode } from '../errors/codes';

export const FIELD_TYPES = [
  'text',
  'number',
  'date',
  'select',
  'idNumber',
  'phone',
  'plate',
  'address',
  'amount',
  'licence',
  'file',
  'creditCode',
  'record',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Government data a field can be filled from (and then locked). */
export const PREFILL_SOURCES = [
  'population',
  'social-insurance',
  'provident-fund',
  'licences',
  'account',
  // Issue 19: property, leases, tax, marriage, degrees, permits and households.
  'real-estate',
  'housing',
  'tax',
  'civil-affairs',
  'education',
  'exit-entry',
  'household',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];

/** Kinds of licence in the citizen's licence wallet (same names as the licences agency). */
export const LICENCE_KINDS = [
  'ID_CARD',
  'DRIVING_LICENCE',
  'VEHICLE_LICENCE',
  'SOCIAL_SECURITY_CARD',
  'BUSINESS_LICENCE',
] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];

export interface FieldOption {
  value: string;
  label: string;
  labelEn: string;
}

/**
 * Shows a field only for some answers to an earlier field. `equals`: visible when that
 * answer is one of these. `notEquals`: visible when it is none of these (an empty answer
 * counts as "none of these"). With both, both must hold.
 */
export interface VisibleWhen {
  field: string;
  equals?: string[];
  notEquals?: string[];
}

export interface FormField {
  /** /^[a-z][a-zA-Z0-9]{0,39}$/, unique in the form. */
  id: string;
  type: FieldType;
  label: string;
  labelEn: string;
  hint?: string;
  hintEn?: string;
  required?: boolean;
  /** text/address: a JS regex source the whole (trimmed) value must match; anchored for you. */
  pattern?: string;
  /** Shown instead of the generic FORM_FIELD_PATTERN message (see fieldErrorText). */
  patternMessage?: string;
  patternMessageEn?: string;
  /** text/address, in characters (code points); maxLength defaults to DEFAULT_MAX_LENGTH. */
  minLength?: number;
  maxLength?: number;
  /** number and amount (amount in yuan, up to 2 decimals). */
  min?: number;
  max?: number;
  /** date: 'YYYY-MM-DD', 'today', or relative to today: '-18y', '+30d', '-6m' (see resolveDateBound). */
  minDate?: string;
  maxDate?: string;
  /** select */
  options?: FieldOption[];
  /** licence: the answer is a licence id; the server checks the citizen holds it. */
  licenceKind?: LicenceKind;
  /** file: allowed mime types and size; the answer is an upload id (server checks ownership). */
  accept?: string[];
  maxBytes?: number;
  visibleWhen?: VisibleWhen;
  /**
   * Filled from government data and locked: the BFF fills it, the citizen cannot change it.
   * `from`: the id of an earlier record field; `path` is then a property of the record
   * chosen there (a property's price, a lease's rent).
   */
  prefill?: { source: PrefillSource; path: string; from?: string };
  /**
   * record: a choice among the citizen's own records, read from `prefill` (whose path
   * names a list in the agency's answer). The answer is the chosen record's `key`; the
   * app shows `label`. One record is chosen for the citizen and locked; the BFF refuses
   * any value that is not one of theirs (FORM_RECORD_NOT_OWN). The record is attached
   * to the application by reference, as a licence is.
   */
  record?: { key: string; label: string };
  /**
   * What only the citizen can say (a shop's name, its business scope, the amount to
   * withdraw): typed by design, and counted apart from fields the government could fill.
   */
  declaration?: boolean;
}

export interface FormSchema {
  fields: FormField[];
}

/** Every answer is a string: number/amount as decimal strings, date as YYYY-MM-DD. */
export type Answers = Record<string, string>;

/** Longest text or address answer when the schema sets no maxLength. */
export const DEFAULT_MAX_LENGTH: Readonly<Record<'text' | 'address', number>> = { text: 200, address: 200 };

/** Longest key of a chosen record (a property certificate number is about 25 characters). */
export const RECORD_KEY_MAX_LENGTH = 100;

/** Licence and upload ids: opaque, URL-safe, short. */
export const REFERENCE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Codes a single field's answer can fail with (all registered in errors/codes.ts).
 * FORM_FIELD_LOCKED is never produced here: the BFF adds it when a prefilled value
 * was changed, so its per-field error list can share this type.
 */
export const FIELD_ERROR_CODES = [
  'FORM_ANSWERS_INVALID',
  'FORM_FIELD_UNKNOWN',
  'FORM_FIELD_REQUIRED',
  'FORM_FIELD_PATTERN',
  'FORM_FIELD_TOO_SHORT',
  'FORM_FIELD_TOO_LONG',
  'FORM_FIELD_NOT_NUMBER',
  'FORM_FIELD_TOO_SMALL',
  'FORM_FIELD_TOO_LARGE',
  'FORM_FIELD_AMOUNT_FORMAT',
  'FORM_FIELD_DATE_FORMAT',
  'FORM_FIELD_DATE_TOO_EARLY',
  'FORM_FIELD_DATE_TOO_LATE',
  'FORM_FIELD_OPTION_UNKNOWN',
  'FORM_FIELD_REFERENCE_FORMAT',
  'FORM_FIELD_LOCKED',
  'FORM_RECORD_NOT_OWN',
  'ID_NUMBER_FORMAT',
  'ID_NUMBER_PROVINCE',
  'ID_NUMBER_BIRTH_DATE',
  'ID_NUMBER_CHECKSUM',
  'PHONE_FORMAT',
  'PLATE_FORMAT',
  'PLATE_PROVINCE',
  'CREDIT_CODE_FORMAT',
  'CREDIT_CODE_CHECKSUM',
] as const satisfies readonly ErrorCode[];
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  /** The field id; '' when the answers as a whole are unreadable. */
  field: string;
  code: FieldErrorCode;
}
