import { sql } from 'kysely';
import { SEED_TILES } from '../src/modules/catalogue/seed';
import { loadConfig } from '../src/config';
import { MIGRATIONS, migrate, openDatabase } from '../src/db';
import { testDatabases } from './helpers';

describe.each(testDatabases())('migrations on $name', (database) => {
  afterAll(() => database.cleanup());

  it('run once however often, and however many instances start together', async () => {
    const config = loadConfig(await database.env());
    // PostgreSQL: instances racing at start. SQLite: one process, restarted.
    const instances = database.name === 'postgres' ? 3 : 1;
    const handles = Array.from({ length: instances }, () => openDatabase(config));
    await Promise.all(handles.map((h) => migrate(h, config.DATABASE_SCHEMA)));
    await migrate(handles[0], config.DATABASE_SCHEMA);
    const tiles = await handles[0].db.selectFrom('service_tiles').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    // The seed, and the endorsement tile 0008 adds once it can be applied for online.
    expect(Number(tiles.n)).toBe(SEED_TILES.length + 1);
    const applied = await handles[0].db.selectFrom('kysely_migration' as never).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(Number((applied as { n: number }).n)).toBe(Object.keys(MIGRATIONS).length);
    await Promise.all(handles.map((h) => h.close()));
  });
});
