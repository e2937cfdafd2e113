import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Deletes the checks of the citizen's licence codes, in the caller's transaction.
 * Forgetting a spent nonce cannot let its code check twice: a code names its citizen,
 * and a code of a citizen who no longer exists is refused. @returns the licence ids,
 * so the audit log's 'licence.verify' records of those licences can be anonymised.
 */
export async function forgetLicenceCodes(trx: Transaction<Database>, citizenId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('licence_code_uses')
    .select('licence_id')
    .where('citizen_id', '=', citizenId)
    .execute();
  await trx.deleteFrom('licence_code_uses').where('citizen_id', '=', citizenId).execute();
  return [...new Set(rows.map((r) => r.licence_id))];
}
