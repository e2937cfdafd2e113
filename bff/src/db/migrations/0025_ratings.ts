import type { MigrationDb } from './migrationDb';

/**
 * 好差评 (GB/T 39734): one rating per finished case (an application, an appointment, a
 * consultation, a car-moving request), and for a rating of 2 or less a follow-up case
 * that operators work: contact by a deadline, the action taken, the outcome, the
 * citizen's answer when called back.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('ratings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.references('citizens.id').onDelete('cascade'))
    // APPLICATION | APPOINTMENT | CONSULTATION | CAR_MOVE
    .addColumn('case_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('case_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('case_number', 'varchar(64)', (c) => c.notNull())
    // The service (or 12345, car-move) the case belongs to: what aggregates count by.
    .addColumn('service_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    // JSON array of GB/T 39734 indicator codes ticked.
    .addColumn('indicators', 'text', (c) => c.notNull())
    // The citizen's words, encrypted; never logged, never forwarded.
    .addColumn('text_enc', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('ratings_case', ['case_kind', 'case_id'])
    .execute();
  await db.schema.createIndex('ratings_service').on('ratings').columns(['service_id', 'level']).execute();

  await db.schema
    .createTable('rating_followups')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('rating_id', 'varchar(36)', (c) => c.notNull().unique().references('ratings.id').onDelete('cascade'))
    // OPEN → CLOSED
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('contact_due_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('action', 'text')
    .addColumn('outcome', 'text')
    // SATISFIED | NOT_SATISFIED | UNREACHABLE
    .addColumn('callback_result', 'varchar(16)')
    .addColumn('operator_id', 'varchar(36)')
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rating_followups_open')
    .on('rating_followups')
    .columns(['status', 'contact_due_at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('rating_followups').execute();
  await db.schema.dropTable('ratings').execute();
}
