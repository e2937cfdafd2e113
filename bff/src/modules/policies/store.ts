import { POLICY_VERSIONS, type PolicyDocumentName } from '@citizen/shared';
import type { Db } from '../../db';
import { AppError } from '../../errors';

export interface PolicyStatus {
  privacyVersion: string;
  termsVersion: string;
  accepted: boolean;
  consents: Array<{ document: PolicyDocumentName; version: string; acceptedAt: string }>;
}

/** This account's consents and whether they cover the versions in force. */
export async function policyStatus(db: Db, accountId: string): Promise<PolicyStatus> {
  const rows = await db
    .selectFrom('policy_consents')
    .select(['document', 'version', 'accepted_at'])
    .where('account_id', '=', accountId)
    .orderBy('accepted_at', 'desc')
    .execute();
  const has = (document: PolicyDocumentName) =>
    rows.some((r) => r.document === document && r.version === POLICY_VERSIONS[document]);
  return {
    privacyVersion: POLICY_VERSIONS.PRIVACY,
    termsVersion: POLICY_VERSIONS.TERMS,
    accepted: has('PRIVACY') && has('TERMS'),
    consents: rows.map((r) => ({
      document: r.document as PolicyDocumentName,
      version: r.version,
      acceptedAt: r.accepted_at,
    })),
  };
}

/**
 * Records consent to the versions in force, once per version (agreeing again keeps the
 * first time). A version that is not in force is refused: the citizen read another text.
 * @returns the new status, or throws POLICY_VERSION_OUTDATED
 */
export async function acceptPolicies(
  db: Db,
  accountId: string,
  versions: { privacy: string; terms: string },
  at: Date,
): Promise<PolicyStatus> {
  if (versions.privacy !== POLICY_VERSIONS.PRIVACY || versions.terms !== POLICY_VERSIONS.TERMS) {
    throw new AppError('POLICY_VERSION_OUTDATED', undefined, {
      privacyVersion: POLICY_VERSIONS.PRIVACY,
      termsVersion: POLICY_VERSIONS.TERMS,
    });
  }
  const acceptedAt = at.toISOString();
  await db
    .insertInto('policy_consents')
    .values([
      { account_id: accountId, document: 'PRIVACY', version: versions.privacy, accepted_at: acceptedAt },
      { account_id: accountId, document: 'TERMS', version: versions.terms, accepted_at: acceptedAt },
    ])
    .onConflict((oc) => oc.columns(['account_id', 'document', 'version']).doNothing())
    .execute();
  return policyStatus(db, accountId);
}

/**
 * Real-name verification collects an ID number, so it waits for this account's recorded
 * consent to the versions in force: the server's own record, never a flag from the client.
 * @throws POLICY_CONSENT_REQUIRED with the versions to agree to
 */
export async function requirePolicyConsent(db: Db, accountId: string): Promise<void> {
  if ((await policyStatus(db, accountId)).accepted) return;
  throw new AppError('POLICY_CONSENT_REQUIRED', undefined, {
    privacyVersion: POLICY_VERSIONS.PRIVACY,
    termsVersion: POLICY_VERSIONS.TERMS,
  });
}
