import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Forgets a citizen's appointments in the caller's transaction: each one still to come
 * is cancelled first, freeing its place in the slot (the same conditional decrement a
 * cancellation makes), then every appointment, past or future, is deleted. The hall
 * keeps its counters, which name no one. @returns the appointment ids (their reminders
 * in the outbox go too) and how many places were freed.
 */
export async function forgetAppointments(
  trx: Transaction<Database>,
  citizenId: string,
  now: Date,
): Promise<{ ids: string[]; freed: number }> {
  const rows = await trx
    .selectFrom('appointments')
    .select(['id', 'slot_id', 'status', 'starts_at'])
    .where('citizen_id', '=', citizenId)
    .execute();
  let freed = 0;
  for (const row of rows) {
    if (row.status !== 'BOOKED' || row.starts_at <= now.toISOString()) continue;
    const released = await trx
      .updateTable('appointment_slots')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('id', '=', row.slot_id)
      .where('booked', '>', 0)
      .executeTakeFirst();
    freed += Number(released.numUpdatedRows);
  }
  await trx.deleteFrom('appointments').where('citizen_id', '=', citizenId).execute();
  return { ids: rows.map((r) => r.id), freed };
}
