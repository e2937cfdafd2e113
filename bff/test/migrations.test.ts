import { sql } from 'kysely';
import { SEED_TILES as FROZEN_SEED_TILES } from '../src/db/migrations/data/0001_catalogue';
import { loadConfig } from '../src/config';
import { MIGRATIONS, migrate, openDatabase } from '../src/db';
import type { MigrationDb } from '../src/db/migrations/migrationDb';
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
    const db = handles[0].db;
    const applied = await db
      .selectFrom('kysely_migration' as never)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number((applied as { n: number }).n)).toBe(Object.keys(MIGRATIONS).length);

    // What the migrations themselves write, from their own frozen data (the live catalogue is the seeding step's):
    // 0001 the frozen seed tiles, 0008 the endorsement tile, 0016 the progress lookup, each once however often run.
    const tiles = await db.selectFrom('service_tiles').select(['id', 'status']).execute();
    expect(tiles.map((t) => t.id).sort()).toEqual(
      [...FROZEN_SEED_TILES.map((t) => t.id), 'hk-macao-endorsement', 'progress-lookup'].sort(),
    );
    // 0015 unpublished the seed tiles whose service was not built (as its audit entry records); every other tile is live.
    const audit = await db.selectFrom('audit_log').select('detail').where('action', '=', 'catalogue.migrate').execute();
    const unpublishedBy0015 = audit
      .map((a) => JSON.parse(a.detail) as { migration?: string; unpublished?: string[] })
      .filter((d) => d.migration === '0015_records_tiles');
    expect(unpublishedBy0015).toHaveLength(1);
    const notBuilt = new Set(unpublishedBy0015[0].unpublished);
    expect(notBuilt.size).toBeGreaterThan(0);
    // 0031 published the fee tiles again once living fees were built (its audit entry names them).
    const republishedBy0031 = audit
      .map((a) => JSON.parse(a.detail) as { migration?: string; published?: string[] })
      .filter((d) => d.migration === '0031_fee_tiles');
    expect(republishedBy0031).toHaveLength(1);
    for (const id of republishedBy0031[0].published ?? []) notBuilt.delete(id);
    for (const tile of tiles)
      expect([tile.id, tile.status]).toEqual([tile.id, notBuilt.has(tile.id) ? 'unpublished' : 'published']);
    // 0034: what the earlier migrations wrote as 'system' reads in the one actor format.
    expect([...new Set((await db.selectFrom('audit_log').select('actor').execute()).map((r) => r.actor))]).toEqual([
      'system:migration',
    ]);
    await Promise.all(handles.map((h) => h.close()));
  });

  it('0034 rewrites every older actor into <kind>:<id>, and its down migration restores them', async () => {
    const config = loadConfig(await database.env());
    const handle = openDatabase(config);
    await migrate(handle, config.DATABASE_SCHEMA);
    const db = handle.db;
    const older = [
      'system',
      'cli',
      'citizen (anonymised)',
      'root',
      'operator:clerk1',
      'citizen:6f1c2b0e-0000-4000-8000-000000000001',
    ];
    await db.deleteFrom('audit_log').execute();
    for (const actor of older)
      await db
        .insertInto('audit_log')
        .values({ at: new Date().toISOString(), actor, action: 'test.0034', subject: 'test', detail: '{}' })
        .execute();
    const actors = async () =>
      (await db.selectFrom('audit_log').select('actor').orderBy('id').execute()).map((r) => r.actor);
    const m0034 = MIGRATIONS['0034_audit_actor_format']!;
    await m0034.up(db);
    expect(await actors()).toEqual([
      'system:migration',
      'system:cli',
      'citizen:anonymised',
      'operator:root',
      'operator:clerk1',
      'citizen:6f1c2b0e-0000-4000-8000-000000000001',
    ]);
    await m0034.up(db); // run again: nothing left to rewrite
    expect((await actors()).every((a) => /^(operator|citizen|system):[^:]+$/.test(a))).toBe(true);
    await m0034.down!(db);
    expect(await actors()).toEqual([
      'system',
      'cli',
      'citizen (anonymised)',
      'root',
      'clerk1',
      'citizen:6f1c2b0e-0000-4000-8000-000000000001',
    ]);
    await handle.close();
  });
  it('0036 gives older payments their English item names: fees from their rule, bills and fines reworded', async () => {
    const config = loadConfig(await database.env());
    const handle = openDatabase(config);
    await migrate(handle, config.DATABASE_SCHEMA);
    const db = handle.db;
    const m0036 = MIGRATIONS['0036_payment_item_name_en']!;
    await m0036.down!(db); // as before the column came
    const older: Array<[kind: string, code: string, name: string]> = [
      ['APPLICATION', '103020101', '往来港澳通行证签注费'],
      ['APPLICATION', '999999999', '没有规则的收费'],
      ['UTILITY_BILL', 'utility:water', '水费 2026-10（户号3100****0425）'],
      ['UTILITY_BILL', 'utility:gas', '燃气费 2026-09（户号5200****1188）'],
      ['TRAFFIC_FINE', '103050101', '交通违法罚款（机动车违反禁令标志指示）'],
    ];
    const now = new Date().toISOString();
    for (const [i, [kind, code, name]] of older.entries())
      await (db as unknown as MigrationDb)
        .insertInto('payments')
        .values({
          id: `m0036-${i}`,
          citizen_id: null,
          subject_kind: kind,
          subject_id: `m0036-subject-${i}`,
          item_code: code,
          item_name: name,
          amount_fen: 100,
          status: 'SETTLED',
          expires_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
    // Rules it cannot read are passed over, not a failure halfway (SQLite's DDL has no transaction).
    const unruled = await db
      .selectFrom('service_definitions')
      .select('id')
      .where('fee_rule', 'is', null)
      .limit(2)
      .execute();
    expect(unruled).toHaveLength(2);
    const setRule = (row: { id: string }, rule: string | null) =>
      db.updateTable('service_definitions').set({ fee_rule: rule }).where('id', '=', row.id).execute();
    await setRule(unruled[0]!, 'not json');
    await setRule(unruled[1]!, 'null');
    await m0036.up(db);
    await setRule(unruled[0]!, null);
    await setRule(unruled[1]!, null);
    const names = await db
      .selectFrom('payments')
      .select(['id', 'item_name_en'])
      .where('id', 'like', 'm0036-%')
      .orderBy('id')
      .execute();
    expect(names.map((n) => n.item_name_en)).toEqual([
      'HK and Macao permit endorsement fee',
      null,
      'Water bill 2026-10 (account 3100****0425)',
      'Gas bill 2026-09 (account 5200****1188)',
      'Traffic fine (机动车违反禁令标志指示)',
    ]);
    await db.deleteFrom('payments').where('id', 'like', 'm0036-%').execute();
    await handle.close();
  });
});
