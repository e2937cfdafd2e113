import type { MigrationDb } from './migrationDb';

/**
 * Identity: citizens (one person, whatever the platform), platform accounts that join
 * a citizen by verifying the same ID number, sessions (refresh-token families),
 * refresh tokens (hashes only), real-name failure counts, SMS codes (hashes only)
 * and face verification sessions. Personal data is encrypted; *_hash columns are HMACs.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('citizens')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('id_number_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('name_enc', 'text', (c) => c.notNull())
    .addColumn('phone_hash', 'varchar(64)')
    .addColumn('phone_enc', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addColumn('platform_user_id', 'varchar(128)', (c) => c.notNull())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.references('citizens.id').onDelete('set null'))
    .addColumn('linked_at', 'varchar(32)')
    .addColumn('face_verified_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('accounts_platform_user', ['platform', 'platform_user_id'])
    .execute();
  await db.schema.createIndex('accounts_citizen').on('accounts').column('citizen_id').execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .addColumn('revoked_reason', 'varchar(32)')
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('session_id', 'varchar(36)', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('realname_failures')
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('realname_failures_pk', ['account_id', 'day'])
    .execute();
  await db.schema
    .createTable('phone_codes')
    .addColumn('account_id', 'varchar(36)', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('phone_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('tries', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('face_sessions')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('platform', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of [
    'face_sessions',
    'phone_codes',
    'realname_failures',
    'refresh_tokens',
    'sessions',
    'accounts',
    'citizens',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
