import type { MigrationDb } from './migrationDb';

/**
 * Identity trust:
 * - attempt_counters: every attempt limit (real name per account and per ID number,
 *   face attempts, …) as one row per scope and window, taken atomically.
 * - link_requests: an account that proved a name and ID number already held by a
 *   citizen with accounts waits here, unlinked, until it proves possession (a face
 *   pass on the new account or a code sent to the citizen's bound phone).
 * - face_sessions.citizen_id: the citizen a face verification was started for.
 * - realname_failures is replaced by attempt_counters.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('attempt_counters')
    .addColumn('scope', 'varchar(160)', (c) => c.notNull())
    .addColumn('window', 'varchar(32)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('attempt_counters_pk', ['scope', 'window'])
    .execute();
  await db.schema
    .createTable('link_requests')
    .addColumn('account_id', 'varchar(36)', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)')
    .addColumn('code_sent_at', 'varchar(32)')
    .addColumn('code_expires_at', 'varchar(32)')
    .addColumn('code_tries', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('link_requests_citizen').on('link_requests').column('citizen_id').execute();
  // Which citizen a face verification was started for: a pending link is completed only by a pass for that citizen.
  await db.schema.alterTable('face_sessions').addColumn('citizen_id', 'varchar(36)').execute();
  await db.schema.dropTable('realname_failures').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('link_requests').execute();
  await db.schema.dropTable('attempt_counters').execute();
  await db.schema
    .createTable('realname_failures')
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('realname_failures_pk', ['account_id', 'day'])
    .execute();
}
