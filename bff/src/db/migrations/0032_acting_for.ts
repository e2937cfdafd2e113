import type { MigrationDb } from './migrationDb';

/**
 * Acting for someone else (issue 17): a session that acts for a principal, and who
 * submitted an application when that was not the applicant. The right to act is
 * checked again on every request (a guardian's ends on the child's 18th birthday, China
 * time), so the row only says what the session chose, never that it is still allowed.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('acting_sessions')
    .addColumn('session_id', 'varchar(36)', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    .addColumn('actor_citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    .addColumn('principal_citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    // GUARDIAN (a parent or legal guardian of a minor, from the register) | AUTHORISATION
    .addColumn('basis', 'varchar(16)', (c) => c.notNull())
    // CHILD | WARD | PARENT | SPOUSE | NAMED: what the principal is to the actor.
    .addColumn('relation', 'varchar(16)', (c) => c.notNull())
    // The first China day the right no longer holds (a guardian's: the 18th birthday).
    .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('authorisation_id', 'varchar(36)')
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('applications').addColumn('submitted_by_citizen_id', 'varchar(36)').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('applications').dropColumn('submitted_by_citizen_id').execute();
  await db.schema.dropTable('acting_sessions').execute();
}
