import type { Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import type { PayloadCipher } from './outbox';

const PAGE = 1000;

/**
 * Removes every outbox row, whatever its state, whose payload names one of `needles`
 * (a citizen or account id, a platform user id, an ID number or phone, the id of an
 * application, appointment, message or car-moving request of the person). Payloads are
 * encrypted, so each row is read and decrypted here; delivered rows are purged after
 * OUTBOX_RETENTION_DAYS, so the table this reads stays bounded. A row being delivered
 * at this moment finishes its delivery and then finds nothing to mark.
 * @returns how many rows were removed.
 */
export async function forgetOutboxRows(
  trx: Transaction<Database>,
  cipher: PayloadCipher,
  needles: readonly string[],
  keep: ReadonlySet<string> = new Set(),
): Promise<number> {
  const wanted = needles.filter((n) => n.length >= 6);
  if (wanted.length === 0) return 0;
  let removed = 0;
  let after = '';
  for (;;) {
    const page = await trx
      .selectFrom('outbox')
      .select(['id', 'payload_enc'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const theirs = page
      .filter((row) => !keep.has(row.id) && mentions(cipher, row.payload_enc, wanted))
      .map((row) => row.id);
    if (theirs.length)
      removed += Number((await trx.deleteFrom('outbox').where('id', 'in', theirs).executeTakeFirst()).numDeletedRows);
    if (page.length < PAGE) break;
  }
  return removed;
}

function mentions(cipher: PayloadCipher, payloadEnc: string, needles: readonly string[]): boolean {
  let payload: string;
  try {
    payload = cipher.decrypt(payloadEnc);
  } catch {
    return false; // not ours to read (another key): nothing we could match either
  }
  return needles.some((needle) => payload.includes(needle));
}

/**
 * Deletes delivered (sent) and given-up (dead) outbox rows whose last state is older
 * than `before`: once acknowledged, a payload (plates, places, application references)
 * has no further use. Pending rows are never touched. @returns how many were deleted.
 */
export async function purgeFinishedOutboxRows(db: Db, before: string): Promise<number> {
  const sent = await db
    .deleteFrom('outbox')
    .where('status', '=', 'sent')
    .where('sent_at', '<', before)
    .executeTakeFirst();
  // A dead row has no sent_at; its next_attempt_at was set (one backoff on) by its last attempt.
  const dead = await db
    .deleteFrom('outbox')
    .where('status', '=', 'dead')
    .where('next_attempt_at', '<', before)
    .executeTakeFirst();
  return Number(sent.numDeletedRows) + Number(dead.numDeletedRows);
}
