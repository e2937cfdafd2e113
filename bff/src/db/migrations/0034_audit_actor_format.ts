import { sql } from 'kysely';
import type { MigrationDb } from './migrationDb';

/**
 * One actor format in the audit log, `<kind>:<id>` (bff/src/modules/audit/writer.ts).
 * Before this, operators were written as the bare username (and once as
 * `operator:<username>`), the command line as `cli`, migrations as `system` and a
 * deleted person as `citizen (anonymised)`. Operator usernames cannot hold a colon,
 * so a bare actor is an operator's.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.updateTable('audit_log').set({ actor: 'system:migration' }).where('actor', '=', 'system').execute();
  await db.updateTable('audit_log').set({ actor: 'system:cli' }).where('actor', '=', 'cli').execute();
  await db
    .updateTable('audit_log')
    .set({ actor: 'citizen:anonymised' })
    .where('actor', '=', 'citizen (anonymised)')
    .execute();
  await db
    .updateTable('audit_log')
    .set({ actor: sql`'operator:' || actor` })
    .where('actor', 'not like', '%:%')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.updateTable('audit_log').set({ actor: 'system' }).where('actor', '=', 'system:migration').execute();
  await db.updateTable('audit_log').set({ actor: 'cli' }).where('actor', '=', 'system:cli').execute();
  await db
    .updateTable('audit_log')
    .set({ actor: 'citizen (anonymised)' })
    .where('actor', '=', 'citizen:anonymised')
    .execute();
  // The older code wrote licence.verify as `operator:<username>` too; its rows come back bare.
  await db
    .updateTable('audit_log')
    .set({ actor: sql`substr(actor, 10)` })
    .where('actor', 'like', 'operator:%')
    .execute();
}
