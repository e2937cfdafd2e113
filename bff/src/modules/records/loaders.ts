import DataLoader from 'dataloader';
import type { AgencyName } from '@citizen/shared';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import { AppError } from '../../errors';
import { madeOnFirstUse } from '../../madeOnFirstUse';

/** The 查 line's record kinds, each held by one agency and read by one batch route there. */
export const RECORD_BATCHES = {
  providentFund: { agency: 'provident-fund', path: '/v1/fund-records/batch', key: 'records' },
  socialInsurance: { agency: 'social-insurance', path: '/v1/insurance-records/batch', key: 'records' },
  medicalInsurance: { agency: 'medical-insurance', path: '/v1/members/batch', key: 'members' },
  driving: { agency: 'traffic-police', path: '/v1/drivers/batch', key: 'drivers' },
  exitEntry: { agency: 'exit-entry', path: '/v1/progress/batch', key: 'applicants' },
  qualifications: { agency: 'talent', path: '/v1/qualifications/batch', key: 'holders' },
  realEstate: { agency: 'real-estate', path: '/v1/owners/batch', key: 'owners' },
  vaccinations: { agency: 'health', path: '/v1/vaccinations/batch', key: 'people' },
} as const satisfies Record<string, { agency: AgencyName; path: string; key: string }>;

export type RecordKind = keyof typeof RECORD_BATCHES;
export type RecordLoaders = Record<RecordKind, DataLoader<string, Record<string, unknown> | null>>;

/**
 * One DataLoader per record kind, made per request (context.ts): the record screens,
 * the dashboard and any field asking for the same citizen share one batch call per
 * agency, and nothing cached here outlives the request or reaches another citizen.
 */
export function recordLoaders(upstream: UpstreamClient, deadline: Deadline): RecordLoaders {
  const loader = (kind: RecordKind) => {
    const { agency, path, key } = RECORD_BATCHES[kind];
    return new DataLoader<string, Record<string, unknown> | null>(
      async (idNumbers) => {
        // A batch read changes nothing at the agency: safe to retry and deduplicate.
        const { status, body } = await upstream.request<Record<string, unknown>>(agency, {
          method: 'POST',
          path,
          body: { idNumbers },
          idempotent: true,
          deadline,
        });
        const records = body?.[key];
        if (status !== 200 || !Array.isArray(records))
          throw new AppError('AGENCY_UNAVAILABLE', `${agency} batch answered ${status}`, { agency });
        return idNumbers.map((_, i) => (records[i] as Record<string, unknown> | null) ?? null);
      },
      { maxBatchSize: 100 },
    );
  };
  // Each kind's loader is made when a resolver first reads that kind.
  return madeOnFirstUse(Object.keys(RECORD_BATCHES) as RecordKind[], loader);
}
