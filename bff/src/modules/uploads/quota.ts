import { sql } from 'kysely';
import type { Db } from '../../db';
import { chinaCalendar } from '../../time/chinaTime';

export interface UploadQuotaLimits {
  perDay: number;
  bytesPerDay: number;
}

/**
 * Takes one upload of `bytes` from the citizen's quota for today (China time), or
 * answers false when it would go past either limit. Check and count are one statement
 * (an upsert whose update only happens under the limits), so parallel uploads on any
 * number of instances never get past it: the database serialises them on the row.
 */
export async function takeUploadQuota(
  db: Db,
  citizenId: string,
  bytes: number,
  limits: UploadQuotaLimits,
  now: Date,
): Promise<boolean> {
  if (bytes > limits.bytesPerDay) return false;
  const day = chinaCalendar(now).day;
  const taken = await db
    .insertInto('upload_quota')
    .values({ citizen_id: citizenId, day, count: 1, bytes })
    .onConflict((oc) =>
      oc
        .columns(['citizen_id', 'day'])
        .doUpdateSet({ count: sql`upload_quota.count + 1`, bytes: sql`upload_quota.bytes + excluded.bytes` })
        .where(
          sql<boolean>`upload_quota.count < ${limits.perDay} and upload_quota.bytes + excluded.bytes <= ${limits.bytesPerDay}`,
        ),
    )
    .returning('count')
    .executeTakeFirst();
  return taken !== undefined;
}

/** Quota rows of days before yesterday are history nobody reads. */
export async function forgetOldQuota(db: Db, now: Date): Promise<number> {
  const yesterday = chinaCalendar(new Date(now.getTime() - 24 * 3600_000)).day;
  const result = await db.deleteFrom('upload_quota').where('day', '<', yesterday).executeTakeFirst();
  return Number(result.numDeletedRows);
}
