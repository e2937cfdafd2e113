import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Statements kept per database: the BFF has a few hundred distinct queries; `in (…)` lists of other lengths come and go. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The SQLite database as Kysely sees it, with `prepare` answering a statement already
 * prepared for the same SQL text: Kysely's SQLite driver prepares every query anew, which
 * was ~6% of busy time at 50 connections (issue 12). A better-sqlite3 statement can be run
 * again and again with new parameters, and SQLite prepares it again by itself after a
 * schema change (a migration). Least recently used goes first past `max`. A statement still
 * being iterated (a streamed query) is `busy` and cannot be run meanwhile: a fresh one is
 * prepared instead. Only Kysely gets this view, so no one switches a shared statement to
 * raw or pluck mode.
 */
export function withStatementCache(
  database: SQLite.Database,
  max = STATEMENT_CACHE_SIZE,
): SqliteDatabase & { readonly cachedStatements: number } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string) {
      const cached = statements.get(sql);
      statements.delete(sql);
      const statement = cached && !cached.busy ? cached : database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > max) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
    get cachedStatements() {
      return statements.size;
    },
  };
}
