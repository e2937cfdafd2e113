import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from '../src/db/statementCache';

/** The SQLite statement cache (db/statementCache.ts) on a real database file, through Kysely as the BFF uses it. */
describe('prepared statements kept per SQL text on SQLite', () => {
  let dir: string;
  let raw: SQLite.Database;
  let prepared: string[];
  let cached: ReturnType<typeof withStatementCache>;
  let db: Kysely<{ things: { id: number; name: string; note?: string | null } }>;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statements-'));
    raw = new SQLite(path.join(dir, 'test.db'));
    prepared = [];
    const prepare = raw.prepare.bind(raw);
    // Counts what reaches SQLite's own prepare.
    raw.prepare = ((text: string) => {
      prepared.push(text);
      return prepare(text);
    }) as typeof raw.prepare;
    cached = withStatementCache(raw, 3);
    db = new Kysely({ dialect: new SqliteDialect({ database: cached }) });
  });
  afterEach(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a query once, and its reused statement reads and writes with new parameters each time', async () => {
    await sql`create table things (id integer primary key, name text not null)`.execute(db);
    for (let i = 1; i <= 3; i++)
      await db
        .insertInto('things')
        .values({ id: i, name: `n${i}` })
        .execute();
    const byId = (id: number) => db.selectFrom('things').select('name').where('id', '=', id).executeTakeFirst();
    expect([await byId(1), await byId(3), await byId(9)]).toEqual([{ name: 'n1' }, { name: 'n3' }, undefined]);
    const updated = await db.updateTable('things').set({ name: 'x' }).where('id', '=', 2).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    expect(prepared.filter((t) => t.startsWith('insert'))).toHaveLength(1);
    expect(prepared.filter((t) => t.startsWith('select'))).toHaveLength(1);
  });

  it('keeps at most its size, least recently used out first', async () => {
    await sql`create table things (id integer primary key, name text not null)`.execute(db);
    const count = (n: number) =>
      db
        .selectFrom('things')
        .select('id')
        .where(
          'id',
          'in',
          Array.from({ length: n }, (_, i) => i),
        )
        .execute();
    await count(1);
    await count(2);
    await count(3); // the create statement is out now
    await count(1); // used again: 2 is now the oldest
    await count(4);
    expect(cached.cachedStatements).toBe(3);
    const before = prepared.length;
    await count(1);
    expect(prepared.length).toBe(before); // still there
    await count(2);
    expect(prepared.length).toBe(before + 1); // was pushed out
  });

  it('sees a column added after the statement was prepared', async () => {
    await sql`create table things (id integer primary key, name text not null)`.execute(db);
    await db.insertInto('things').values({ id: 1, name: 'a' }).execute();
    const all = () => db.selectFrom('things').selectAll().execute();
    expect(await all()).toEqual([{ id: 1, name: 'a' }]);
    await sql`alter table things add column note text`.execute(db);
    expect(await all()).toEqual([{ id: 1, name: 'a', note: null }]);
  });

  it('gives a fresh statement while the cached one is still being iterated', async () => {
    await sql`create table things (id integer primary key, name text not null)`.execute(db);
    for (let i = 1; i <= 3; i++)
      await db
        .insertInto('things')
        .values({ id: i, name: `n${i}` })
        .execute();
    const text = 'select id from things order by id';
    const first = cached.prepare(text);
    const iterator = first.iterate([]);
    iterator.next();
    const second = cached.prepare(text);
    expect(second).not.toBe(first);
    expect(second.all([])).toHaveLength(3);
    iterator.return?.();
    expect(cached.prepare(text)).toBe(second);
  });
});
