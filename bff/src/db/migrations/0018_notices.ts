import type { MigrationDb } from './migrationDb';

/**
 * Home notices published from the console (a banner and short notices on the home
 * screen), drafted, versioned and scheduled as tiles are: a draft with a revision,
 * a snapshot per publish, the live row with its publish and expiry times.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('home_notices')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(128)', (c) => c.notNull())
    .addColumn('title_en', 'varchar(256)', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('body_en', 'text')
    .addColumn('link', 'varchar(512)')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('publish_at', 'varchar(32)')
    .addColumn('expire_at', 'varchar(32)')
    .addColumn('live_version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('home_notices_live').on('home_notices').columns(['status', 'sort_order']).execute();
  await db.schema
    .createTable('notice_drafts')
    .addColumn('notice_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  // Names that disagreed (issue 13), fixed where the seeded words are still live (an
  // operator's own edit is left alone): the tile 社保缴费记录 opened the service 社保缴费证明,
  // and car moving was 'Move my blocked car' on home but 'Move a blocking car' on its page.
  await db
    .updateTable('service_tiles')
    .set({ title: '社保缴费证明', title_en: 'Social insurance payment record' })
    .where('id', '=', 'si-payment-record')
    .where('title', '=', '社保缴费记录')
    .execute();
  await db
    .updateTable('catalogue_services')
    .set({ title: '社保缴费证明' })
    .where('id', '=', 'si-payment-record')
    .where('title', '=', '社保缴费记录')
    .execute();
  await db
    .updateTable('service_tiles')
    .set({ title_en: 'Move a blocking car' })
    .where('id', '=', 'car-move')
    .where('title_en', '=', 'Move my blocked car')
    .execute();
  await db.schema
    .createTable('notice_versions')
    .addColumn('notice_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('action', 'varchar(16)', (c) => c.notNull())
    .addColumn('published_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_versions_pk', ['notice_id', 'version'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['notice_versions', 'notice_drafts', 'home_notices']) await db.schema.dropTable(table).execute();
}
