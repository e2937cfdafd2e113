import type { MigrationDb } from './migrationDb';

/**
 * Consent to the privacy policy and the user agreement, per platform account and per
 * version (asked before the first real-name step, when there is no citizen yet). Kept
 * while the account exists; deleting the account deletes its consents.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('policy_consents')
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    /** PRIVACY or TERMS. */
    .addColumn('document', 'varchar(16)', (c) => c.notNull())
    .addColumn('version', 'varchar(32)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_consents_pk', ['account_id', 'document', 'version'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('policy_consents').execute();
}
