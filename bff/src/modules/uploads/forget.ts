import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Deletes the citizen's photos and quota days, in the caller's transaction (unused
 * uploads of everyone else are left to the 24-hour purge in purge.ts). Car-moving
 * requests lose the photo reference first (forgetCarMove), applications are archived
 * without attachments (forgetApplications). @returns how many photos.
 */
export async function forgetUploads(trx: Transaction<Database>, citizenId: string): Promise<number> {
  const result = await trx.deleteFrom('uploads').where('citizen_id', '=', citizenId).executeTakeFirst();
  await trx.deleteFrom('upload_quota').where('citizen_id', '=', citizenId).execute();
  return Number(result.numDeletedRows);
}
