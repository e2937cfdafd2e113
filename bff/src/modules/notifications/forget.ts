import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';

/** Deletes the consents (one-time subscriptions) of these accounts, in the caller's transaction. @returns how many. */
export async function forgetSubscriptions(trx: Transaction<Database>, accountIds: readonly string[]): Promise<number> {
  if (accountIds.length === 0) return 0;
  const result = await trx.deleteFrom('message_subscriptions').where('account_id', 'in', accountIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}
