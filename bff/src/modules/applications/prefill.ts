import DataLoader from 'dataloader';
import { maskAccountNumber, maskAddress, maskIdNumber, maskName, maskPhone, type FormField, type PrefillSource } from '@citizen/shared';
import type { AgencyName } from '@citizen/shared';
import type { UpstreamClient } from '../../upstream/client';
import { AppError } from '../../errors';

/** What the record-holding agencies answer about one ID number (null: no record there). */
export type AgencyRecord = Record<string, unknown> | null;
export type RecordSource = Exclude<PrefillSource, 'account'>;

/** Where each agency's batch lookup is and what its answer is called. */
const BATCH: Record<RecordSource, { agency: AgencyName; path: string; key: string }> = {
  population: { agency: 'population', path: '/v1/persons/batch', key: 'persons' },
  'social-insurance': { agency: 'social-insurance', path: '/v1/insured/batch', key: 'insured' },
  'provident-fund': { agency: 'provident-fund', path: '/v1/accounts/batch', key: 'accounts' },
  licences: { agency: 'licences', path: '/v1/holders/batch', key: 'holders' },
};

export type AgencyRecordLoaders = Record<RecordSource, DataLoader<string, AgencyRecord>>;

/**
 * One DataLoader per record-holding agency, made per request: every field, licence
 * list and resolver that needs a record of an ID number in this request shares one
 * batch call per agency (up to 100 numbers, the agencies' batch limit).
 */
export function agencyRecordLoaders(upstream: UpstreamClient): AgencyRecordLoaders {
  const loader = (source: RecordSource) => {
    const { agency, path, key } = BATCH[source];
    return new DataLoader<string, AgencyRecord>(async (idNumbers) => {
      // A batch read changes nothing at the agency: safe to retry.
      const { status, body } = await upstream.request<Record<string, AgencyRecord[]>>(agency, { method: 'POST', path, body: { idNumbers }, idempotent: true });
      const records = body?.[key];
      if (status !== 200 || !Array.isArray(records)) throw new AppError('AGENCY_UNAVAILABLE', `${agency} batch answered ${status}`, { agency });
      return idNumbers.map((_, i) => records[i] ?? null);
    }, { maxBatchSize: 100 });
  };
  return { population: loader('population'), 'social-insurance': loader('social-insurance'), 'provident-fund': loader('provident-fund'), licences: loader('licences') };
}

/** What we hold about the citizen ourselves (the 'account' source). */
export interface CitizenFacts {
  idNumber: string;
  name: string;
  phone: string | null;
}

export interface PrefillResult {
  /** Field id → the value read (full; never sent to the app). */
  values: Record<string, string>;
  /** Field id → what the app shows (identifiers masked). */
  displays: Record<string, string>;
  /** Fields that could not be filled, and why. */
  unfilled: Array<{ fieldId: string; source: PrefillSource; code: 'AGENCY_UNAVAILABLE' | 'PREFILL_NO_RECORD' }>;
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
  if (field.type === 'idNumber') return maskIdNumber(value);
  if (field.type === 'phone') return maskPhone(value);
  if (field.type === 'address') return maskAddress(value);
  if (field.prefill?.path === 'name') return maskName(value);
  if (field.prefill?.path === 'accountNumber') return maskAccountNumber(value);
  return value;
}

/**
 * Reads every prefilled field of a form. Each agency is asked once (its loader);
 * an agency that fails leaves its fields unfilled with the reason, the rest fill.
 */
export async function readPrefill(fields: readonly FormField[], citizen: CitizenFacts, loaders: AgencyRecordLoaders): Promise<PrefillResult> {
  const result: PrefillResult = { values: {}, displays: {}, unfilled: [] };
  const sources = [...new Set(fields.flatMap((f) => (f.prefill && f.prefill.source !== 'account' ? [f.prefill.source as RecordSource] : [])))];
  const records = new Map<RecordSource, AgencyRecord | Error>(
    await Promise.all(sources.map(async (source) => [source, await loaders[source].load(citizen.idNumber).catch((error: Error) => error)] as const)),
  );
  for (const field of fields) {
    if (!field.prefill) continue;
    const { source, path } = field.prefill;
    let value: string | null;
    if (source === 'account') {
      value = path === 'phone' ? citizen.phone : path === 'name' ? citizen.name : path === 'idNumber' ? citizen.idNumber : null;
    } else {
      const record = records.get(source as RecordSource);
      if (record instanceof Error) {
        result.unfilled.push({ fieldId: field.id, source, code: 'AGENCY_UNAVAILABLE' });
        continue;
      }
      value = record ? valueAt(record, path) : null;
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

export interface HeldLicence {
  licenceId: string;
  kind: string;
  number: string;
  issuer: string;
  issuedOn: string;
  validUntil: string | null;
  /** Kind-specific details, e.g. the driving class or the business name. */
  fields: Record<string, string>;
}

/** The citizen's electronic licences from the licence library. @throws the agency's error when it is down. */
export async function heldLicences(citizen: Pick<CitizenFacts, 'idNumber'>, loaders: AgencyRecordLoaders): Promise<HeldLicence[]> {
  const holder = await loaders.licences.load(citizen.idNumber);
  return ((holder?.licences as HeldLicence[] | undefined) ?? []).filter((l) => typeof l.licenceId === 'string');
}
