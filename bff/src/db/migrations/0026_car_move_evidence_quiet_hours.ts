import type { MigrationDb } from './migrationDb';

/**
 * Car moving, issue 21: the scene photos of a request (1–3, as 交管12123 asks; the first
 * stays in car_move_requests.photo_id for the owner's link and older readers), and an
 * owner's quiet hours (China time), during which a request's SMS waits for their end
 * unless the requester marked it urgent.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('car_move_photos')
    .addColumn('request_id', 'varchar(36)', (c) => c.notNull().references('car_move_requests.id').onDelete('cascade'))
    // 1, 2, 3: the order the requester added them in.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('upload_id', 'varchar(36)', (c) => c.notNull())
    .addPrimaryKeyConstraint('car_move_photos_pk', ['request_id', 'position'])
    .execute();
  // The uploads purge asks, for each upload, whether a request still uses it.
  await db.schema.createIndex('car_move_photos_upload').on('car_move_photos').column('upload_id').execute();

  await db.schema
    .createTable('car_move_quiet_hours')
    .addColumn('citizen_id', 'varchar(36)', (c) => c.primaryKey().references('citizens.id').onDelete('cascade'))
    // 'HH:MM' China time; a start after the end spans midnight (22:00–07:00).
    .addColumn('starts_at', 'varchar(5)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(5)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('car_move_quiet_hours').execute();
  await db.schema.dropTable('car_move_photos').execute();
}
