import { sql } from 'kysely';
import { SEED_HALLS } from './data/0009_halls';
import type { MigrationDb } from './migrationDb';

/**
 * The licence wallet's used codes (a code shows once) and appointments: halls, the
 * services each books with a capacity per slot, slots made on first booking with a
 * booked counter that a conditional update never lets past the capacity, and
 * appointments, one active per citizen per service (a partial unique index).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('licence_code_uses')
    .addColumn('nonce', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('licence_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('operator_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('service_halls')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(128)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(128)', (c) => c.notNull())
    .addColumn('address', 'varchar(256)', (c) => c.notNull())
    .addColumn('address_en', 'varchar(256)', (c) => c.notNull())
    .addColumn('hours', 'varchar(256)', (c) => c.notNull())
    .addColumn('hours_en', 'varchar(256)', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('hall_services')
    .addColumn('hall_id', 'varchar(64)', (c) => c.notNull().references('service_halls.id').onDelete('cascade'))
    .addColumn('service_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hall_services_pk', ['hall_id', 'service_id'])
    .execute();
  for (const hall of SEED_HALLS) {
    await db
      .insertInto('service_halls')
      .values({
        id: hall.id,
        name: hall.name,
        name_en: hall.nameEn,
        address: hall.address,
        address_en: hall.addressEn,
        hours: hall.hours,
        hours_en: hall.hoursEn,
        schedule: JSON.stringify(hall.schedule),
      })
      .execute();
    await db
      .insertInto('hall_services')
      .values(hall.services.map((s) => ({ hall_id: hall.id, service_id: s.serviceId, capacity: s.capacity })))
      .execute();
  }

  await db.schema
    .createTable('appointment_slots')
    .addColumn('id', 'varchar(160)', (c) => c.primaryKey())
    .addColumn('hall_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('service_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('starts_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appointment_slots_day')
    .on('appointment_slots')
    .columns(['hall_id', 'service_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    .addColumn('hall_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('service_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('slot_id', 'varchar(160)', (c) => c.notNull())
    .addColumn('starts_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('appointments_citizen').on('appointments').columns(['citizen_id', 'starts_at']).execute();
  // One active appointment per citizen per service, whichever instance takes it.
  await db.schema
    .createIndex('appointments_one_active')
    .on('appointments')
    .columns(['citizen_id', 'service_id'])
    .unique()
    .where(sql<boolean>`status = 'BOOKED'`)
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['appointments', 'appointment_slots', 'hall_services', 'service_halls', 'licence_code_uses'])
    await db.schema.dropTable(table).execute();
}
