import {
  maskAccountNumber,
  maskAddress,
  maskIdNumber,
  maskName,
  maskPhone,
  validateField,
  type FormField,
  type PrefillSource,
} from '@citizen/shared';
import { AppError } from '../../errors';
import type { AgencyRecord, AgencyRecordLoaders, RecordSource } from '../agency-records/loaders';

/** What we hold about the citizen ourselves (the 'account' source). */
export interface CitizenFacts {
  idNumber: string;
  name: string;
  phone: string | null;
  /**
   * A guardian filling in a form about their child while acting for that child (issue 17):
   * the child's ID number. A choice among the guardian's children is then that child alone.
   */
  forChild?: string;
}

/** Whether a form asks its applicant to choose one of their children (school enrolment). */
export function asksForChild(fields: readonly FormField[]): boolean {
  return fields.some((f) => f.type === 'record' && f.prefill?.source === 'household' && f.prefill.path === 'children');
}

/** A record the citizen may choose for a record field, with what choosing it fills in (masked). */
export interface RecordOption {
  value: string;
  label: string;
  fills: Array<{ fieldId: string; display: string }>;
}

export interface PrefillResult {
  /** Field id → the value read (full; never sent to the app). */
  values: Record<string, string>;
  /** Field id → what the app shows (identifiers masked). */
  displays: Record<string, string>;
  /** Fields that could not be filled, and why. */
  unfilled: Array<{
    fieldId: string;
    source: PrefillSource;
    code: 'AGENCY_UNAVAILABLE' | 'AGENCY_TIMEOUT' | 'PREFILL_NO_RECORD';
  }>;
  /** Record fields where the citizen holds several records: the choice, limited to their own. */
  choices: Array<{ fieldId: string; options: RecordOption[] }>;
  /** Record fields answered with something that is not one of the citizen's records. */
  notOwn: string[];
}

/** A record's value at `path`; provident fund money is kept in cents and shown in yuan. */
function valueAt(record: Record<string, unknown>, path: string): string | null {
  if (path === 'balance' && typeof record.balanceCents === 'number') return (record.balanceCents / 100).toFixed(2);
  const value = record[path];
  if (value === null || value === undefined || value === '') return null;
  return String(value);
}

/** How a prefilled value is shown: identifiers masked (PIPL), the rest as read. */
export function displayOf(field: FormField, value: string): string {
  if (field.type === 'idNumber' || field.prefill?.path.endsWith('IdNumber')) return maskIdNumber(value);
  if (field.prefill?.path.endsWith('Name') || field.prefill?.path === 'name') return maskName(value);
  if (field.type === 'phone') return maskPhone(value);
  if (field.type === 'address') return maskAddress(value);
  if (field.prefill?.path === 'name') return maskName(value);
  if (field.prefill?.path === 'accountNumber') return maskAccountNumber(value);
  return value;
}

/** Whether every value a record fills in (fields `from` the record field) passes that field's own rules. */
function fillsAccepted(
  fields: readonly FormField[],
  recordFieldId: string,
  record: Record<string, unknown>,
  today: string,
): boolean {
  return fields
    .filter((f) => f.prefill?.from === recordFieldId)
    .every((f) => {
      const value = valueAt(record, f.prefill!.path);
      return value === null || validateField(f, value, { today }) === null;
    });
}

/** A record's label as the app shows it: addresses, names and ID numbers masked like fields. */
function recordLabel(record: Record<string, unknown>, key: string): string {
  const value = String(record[key] ?? '');
  if (/address/i.test(key)) return maskAddress(value);
  if (/idNumber/i.test(key)) return maskIdNumber(value);
  if (/name$/i.test(key)) return maskName(value);
  return value;
}

/**
 * Reads every prefilled field of a form. Each agency is asked once (its loader);
 * an agency that fails leaves its fields unfilled with the reason, the rest fill.
 * A record field with one record is chosen for the citizen; with several it becomes a
 * choice, and `chosen` (the answers sent) picks one, which must be among them. Fields
 * filled `from` a record field take their values from the chosen record, and fall back
 * to typing when it could not be read.
 *
 * Only records the form accepts are offered: a record whose filled-in values break a
 * field's rules on `today` (a home bought before 购房提取's five years) would lock the
 * form on a value it refuses, so it is left out; none left is "no record" (typed).
 */
export async function readPrefill(
  fields: readonly FormField[],
  citizen: CitizenFacts,
  loaders: AgencyRecordLoaders,
  today: string,
  chosen: Record<string, unknown> = {},
): Promise<PrefillResult> {
  const result: PrefillResult = { values: {}, displays: {}, unfilled: [], choices: [], notOwn: [] };
  const sources = [
    ...new Set(
      fields.flatMap((f) => (f.prefill && f.prefill.source !== 'account' ? [f.prefill.source as RecordSource] : [])),
    ),
  ];
  const records = new Map<RecordSource, AgencyRecord | Error>(
    await Promise.all(
      sources.map(
        async (source) =>
          [source, await loaders[source].load(citizen.idNumber).catch((error: Error) => error)] as const,
      ),
    ),
  );
  // Record field id → the chosen record, or null while the citizen has to choose; absent: unfilled.
  const picked = new Map<string, Record<string, unknown> | null>();
  const unfilledCode = (record: Error) =>
    record instanceof AppError && record.code === 'AGENCY_TIMEOUT'
      ? ('AGENCY_TIMEOUT' as const)
      : ('AGENCY_UNAVAILABLE' as const);
  for (const field of fields) {
    if (!field.prefill) continue;
    const { source, path, from } = field.prefill;
    let value: string | null;
    if (source === 'account') {
      value =
        path === 'phone'
          ? citizen.phone
          : path === 'name'
            ? citizen.name
            : path === 'idNumber'
              ? citizen.idNumber
              : null;
    } else {
      const record = records.get(source as RecordSource);
      if (record instanceof Error) {
        // A timeout (the request's deadline included) says so; every other failure is "unavailable".
        result.unfilled.push({ fieldId: field.id, source, code: unfilledCode(record) });
        continue;
      }
      if (field.type === 'record' && field.record) {
        const { key, label } = field.record;
        const all = record?.[path];
        const list = (Array.isArray(all) ? (all as Array<Record<string, unknown> | null>) : [])
          .filter(
            (r): r is Record<string, unknown> =>
              !!r && typeof r === 'object' && r[key] !== null && r[key] !== undefined,
          )
          .filter(
            (r) =>
              !(citizen.forChild && source === 'household' && path === 'children') ||
              String(r[key]) === citizen.forChild,
          )
          .filter((r) => fillsAccepted(fields, field.id, r, today));
        if (list.length === 0) {
          result.unfilled.push({ fieldId: field.id, source, code: 'PREFILL_NO_RECORD' });
          continue;
        }
        const fills = (r: Record<string, unknown>) =>
          fields
            .filter((f) => f.prefill?.from === field.id)
            .flatMap((f) => {
              const v = valueAt(r, f.prefill!.path);
              return v === null ? [] : [{ fieldId: f.id, display: displayOf(f, v) }];
            });
        const options = list.map((r) => ({ value: String(r[key]), label: recordLabel(r, label), fills: fills(r) }));
        const sent = chosen[field.id];
        const index = list.length === 1 ? 0 : options.findIndex((o) => o.value === sent);
        if (list.length > 1) result.choices.push({ fieldId: field.id, options });
        if (index < 0) {
          if (typeof sent === 'string' && sent !== '') result.notOwn.push(field.id);
          picked.set(field.id, null);
          continue;
        }
        picked.set(field.id, list[index]!);
        result.values[field.id] = options[index]!.value;
        result.displays[field.id] = options[index]!.label;
        continue;
      }
      if (from !== undefined) {
        if (!picked.has(from)) {
          // The record could not be read (or there is none): typed, as any unfilled field.
          const reason = result.unfilled.find((u) => u.fieldId === from);
          result.unfilled.push({ fieldId: field.id, source, code: reason?.code ?? 'PREFILL_NO_RECORD' });
          continue;
        }
        const choice = picked.get(from);
        if (!choice) continue; // filled once the citizen chooses
        value = valueAt(choice, path);
      } else {
        value = record ? valueAt(record, path) : null;
      }
    }
    if (value === null) {
      result.unfilled.push({ fieldId: field.id, source, code: 'PREFILL_NO_RECORD' });
      continue;
    }
    result.values[field.id] = value;
    result.displays[field.id] = displayOf(field, value);
  }
  return result;
}
