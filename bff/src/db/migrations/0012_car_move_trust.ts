import type { MigrationDb } from './migrationDb';

/**
 * Car moving, trust fixes. Limits are counters taken before the vehicle register is
 * asked (car_move_quota: one row per scope and period, taken by one conditional upsert),
 * so the request rows can no longer be the count. Each idempotency key is claimed once
 * (car_move_attempts), before any quota, so retries take none and learn the first
 * outcome. Owner reports wait for an operator's decision; the reporter's note is
 * encrypted from now on (note_enc). Reports made before this migration were never
 * reviewed by a person: they stay PENDING for an operator (suspensions they caused stand).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('car_move_quota')
    .addColumn('scope_key', 'varchar(120)', (c) => c.notNull())
    .addColumn('period', 'varchar(16)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('car_move_quota_pk', ['scope_key', 'period'])
    .execute();
  await db.schema.createIndex('car_move_quota_expires').on('car_move_quota').column('expires_at').execute();

  await db.schema
    .createTable('car_move_attempts')
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('car_move_attempts_pk', ['citizen_id', 'idempotency_key'])
    .execute();

  await db.schema
    .alterTable('car_move_reports')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('PENDING'))
    .execute();
  await db.schema.alterTable('car_move_reports').addColumn('note_enc', 'text').execute();
  await db.schema.alterTable('car_move_reports').addColumn('decided_at', 'varchar(32)').execute();
  await db.schema.alterTable('car_move_reports').addColumn('decided_by', 'varchar(64)').execute();
  await db.schema.createIndex('car_move_reports_status').on('car_move_reports').columns(['status', 'at']).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('car_move_reports_status').execute();
  for (const column of ['decided_by', 'decided_at', 'note_enc', 'status'])
    await db.schema.alterTable('car_move_reports').dropColumn(column).execute();
  await db.schema.dropTable('car_move_attempts').execute();
  await db.schema.dropTable('car_move_quota').execute();
}
