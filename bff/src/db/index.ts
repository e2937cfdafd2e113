import SQLite from 'better-sqlite3';
import { Pool } from 'pg';
import { Kysely, Migrator, PostgresDialect, sql, type LogEvent, type Migration } from 'kysely';
import type { Config } from '../config';
import { sqlitePath } from '../config';
import type { Database } from './schema';
import { withStatementCache } from './statementCache';
import { BffSqliteDialect } from './sqliteDialect';
import * as m0001 from './migrations/0001_catalogue';
import * as m0002 from './migrations/0002_identity';
import * as m0003 from './migrations/0003_car_move';
import * as m0004 from './migrations/0004_subscriptions';
import * as m0005 from './migrations/0005_uploads';
import * as m0006 from './migrations/0006_operators';
import * as m0007 from './migrations/0007_tile_publishing';
import * as m0008 from './migrations/0008_applications';
import * as m0009 from './migrations/0009_wallet_appointments';
import * as m0010 from './migrations/0010_identity_trust';
import * as m0011 from './migrations/0011_upload_quota';
import * as m0012 from './migrations/0012_car_move_trust';
import * as m0013 from './migrations/0013_retention';
import * as m0018 from './migrations/0018_notices';
import * as m0016 from './migrations/0016_ask';
import * as m0020 from './migrations/0020_payments';
import * as m0021 from './migrations/0021_results';
import * as m0017 from './migrations/0017_policy_consents';
import * as m0023 from './migrations/0023_service_authoring';
import * as m0024 from './migrations/0024_inquiry_cards';
import * as m0025 from './migrations/0025_ratings';
import * as m0015 from './migrations/0015_records_tiles';
import * as m0030 from './migrations/0030_living_fees';
import * as m0031 from './migrations/0031_fee_tiles';
import * as m0027 from './migrations/0027_car_move_codes';
import * as m0026 from './migrations/0026_car_move_evidence_quiet_hours';
import * as m0028 from './migrations/0028_withdrawals_reconciliation';
import * as m0032 from './migrations/0032_acting_for';
import * as m0033 from './migrations/0033_authorisations';
import * as m0034 from './migrations/0034_audit_actor_format';
import * as m0035 from './migrations/0035_applications_needing_info';
import * as m0036 from './migrations/0036_payment_item_name_en';

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
  '0010_identity_trust': m0010,
  '0011_upload_quota': m0011,
  '0012_car_move_trust': m0012,
  '0013_retention': m0013,
  '0018_notices': m0018,
  '0016_ask': m0016,
  '0020_payments': m0020,
  '0021_results': m0021,
  '0017_policy_consents': m0017,
  '0023_service_authoring': m0023,
  '0024_inquiry_cards': m0024,
  '0025_ratings': m0025,
  '0015_records_tiles': m0015,
  '0026_car_move_evidence_quiet_hours': m0026,
  '0028_withdrawals_reconciliation': m0028,
  '0027_car_move_codes': m0027,
  '0030_living_fees': m0030,
  '0031_fee_tiles': m0031,
  '0032_acting_for': m0032,
  '0033_authorisations': m0033,
  '0034_audit_actor_format': m0034,
  '0035_applications_needing_info': m0035,
  '0036_payment_item_name_en': m0036,
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
export function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'DATABASE_POOL_MAX' | 'DATA_DIR'>,
  options: { log?: (event: LogEvent) => void } = {},
): DatabaseHandle {
  if (config.DATABASE_URL && !config.DATABASE_URL.startsWith('sqlite:')) {
    const pool = new Pool({
      connectionString: config.DATABASE_URL,
      max: config.DATABASE_POOL_MAX,
      connectionTimeoutMillis: 5_000,
      ...(config.DATABASE_SCHEMA ? { options: `-c search_path=${config.DATABASE_SCHEMA}` } : {}),
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      ...(options.log ? { log: options.log } : {}),
    });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = sqlitePath(config as Config);
  const sqlite = new SQLite(file);
  // WAL lets readers go on while one writer writes; busy_timeout waits out a lock instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new BffSqliteDialect({ database: withStatementCache(sqlite) }),
    ...(options.log ? { log: options.log } : {}),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

const RETRYABLE_POSTGRES_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '57P01', // admin_shutdown (a restart)
  '57P03', // cannot_connect_now (starting up)
]);

/**
 * Whether an error means "the database is busy or briefly out of reach; the same request
 * later would work" (not a bug in the statement): a pool that found no free connection in
 * time, a refused connection, a deadlock or serialization failure, a restarting server.
 * The GraphQL layer answers these SERVICE_UNAVAILABLE rather than an internal error.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code ?? '';
  if (RETRYABLE_POSTGRES_CODES.has(code) || code === 'ECONNREFUSED' || code === 'SQLITE_BUSY') return true;
  return /^timeout exceeded when trying to connect$|^Connection terminated/.test(error.message);
}

/** Brings the schema up to date. Safe when several instances start at once (Kysely's migration lock). */
export async function migrate(
  handle: DatabaseHandle,
  schema?: string,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<string[]> {
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
    provider: { getMigrations: async () => migrations },
    ...(handle.dialect === 'postgres' && schema ? { migrationTableSchema: schema } : {}),
  });
  // A build older than the schema must not "migrate": it would stop on a missing migration.
  await checkSchemaVersion(handle, schema, migrations);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed)
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? 'unknown error'}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The schema is newer than this build: it was migrated by a later release. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly unknown: string[],
    readonly latestKnown: string,
  ) {
    super(
      `The database schema is newer than this build: it has migration${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}, ` +
        `and this build knows migrations up to ${latestKnown}. Run the release that wrote ${unknown.length > 1 ? 'them' : 'it'} ` +
        '(migrations are expand-then-contract, so that release serves this schema), or restore the database from before it.',
    );
  }
}

/**
 * What the database has applied, against what this build knows. Pending migrations
 * are fine (an instance started before `npm run migrate`, or migrating on start);
 * one the build does not know means a newer release migrated this database, and the
 * instance refuses to start rather than serve a schema it cannot read correctly.
 * @throws SchemaTooNewError
 */
export async function checkSchemaVersion(
  handle: DatabaseHandle,
  schema?: string,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<{ applied: string[]; pending: string[] }> {
  const table =
    handle.dialect === 'postgres' && schema
      ? sql`${sql.id(schema)}.${sql.id('kysely_migration')}`
      : sql.id('kysely_migration');
  let applied: string[] = [];
  try {
    applied = (await sql<{ name: string }>`select name from ${table} order by name`.execute(handle.db)).rows.map(
      (r) => r.name,
    );
  } catch {
    // No migration table yet: an empty database, nothing applied.
  }
  const known = Object.keys(migrations);
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length) throw new SchemaTooNewError(unknown, known.at(-1) ?? 'none');
  return { applied, pending: known.filter((name) => !applied.includes(name)) };
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
