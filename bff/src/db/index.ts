import SQLite from 'better-sqlite3';
import { Pool } from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely';
import type { Config } from '../config';
import { sqlitePath } from '../config';
import type { Database } from './schema';
import * as m0001 from './migrations/0001_catalogue';
import * as m0002 from './migrations/0002_identity';
import * as m0003 from './migrations/0003_car_move';
import * as m0004 from './migrations/0004_subscriptions';
import * as m0005 from './migrations/0005_uploads';
import * as m0006 from './migrations/0006_operators';
import * as m0007 from './migrations/0007_tile_publishing';
import * as m0008 from './migrations/0008_applications';
import * as m0009 from './migrations/0009_wallet_appointments';

export type Db = Kysely<Database>;
export type DbDialect = 'sqlite' | 'postgres';

/** Migrations in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_catalogue': m0001,
  '0002_identity': m0002,
  '0003_car_move': m0003,
  '0004_subscriptions': m0004,
  '0005_uploads': m0005,
  '0006_operators': m0006,
  '0007_tile_publishing': m0007,
  '0008_applications': m0008,
  '0009_wallet_appointments': m0009,
};

export interface DatabaseHandle {
  db: Db;
  dialect: DbDialect;
  close(): Promise<void>;
}

/**
 * One query layer over SQLite (the embedded default) and PostgreSQL (when
 * DATABASE_URL says so). On PostgreSQL, DATABASE_SCHEMA selects a schema, created
 * if missing, so test runs and instances can share a server without sharing tables.
 */
export function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'DATABASE_POOL_MAX' | 'DATA_DIR'>): DatabaseHandle {
  if (config.DATABASE_URL && !config.DATABASE_URL.startsWith('sqlite:')) {
    const pool = new Pool({
      connectionString: config.DATABASE_URL,
      max: config.DATABASE_POOL_MAX,
      connectionTimeoutMillis: 5_000,
      ...(config.DATABASE_SCHEMA ? { options: `-c search_path=${config.DATABASE_SCHEMA}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = sqlitePath(config as Config);
  const sqlite = new SQLite(file);
  // WAL lets readers go on while one writer writes; busy_timeout waits out a lock instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Brings the schema up to date. Safe when several instances start at once (Kysely's migration lock). */
export async function migrate(handle: DatabaseHandle, schema?: string): Promise<void> {
  if (handle.dialect === 'postgres' && schema) {
    try {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(handle.db);
    } catch (error) {
      // Instances starting together race here; "if not exists" is not atomic in PostgreSQL.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(handle.dialect === 'postgres' && schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? 'unknown error'}`);
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
