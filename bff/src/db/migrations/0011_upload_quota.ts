import type { MigrationDb } from './migrationDb';

/**
 * Each citizen's uploads per day (count and bytes, taken in one conditional upsert), and
 * an index for the purge that finds uploads older than a day.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('upload_quota')
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    /** The China calendar day, 2026-11-21. */
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('upload_quota_pk', ['citizen_id', 'day'])
    .execute();
  await db.schema.createIndex('uploads_created_at').on('uploads').column('created_at').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('uploads_created_at').execute();
  await db.schema.dropTable('upload_quota').execute();
}
