import { sql } from 'kysely';
import type { MigrationDb } from './migrationDb';

/**
 * The dashboard's "needs more information" todos read a citizen's applications in that
 * status only: a partial index holds just those rows, so the read does not walk all of
 * a citizen's applications (issue 12; the dashboard used to list the latest 50 and
 * filter, and missed an older one waiting for an answer).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('applications_citizen_needing_info')
    .on('applications')
    .columns(['citizen_id', 'created_at'])
    .where(sql.ref('status'), '=', 'MORE_INFO_REQUESTED')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('applications_citizen_needing_info').execute();
}
