import type { MigrationDb } from './migrationDb';

/**
 * 查 cards made in the console (issue 15): one described agency record read for the
 * signed-in citizen, chosen fields with labels, masks and formats. Drafts with a
 * revision and the revision last previewed with a test person's data (publishing
 * needs one), versions as snapshots, and the live card.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('inquiry_cards')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('live_version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('inquiry_card_drafts')
    .addColumn('card_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('previewed_revision', 'integer')
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('inquiry_card_versions')
    .addColumn('card_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('action', 'varchar(24)', (c) => c.notNull())
    .addColumn('published_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('inquiry_card_versions_pk', ['card_id', 'version'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['inquiry_card_versions', 'inquiry_card_drafts', 'inquiry_cards'])
    await db.schema.dropTable(table).execute();
}
