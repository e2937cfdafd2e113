import type { MigrationDb } from './migrationDb';

/** Photos citizens upload (metadata stripped, encrypted at rest), and the photo of a car-moving request. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('car_move_requests').addColumn('photo_id', 'varchar(36)').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('car_move_requests').dropColumn('photo_id').execute();
  await db.schema.dropTable('uploads').execute();
}
