import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import { maskPlate } from '@citizen/shared';
import type { Database } from '../../db/schema';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { PersonalDataVault } from '../identity/vault';

export const RELEASE_RELAY = 'car-move.release-relay';
const OPEN = ['SUBMITTED', 'NOTIFIED', 'ACKNOWLEDGED'];

/** What a report names instead of a requester who deleted their account: the request alone (fits the 36-character column). */
export const erasedRequester = (requestId: string): string => `erased:${requestId.replace(/-/g, '').slice(0, 29)}`;

/**
 * Forgets a citizen's part in car moving, in the caller's transaction. A request has two
 * parties, so it is anonymised rather than deleted, and the other party keeps theirs:
 *
 * - as requester: the request loses its link to them, the place they typed (where they
 *   were), the photo and their idempotency key; an open request is cancelled (the owner's
 *   answer link then says so) and its relay number released through the outbox. The
 *   owner's reports about them stay for the operators, naming the request alone.
 * - as owner: the request loses its link to them and keeps only a masked plate.
 *
 * Their limits, idempotency claims and suspension go. (A suspended requester who deletes
 * their account is free of the suspension: it names a person we no longer hold.)
 * @returns the ids of requests they made (the owner notices in the outbox go too) and the
 * relay releases queued (those stay).
 */
export async function forgetCarMove(
  trx: Transaction<Database>,
  deps: { outbox: Outbox; vault: PersonalDataVault },
  citizenId: string,
  now: Date,
): Promise<{ requested: string[]; queued: string[]; owned: number }> {
  const at = now.toISOString();
  const requested = await trx
    .selectFrom('car_move_requests')
    .select(['id', 'status', 'relay_binding_id'])
    .where('requester_citizen_id', '=', citizenId)
    .execute();
  const queued: string[] = [];
  for (const row of requested) {
    if (OPEN.includes(row.status)) {
      await trx
        .insertInto('car_move_events')
        .values({ request_id: row.id, status: 'CANCELLED', at })
        .onConflict((oc) => oc.columns(['request_id', 'status']).doNothing())
        .execute();
    }
    if (row.relay_binding_id)
      queued.push(await deps.outbox.enqueue(trx, RELEASE_RELAY, { bindingId: row.relay_binding_id }));
    await trx
      .updateTable('car_move_requests')
      .set({
        requester_citizen_id: null,
        place_enc: null,
        photo_id: null,
        idempotency_key: `erased:${row.id}`.slice(0, 64),
        relay_binding_id: null,
        relay_number: null,
        relay_expires_at: null,
        ...(OPEN.includes(row.status) ? { status: 'CANCELLED' } : {}),
      })
      .where('id', '=', row.id)
      .execute();
    // Their photos go with them (the uploads themselves are forgotten next).
    await trx.deleteFrom('car_move_photos').where('request_id', '=', row.id).execute();
    await trx
      .updateTable('car_move_reports')
      .set({ requester_citizen_id: erasedRequester(row.id) })
      .where('request_id', '=', row.id)
      .execute();
  }
  // Reports filed against them on requests of theirs already anonymised above; any left (none expected) go.
  await trx.deleteFrom('car_move_reports').where('requester_citizen_id', '=', citizenId).execute();

  const owned = await trx
    .selectFrom('car_move_requests')
    .select(['id', 'plate_enc'])
    .where('owner_citizen_id', '=', citizenId)
    .execute();
  for (const row of owned) {
    await trx
      .updateTable('car_move_requests')
      .set({ owner_citizen_id: null, plate_enc: deps.vault.encrypt(maskPlate(deps.vault.decrypt(row.plate_enc))) })
      .where('id', '=', row.id)
      .execute();
  }

  await trx.deleteFrom('car_move_attempts').where('citizen_id', '=', citizenId).execute();
  await trx.deleteFrom('car_move_suspensions').where('citizen_id', '=', citizenId).execute();
  // Per-requester counters are `citizen:<id>:day|month` (limits.ts); per-plate ones name no one.
  await trx.deleteFrom('car_move_quota').where('scope_key', 'like', `citizen:${citizenId}:%`).execute();
  return { requested: requested.map((r) => r.id), queued, owned: owned.length };
}

/** Releases a relay number at the vehicle register; 404 means it had expired already. */
export function registerRelayRelease(outbox: Outbox, upstream: UpstreamClient, logger: Logger): void {
  outbox.on(RELEASE_RELAY, async ({ bindingId }: { bindingId: string }) => {
    const { status } = await upstream.request('vehicle', {
      method: 'DELETE',
      path: `/v1/relay-bindings/${encodeURIComponent(bindingId)}`,
      deadline: null,
    });
    if (status === 404) logger.info('relay binding had expired already');
    else if (status < 200 || status >= 300) throw new Error(`vehicle register answered ${status} to a relay release`);
  });
}
