import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';

/** Deletes every message of the citizen, in the caller's transaction. @returns their ids (their deliveries in the outbox go too). */
export async function forgetMessages(trx: Transaction<Database>, citizenId: string): Promise<string[]> {
  const rows = await trx.selectFrom('messages').select('id').where('citizen_id', '=', citizenId).execute();
  await trx.deleteFrom('messages').where('citizen_id', '=', citizenId).execute();
  return rows.map((r) => r.id);
}
