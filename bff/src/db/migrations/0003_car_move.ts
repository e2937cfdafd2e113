import type { MigrationDb } from './migrationDb';

/**
 * The transactional outbox (messages that must leave at least once, retried until an
 * agency acknowledges) and one-click car moving: requests, their status history,
 * owner reports and requester suspensions. Plates and places are personal data
 * (whereabouts): encrypted, with an HMAC for the per-plate limit.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('topic', 'varchar(64)', (c) => c.notNull())
    .addColumn('payload_enc', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('last_error', 'varchar(512)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('car_move_requests')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('requester_citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    .addColumn('owner_citizen_id', 'varchar(36)', (c) => c.references('citizens.id').onDelete('set null'))
    .addColumn('idempotency_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('plate_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('plate_enc', 'text', (c) => c.notNull())
    .addColumn('place_enc', 'text')
    .addColumn('reason', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('answer_token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('relay_binding_id', 'varchar(64)')
    .addColumn('relay_number', 'varchar(20)')
    .addColumn('relay_expires_at', 'varchar(32)')
    .addColumn('reminded_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('car_move_idempotency', ['requester_citizen_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('car_move_requester_created')
    .on('car_move_requests')
    .columns(['requester_citizen_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('car_move_plate_created')
    .on('car_move_requests')
    .columns(['plate_hash', 'created_at'])
    .execute();
  await db.schema
    .createIndex('car_move_owner_created')
    .on('car_move_requests')
    .columns(['owner_citizen_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('car_move_events')
    .addColumn('request_id', 'varchar(36)', (c) => c.notNull().references('car_move_requests.id').onDelete('cascade'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('car_move_events_pk', ['request_id', 'status'])
    .execute();

  await db.schema
    .createTable('car_move_reports')
    .addColumn('request_id', 'varchar(36)', (c) =>
      c.primaryKey().references('car_move_requests.id').onDelete('cascade'),
    )
    .addColumn('requester_citizen_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('note', 'varchar(200)')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('car_move_reports_requester')
    .on('car_move_reports')
    .columns(['requester_citizen_id', 'at'])
    .execute();

  await db.schema
    .createTable('car_move_suspensions')
    .addColumn('citizen_id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('until', 'varchar(32)', (c) => c.notNull())
    .addColumn('reports', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['car_move_suspensions', 'car_move_reports', 'car_move_events', 'car_move_requests', 'outbox']) {
    await db.schema.dropTable(table).execute();
  }
}
