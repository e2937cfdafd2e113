import type { MigrationDb } from './migrationDb';

/**
 * One-time message subscriptions: each consent the platform grants (a tap on
 * wx.requestSubscribeMessage and its kin) allows one message on that topic.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('message_subscriptions')
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('topic', 'varchar(32)', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_subscriptions_pk', ['account_id', 'topic'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('message_subscriptions').execute();
}
