import type { MigrationDb } from './migrationDb';

/**
 * Paying fees: a fee rule on a service definition (the amount is computed on the
 * server from it and the answers), and a payment per fee with its finance-bureau
 * slip, the platform order, the signed receipt and any refund.
 */
export async function up(db: MigrationDb): Promise<void> {
  // JSON: { itemCode, itemName, itemNameEn, unitFen, quantityField?, maxQuantity? }; null = free.
  await db.schema.alterTable('service_definitions').addColumn('fee_rule', 'text').execute();
  // The HK/Macao endorsement: 15 yuan per endorsement (the "visits" answer is how many), item code of the exit-entry fee.
  await db
    .updateTable('service_definitions')
    .set({
      fee_rule: JSON.stringify({
        itemCode: '103020101',
        itemName: '往来港澳通行证签注费',
        itemNameEn: 'HK and Macao permit endorsement fee',
        unitFen: 1500,
        quantityField: 'visits',
        maxQuantity: 10,
      }),
    })
    .where('id', '=', 'hk-macao-endorsement')
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.references('citizens.id').onDelete('cascade'))
    // What is paid for: an application (one payment each), later bills and fines.
    .addColumn('subject_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('item_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('item_name', 'varchar(128)', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    // UNPAID → PAID (the platform's notification) → SETTLED (the finance bureau's receipt); EXPIRED; REFUNDING → REFUNDED.
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('slip_no', 'varchar(32)')
    .addColumn('payment_code', 'varchar(32)')
    .addColumn('channel', 'varchar(16)')
    .addColumn('channel_order', 'varchar(64)')
    .addColumn('transaction_id', 'varchar(64)')
    .addColumn('paid_at', 'varchar(32)')
    .addColumn('receipt_no', 'varchar(32)')
    .addColumn('receipt_check_code', 'varchar(16)')
    .addColumn('receipt_issued_at', 'varchar(32)')
    .addColumn('refund_reason', 'varchar(32)')
    .addColumn('refund_no', 'varchar(64)')
    .addColumn('refunded_at', 'varchar(32)')
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('payments_subject', ['subject_kind', 'subject_id'])
    .execute();
  await db.schema.createIndex('payments_citizen').on('payments').columns(['citizen_id', 'created_at']).execute();
  // Reconciliation reads a day's payments.
  await db.schema.createIndex('payments_paid_at').on('payments').column('paid_at').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('payments').execute();
  await db.schema.alterTable('service_definitions').dropColumn('fee_rule').execute();
}
