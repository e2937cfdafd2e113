import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { MIGRATIONS, migrate, openDatabase, type DatabaseHandle } from '../src/db';
import { SEED_SETS, seed } from '../src/db/seed';
import { testDatabases } from './helpers';

/** The tables seed data lives in, and the columns that only say when it was written. */
const SEEDED: Record<string, string[]> = {
  service_categories: [],
  service_tiles: ['created_at'],
  tile_platforms: [],
  tile_regions: [],
  catalogue_services: [],
  service_definitions: ['updated_at'],
  service_versions: ['published_at'],
  service_halls: [],
  hall_services: [],
  faq_entries: ['updated_at'],
};
/** What the release before the seeding step had: every migration before 0023. */
const PREVIOUS_RELEASE = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0023'));

async function content(handle: DatabaseHandle): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, skip] of Object.entries(SEEDED)) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db)).rows;
    out[table] = rows
      .map((r) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(r)
              .filter(([k]) => !skip.includes(k))
              .sort(([a], [b]) => a.localeCompare(b)),
          ),
        ),
      )
      .sort();
  }
  return out;
}

describe.each(testDatabases())('the seeding step on $name', (database) => {
  afterAll(() => database.cleanup());

  it('a fresh database and one upgraded from the previous release end with the same content; seeding again changes nothing', async () => {
    const fresh = loadConfig(await database.env());
    const upgraded = loadConfig(await database.env());
    const a = openDatabase(fresh);
    const b = openDatabase(upgraded);
    try {
      // Fresh: this build's migrations, then the seeding step.
      await migrate(a, fresh.DATABASE_SCHEMA);
      expect(await seed(a.db)).toEqual(SEED_SETS.map((s) => `${s.name}@${s.version}`));
      // Upgraded: the previous release's migrations (seed data in them), then this build's.
      await migrate(b, upgraded.DATABASE_SCHEMA, PREVIOUS_RELEASE);
      await migrate(b, upgraded.DATABASE_SCHEMA);
      await seed(b.db);
      const [left, right] = [await content(a), await content(b)];
      for (const table of Object.keys(SEEDED)) expect([table, right[table]]).toEqual([table, left[table]]);
      expect(left.service_definitions!.length).toBeGreaterThanOrEqual(9);
      // A version each, and one more for each seeded form changed since (services@2, issue 19).
      expect(left.service_versions!.length).toBeGreaterThanOrEqual(left.service_definitions!.length);
      // Re-run: each set is at its version, nothing is loaded or changed.
      expect(await seed(a.db)).toEqual([]);
      expect(await content(a)).toEqual(left);
      // Forced again (as after a version bump): only what is missing is inserted, so nothing changes.
      await a.db.deleteFrom('seed_runs').execute();
      await seed(a.db);
      expect(await content(a)).toEqual(left);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
