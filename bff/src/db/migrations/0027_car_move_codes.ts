import type { MigrationDb } from './migrationDb';

/**
 * 挪车码 (issue 21): one car-moving code per vehicle of an owner. The code is a random
 * token (only its hash is looked up; the token itself is kept encrypted so the owner can
 * print it again); nothing personal is in it. Regenerating replaces the hash, so the old
 * sticker stops working at once; deleting removes the row. A notice sent by scanning a
 * code is a car-moving request without a requester; car_move_code_notices ties it to the
 * code it came through (and holds the scanner's idempotency key, follow token hash and the
 * owner's answer token, encrypted).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('car_move_codes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    // The vehicle as the register keys it (plate and type), hashed: one code per vehicle and owner.
    .addColumn('vehicle_hash', 'varchar(64)', (c) => c.notNull())
    // JSON {plate, plateType, vehicle}, encrypted.
    .addColumn('vehicle_enc', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('token_enc', 'text', (c) => c.notNull())
    // ACTIVE | PAUSED
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('car_move_codes_vehicle', ['citizen_id', 'vehicle_hash'])
    .execute();

  await db.schema
    .createTable('car_move_code_notices')
    .addColumn('request_id', 'varchar(36)', (c) =>
      c.primaryKey().references('car_move_requests.id').onDelete('cascade'),
    )
    // Null once the code was deleted: the notice stays with the owner's requests.
    .addColumn('code_id', 'varchar(36)', (c) => c.references('car_move_codes.id').onDelete('set null'))
    // The scanner's key for this notice (a retry answers with the same notice).
    .addColumn('idempotency_key', 'varchar(80)', (c) => c.notNull().unique())
    // The scanner follows the notice by this token (its hash); it shows the status only.
    .addColumn('follow_token_hash', 'varchar(64)', (c) => c.notNull().unique())
    // The owner's answer-link token, encrypted: 我的车辆 opens the same answer page as the SMS.
    .addColumn('answer_token_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('car_move_code_notices_code').on('car_move_code_notices').column('code_id').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('car_move_code_notices').execute();
  await db.schema.dropTable('car_move_codes').execute();
}
