import type { MigrationDb } from './migrationDb';

/**
 * Issue 16's rest: an application withdrawn by its citizen before a department decides
 * (when it was asked, and how the race with a decision ended); the daily reconciliation
 * of our payments with the finance bureau's (one report per China day, its differences
 * for operators); refunds an operator asks for and a second operator approves.
 */
export async function up(db: MigrationDb): Promise<void> {
  // Set once when the citizen asks to withdraw; the outcome once every department answered
  // or one decided first: WITHDRAWN | DECIDED_FIRST.
  await db.schema.alterTable('applications').addColumn('withdraw_requested_at', 'varchar(32)').execute();
  await db.schema.alterTable('applications').addColumn('withdraw_outcome', 'varchar(16)').execute();

  await db.schema
    .createTable('payment_reconciliations')
    // The China day (YYYY-MM-DD) compared; a second run of the day replaces the report.
    .addColumn('day', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('ours', 'integer', (c) => c.notNull())
    .addColumn('theirs', 'integer', (c) => c.notNull())
    // JSON array of { kind, slipNo, reference, ourAmountFen, theirAmountFen, ourStatus, theirStatus }.
    .addColumn('differences', 'text', (c) => c.notNull())
    .addColumn('difference_count', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('refund_requests')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('payment_id', 'varchar(36)', (c) => c.notNull().references('payments.id').onDelete('cascade'))
    // PENDING → APPROVED | DECLINED
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'varchar(200)', (c) => c.notNull())
    // Operator usernames (the audit log's actor format).
    .addColumn('requested_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('decided_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('refund_requests_payment')
    .on('refund_requests')
    .columns(['payment_id', 'status'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('refund_requests').execute();
  await db.schema.dropTable('payment_reconciliations').execute();
  await db.schema.alterTable('applications').dropColumn('withdraw_outcome').execute();
  await db.schema.alterTable('applications').dropColumn('withdraw_requested_at').execute();
}
