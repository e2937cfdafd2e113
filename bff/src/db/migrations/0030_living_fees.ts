import type { MigrationDb } from './migrationDb';

/**
 * 生活缴费: the household accounts (户号) a citizen bound at the water, power and gas
 * companies, once each. The number is personal (it names a home): encrypted, with a
 * keyed hash to find a repeat and a masked copy to show; the holder and the address
 * are kept only as the company answered them, masked.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('utility_accounts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    // water | power | gas: the company (and the agency) that holds the account.
    .addColumn('utility', 'varchar(8)', (c) => c.notNull())
    .addColumn('account_no_enc', 'text', (c) => c.notNull())
    .addColumn('account_no_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('account_no_masked', 'varchar(32)', (c) => c.notNull())
    .addColumn('holder_masked', 'varchar(32)', (c) => c.notNull())
    .addColumn('address_masked', 'varchar(128)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('utility_accounts_once', ['citizen_id', 'utility', 'account_no_hash'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('utility_accounts').execute();
}
