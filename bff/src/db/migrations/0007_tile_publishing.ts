import { SEED_TILES } from './data/0001_catalogue';
import type { MigrationDb } from './migrationDb';

/**
 * Publishing tiles without a release: drafts with a revision (stale edits are refused),
 * versions as snapshots on each publish (as GOV.UK Forms does), the live row gaining a
 * schedule, a list of the services tiles may target, and icons operators upload.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('service_tiles').addColumn('publish_at', 'varchar(32)').execute();
  await db.schema.alterTable('service_tiles').addColumn('expire_at', 'varchar(32)').execute();
  await db.schema.alterTable('service_tiles').addColumn('live_version', 'integer').execute();

  await db.schema
    .createTable('tile_drafts')
    .addColumn('tile_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tile_draft_conflicts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('tile_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('based_on_revision', 'integer', (c) => c.notNull())
    .addColumn('author', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tile_versions')
    .addColumn('tile_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('action', 'varchar(16)', (c) => c.notNull())
    .addColumn('published_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('tile_versions_pk', ['tile_id', 'version'])
    .execute();
  await db.schema
    .createTable('catalogue_services')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('title', 'varchar(128)', (c) => c.notNull())
    .execute();
  const services = SEED_TILES.filter((t) => t.target_kind === 'SERVICE').map((t) => ({
    id: t.target_value,
    title: t.title,
  }));
  if (services.length) await db.insertInto('catalogue_services').values(services).execute();
  await db.schema
    .createTable('tile_icons')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['tile_icons', 'catalogue_services', 'tile_versions', 'tile_draft_conflicts', 'tile_drafts'])
    await db.schema.dropTable(table).execute();
  for (const column of ['live_version', 'expire_at', 'publish_at'])
    await db.schema.alterTable('service_tiles').dropColumn(column).execute();
}
