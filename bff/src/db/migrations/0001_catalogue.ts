import { SqliteAdapter, sql } from 'kysely';
import { SEED_CATEGORIES, SEED_TILES } from './data/0001_catalogue';
import type { MigrationDb } from './migrationDb';

const isSqlite = (db: MigrationDb) => db.getExecutor().adapter instanceof SqliteAdapter;
const ALL_PLATFORMS = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'];

/** Catalogue tables (categories, tiles, their platforms and regions), the audit log, and the seed catalogue. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('service_categories')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(128)', (c) => c.notNull())
    .addColumn('icon', 'varchar(64)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('service_tiles')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('title', 'varchar(64)', (c) => c.notNull())
    .addColumn('title_en', 'varchar(128)', (c) => c.notNull())
    .addColumn('icon', 'varchar(64)', (c) => c.notNull())
    .addColumn('category_id', 'varchar(64)', (c) => c.notNull().references('service_categories.id'))
    .addColumn('line', 'varchar(16)', (c) => c.notNull())
    .addColumn('target_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('target_value', 'varchar(512)', (c) => c.notNull())
    .addColumn('agency', 'varchar(64)')
    .addColumn('required_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('badge', 'varchar(16)')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('published'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
  await db.schema
    .createIndex('service_tiles_status_category')
    .on('service_tiles')
    .columns(['status', 'category_id', 'sort_order'])
    .execute();
  await db.schema
    .createTable('tile_platforms')
    .addColumn('tile_id', 'varchar(64)', (c) => c.notNull().references('service_tiles.id').onDelete('cascade'))
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addPrimaryKeyConstraint('tile_platforms_pk', ['tile_id', 'platform'])
    .execute();
  await db.schema
    .createTable('tile_regions')
    .addColumn('tile_id', 'varchar(64)', (c) => c.notNull().references('service_tiles.id').onDelete('cascade'))
    .addColumn('division_code', 'varchar(6)', (c) => c.notNull())
    .addPrimaryKeyConstraint('tile_regions_pk', ['tile_id', 'division_code'])
    .execute();
  await db.schema
    .createTable('audit_log')
    // SQLite has no identity columns; its INTEGER PRIMARY KEY AUTOINCREMENT is the equivalent.
    .addColumn('id', 'integer', (c) =>
      isSqlite(db) ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
    )
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'varchar(128)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('subject', 'varchar(128)', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();

  await db.insertInto('service_categories').values(SEED_CATEGORIES).execute();
  const order = new Map<string, number>();
  for (const tile of SEED_TILES) {
    const { platforms = ALL_PLATFORMS, regions = [], badge = null, ...row } = tile;
    const sortOrder = (order.get(tile.category_id) ?? 0) + 10;
    order.set(tile.category_id, sortOrder);
    await db
      .insertInto('service_tiles')
      .values({ ...row, badge, sort_order: sortOrder, status: 'published' })
      .execute();
    await db
      .insertInto('tile_platforms')
      .values(platforms.map((platform) => ({ tile_id: tile.id, platform })))
      .execute();
    if (regions.length)
      await db
        .insertInto('tile_regions')
        .values(regions.map((division_code) => ({ tile_id: tile.id, division_code })))
        .execute();
  }
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor: 'system',
      action: 'catalogue.seed',
      subject: 'catalogue',
      detail: JSON.stringify({ categories: SEED_CATEGORIES.length, tiles: SEED_TILES.length }),
    })
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['audit_log', 'tile_regions', 'tile_platforms', 'service_tiles', 'service_categories']) {
    await db.schema.dropTable(table).execute();
  }
}
