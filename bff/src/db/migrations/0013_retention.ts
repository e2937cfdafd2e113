import { SqliteAdapter, sql } from 'kysely';
import type { MigrationDb } from './migrationDb';

/**
 * Deletion and retention (PIPL). A deleted citizen's finished applications stay as an
 * anonymous archive (number, service, status, dates) and car-moving requests they took
 * part in stay for the other party, so the columns naming the citizen become nullable.
 * A used licence code records whose it was, so deletion can find it. Indexes for the
 * scheduled purge (delivered outbox rows, old drafts).
 */
export async function up(db: MigrationDb): Promise<void> {
  const sqlite = isSqlite(db);
  if (sqlite) {
    await sqliteDropNotNull(db, 'applications', ['citizen_id', 'account_id']);
    await sqliteDropNotNull(db, 'car_move_requests', ['requester_citizen_id']);
  } else {
    await sql`alter table applications alter column citizen_id drop not null`.execute(db);
    await sql`alter table applications alter column account_id drop not null`.execute(db);
    await sql`alter table car_move_requests alter column requester_citizen_id drop not null`.execute(db);
  }
  await db.schema.alterTable('licence_code_uses').addColumn('citizen_id', 'varchar(36)').execute();
  await db.schema.createIndex('licence_code_uses_citizen').on('licence_code_uses').column('citizen_id').execute();
  await db.schema.createIndex('outbox_sent').on('outbox').columns(['status', 'sent_at']).execute();
  await db.schema.createIndex('application_drafts_updated').on('application_drafts').column('updated_at').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('application_drafts_updated').execute();
  await db.schema.dropIndex('outbox_sent').execute();
  await db.schema.dropIndex('licence_code_uses_citizen').execute();
  await db.schema.alterTable('licence_code_uses').dropColumn('citizen_id').execute();
}

const isSqlite = (db: MigrationDb) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * SQLite cannot alter a column: the table is rebuilt from its own stored definition with
 * `not null` taken off those columns (SQLite's documented twelve steps). Foreign keys are
 * off meanwhile, so dropping the old table does not cascade into its children; the rows
 * are checked against every key before the rebuild commits.
 */
async function sqliteDropNotNull(db: MigrationDb, table: string, columns: string[]): Promise<void> {
  const rows = await sql<{
    type: string;
    sql: string | null;
  }>`select type, sql from sqlite_master where tbl_name = ${table}`.execute(db);
  const create = rows.rows.find((r) => r.type === 'table')?.sql;
  if (!create) throw new Error(`no table ${table}`);
  let rebuilt = create;
  for (const column of columns) {
    const before = rebuilt;
    rebuilt = rebuilt.replace(new RegExp(`("${column}"\\s+[a-z]+(?:\\(\\d+\\))?)\\s+not null`, 'i'), '$1');
    if (rebuilt === before) throw new Error(`${table}.${column}: not null not found in its definition`);
  }
  const temporary = `${table}__0013`;
  rebuilt = rebuilt.replace(/^create table\s+("?)[A-Za-z_]+\1/i, `create table "${temporary}"`);
  const indexes = rows.rows.filter((r) => r.type === 'index' && r.sql).map((r) => r.sql!);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await sql.raw(rebuilt).execute(trx);
      await sql.raw(`insert into "${temporary}" select * from "${table}"`).execute(trx);
      await sql.raw(`drop table "${table}"`).execute(trx);
      await sql.raw(`alter table "${temporary}" rename to "${table}"`).execute(trx);
      for (const index of indexes) await sql.raw(index).execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length) throw new Error(`${table}: rebuild broke ${broken.rows.length} foreign keys`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
