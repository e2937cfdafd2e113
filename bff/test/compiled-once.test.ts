import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db';
import { compiledOnce } from '../src/db/compiledOnce';
import { testDatabases } from './helpers';

interface Things {
  things: { id: number; owner: string; name: string };
}

/** Queries compiled once and run with each call's values (db/compiledOnce.ts), on both real databases. */
describe.each(testDatabases())('compiledOnce on $name', (database) => {
  let handle: DatabaseHandle;
  let db: Kysely<Things>;

  beforeAll(async () => {
    const env = await database.env();
    handle = openDatabase({
      DATABASE_URL: env.DATABASE_URL,
      DATABASE_SCHEMA: env.DATABASE_SCHEMA,
      DATABASE_POOL_MAX: 4,
      DATA_DIR: env.DATA_DIR!,
    });
    db = handle.db as unknown as Kysely<Things>;
    if (env.DATABASE_SCHEMA) await sql`create schema ${sql.id(env.DATABASE_SCHEMA)}`.execute(db);
    await sql`create table things (id integer primary key, owner text not null, name text not null)`.execute(db);
    await db
      .insertInto('things')
      .values([
        { id: 1, owner: 'a', name: 'one' },
        { id: 2, owner: 'a', name: 'two' },
        { id: 3, owner: 'a', name: 'three' },
        { id: 4, owner: 'b', name: 'four' },
      ])
      .execute();
  });
  afterAll(async () => {
    await handle.close();
    await database.cleanup();
  });

  it('builds once and answers each call with its own values, fixed values kept', async () => {
    let builds = 0;
    // The limit is fixed (a parameter too); the owner is read twice.
    const newestOf = compiledOnce((kysely: Kysely<Things>, v: { owner: string; above: number }) => {
      builds++;
      return kysely
        .selectFrom('things')
        .select(['id', 'name'])
        .where('owner', '=', v.owner)
        .where('id', '>', v.above)
        .where((eb) => eb.or([eb('owner', '=', v.owner), eb('owner', '=', 'nobody')]))
        .orderBy('id', 'desc')
        .limit(2);
    });
    expect(await newestOf(db, { owner: 'a', above: 0 })).toEqual([
      { id: 3, name: 'three' },
      { id: 2, name: 'two' },
    ]);
    expect(await newestOf(db, { owner: 'b', above: 0 })).toEqual([{ id: 4, name: 'four' }]);
    expect(await newestOf(db, { owner: 'a', above: 2 })).toEqual([{ id: 3, name: 'three' }]);
    expect(await newestOf(db, { owner: 'c', above: 0 })).toEqual([]);
    expect(builds).toBe(1);
  });

  it('runs in a transaction (compiled for it anew), and sees its uncommitted rows', async () => {
    const named = compiledOnce((kysely: Kysely<Things>, v: { id: number }) =>
      kysely.selectFrom('things').select('name').where('id', '=', v.id),
    );
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('things').values({ id: 9, owner: 'c', name: 'nine' }).execute();
        expect(await named(trx, { id: 9 })).toEqual([{ name: 'nine' }]);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await named(db, { id: 9 })).toEqual([]);
    expect(await named(db, { id: 1 })).toEqual([{ name: 'one' }]);
  });

  it('refuses, at its first call, a value that does not reach the SQL as a parameter', async () => {
    const byColumn = compiledOnce((kysely: Kysely<Things>, v: { column: string; id: number }) =>
      kysely.selectFrom('things').select(sql.ref(v.column).as('value')).where('id', '=', v.id),
    );
    await expect(byColumn(db, { column: 'name', id: 1 })).rejects.toThrow(/the value column is not a parameter/);
  });
});
