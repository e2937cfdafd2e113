import DataLoader from 'dataloader';
import type { AgencyName, PrefillSource } from '@citizen/shared';
import { AppError } from '../../errors';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import { madeOnFirstUse } from '../../madeOnFirstUse';

/**
 * The records agencies hold about a citizen, read by ID number in batches. Forms
 * (prefill), the wallet, the dashboard and 查 cards all read them, so they live here
 * rather than in any one of those features.
 */

/** What the record-holding agencies answer about one ID number (null: no record there). */
export type AgencyRecord = Record<string, unknown> | null;
export type RecordSource = Exclude<PrefillSource, 'account'>;

/** Where each agency's batch lookup is and what its answer is called. */
export const BATCH: Record<RecordSource, { agency: AgencyName; path: string; key: string }> = {
  population: { agency: 'population', path: '/v1/persons/batch', key: 'persons' },
  'social-insurance': { agency: 'social-insurance', path: '/v1/insured/batch', key: 'insured' },
  'provident-fund': { agency: 'provident-fund', path: '/v1/accounts/batch', key: 'accounts' },
  licences: { agency: 'licences', path: '/v1/holders/batch', key: 'holders' },
  // What forms used to ask the citizen to type or upload (issue 19).
  'real-estate': { agency: 'real-estate', path: '/v1/owners/batch', key: 'owners' },
  housing: { agency: 'housing', path: '/v1/leases/batch', key: 'tenants' },
  tax: { agency: 'tax', path: '/v1/taxpayers/batch', key: 'taxpayers' },
  'civil-affairs': { agency: 'civil-affairs', path: '/v1/marriages/batch', key: 'people' },
  education: { agency: 'education', path: '/v1/degrees/batch', key: 'graduates' },
  'exit-entry': { agency: 'exit-entry', path: '/v1/permits/batch', key: 'holders' },
  household: { agency: 'population', path: '/v1/households/batch', key: 'households' },
};

export type AgencyRecordLoaders = Record<RecordSource, DataLoader<string, AgencyRecord>>;

/**
 * One DataLoader per record-holding agency, made per request: every field, licence
 * list and resolver that needs a record of an ID number in this request shares one
 * batch call per agency (up to 100 numbers, the agencies' batch limit), within the
 * request's deadline (a batch may run after the resolver that asked has returned).
 */
export function agencyRecordLoaders(upstream: UpstreamClient, deadline: Deadline | null): AgencyRecordLoaders {
  const loader = (source: RecordSource) => {
    const { agency, path, key } = BATCH[source];
    return new DataLoader<string, AgencyRecord>(
      async (idNumbers) => {
        // A batch read changes nothing at the agency: safe to retry.
        const { status, body } = await upstream.request<Record<string, AgencyRecord[]>>(agency, {
          method: 'POST',
          path,
          body: { idNumbers },
          idempotent: true,
          deadline,
        });
        const records = body?.[key];
        if (status !== 200 || !Array.isArray(records))
          throw new AppError('AGENCY_UNAVAILABLE', `${agency} batch answered ${status}`, { agency });
        return idNumbers.map((_, i) => records[i] ?? null);
      },
      { maxBatchSize: 100 },
    );
  };
  // Each agency's loader is made when a resolver first reads that agency.
  return madeOnFirstUse(Object.keys(BATCH) as RecordSource[], loader);
}
