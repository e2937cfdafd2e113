import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { BffSqliteDialect } from '../src/db/sqliteDialect';
import { withStatementCache } from '../src/db/statementCache';
import { newestFirst } from '../src/db/cursor';

/**
 * The BFF's SQLite dialect (db/sqliteDialect.ts) writes a whole-number LIMIT and OFFSET
 * into the SQL, where a parameter would make SQLite prepare the statement again on every
 * run; pages read through it on a real database file are the rows they should be.
 */
describe('LIMIT and OFFSET written as numbers on SQLite', () => {
  let dir: string;
  const executed: string[] = [];
  let db: Kysely<{ things: { id: number; name: string }; events: { id: string; created_at: string } }>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-dialect-'));
    db = new Kysely({
      dialect: new BffSqliteDialect({ database: withStatementCache(new SQLite(path.join(dir, 'test.db'))) }),
      log: (event) => void executed.push(event.query.sql),
    });
    await sql`create table things (id integer primary key, name text not null)`.execute(db);
    await db
      .insertInto('things')
      .values(Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: `n${i + 1}` })))
      .execute();
    await sql`create table events (id text primary key, created_at text not null)`.execute(db);
    await db
      .insertInto('events')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          id: `e${i}`,
          created_at: `2026-01-${String(i + 1).padStart(2, '0')}`,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes whole numbers into the SQL and passes everything else as parameters', () => {
    const paged = db
      .selectFrom('things')
      .select('id')
      .where('name', '!=', 'x')
      .orderBy('id')
      .limit(21)
      .offset(4)
      .compile();
    expect(paged.sql).toBe('select "id" from "things" where "name" != ? order by "id" limit 21 offset 4');
    expect(paged.parameters).toEqual(['x']);
    // A limit inside a subquery too.
    const nested = db
      .selectFrom('things')
      .select('id')
      .where('id', 'in', (eb) => eb.selectFrom('things').select('id').orderBy('id', 'desc').limit(3))
      .compile();
    expect(nested.sql).toContain('order by "id" desc limit 3)');
    expect(nested.parameters).toEqual([]);
    // What is not a whole number stays a parameter, as Kysely would pass it.
    const odd = db
      .selectFrom('things')
      .select('id')
      .limit('5' as unknown as number)
      .compile();
    expect(odd.sql).toBe('select "id" from "things" limit ?');
    expect(odd.parameters).toEqual(['5']);
  });

  it('reads the pages it is asked for', async () => {
    const page = (size: number, from: number) =>
      db.selectFrom('things').select('id').orderBy('id').limit(size).offset(from).execute();
    expect((await page(5, 0)).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect((await page(5, 25)).map((r) => r.id)).toEqual([26, 27, 28, 29, 30]);
    expect((await page(3, 28)).map((r) => r.id)).toEqual([29, 30]);
    expect(await page(10, 30)).toEqual([]);
  });

  it("rounds a client's page size up to a few LIMITs, so page sizes cannot fill the statement cache", async () => {
    executed.length = 0;
    for (const first of [7, 8, 9, 10]) {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: { rows: Array<{ id: string }>; nextCursor: string | null } = await newestFirst(
          db.selectFrom('events').selectAll(),
          first,
          after,
        );
        expect(page.rows.length).toBeLessThanOrEqual(first);
        seen.push(...page.rows.map((r) => r.id));
        after = page.nextCursor;
      } while (after);
      // Every row once, newest first, whatever the page size.
      expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `e${29 - i}`));
    }
    // Four page sizes, two statement texts (a first page and a page after a cursor), both of 11 rows.
    const texts = new Set(executed);
    expect(texts.size).toBe(2);
    for (const text of texts) expect(text).toMatch(/ limit 11$/);
  });
});
