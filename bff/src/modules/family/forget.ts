import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Deletes the authorisations the citizen gave or received, in the caller's transaction
 * (deleteMyAccount). Foreign keys would take those naming their citizen row, but a pending
 * one names them only by ID number (hashed) and the name the grantor typed: it goes too.
 * Sessions acting on them end on their next request (the row is gone). @returns how many.
 */
export async function forgetAuthorisations(
  trx: Transaction<Database>,
  citizen: { id: string; id_number_hash: string },
): Promise<number> {
  const result = await trx
    .deleteFrom('authorisations')
    .where((eb) =>
      eb.or([
        eb('grantor_citizen_id', '=', citizen.id),
        eb('grantee_citizen_id', '=', citizen.id),
        eb('grantee_id_hash', '=', citizen.id_number_hash),
      ]),
    )
    .executeTakeFirst();
  await trx.deleteFrom('authorisation_grantor_locks').where('grantor_citizen_id', '=', citizen.id).execute();
  return Number(result.numDeletedRows);
}
