/**
 * `npm run migrate`: brings the database to this build's schema, as its own deploy
 * step before any new instance starts (instances then run with MIGRATE_ON_START=false).
 * Migrations are written expand-then-contract: a release only adds (tables, nullable
 * columns, indexes) what its code needs, so the instances of the previous release keep
 * serving while this runs; what the old code still reads is removed one release later.
 * Then the seeding step (db/seed.ts) loads any seed set newer than the database's record.
 * Exits 1 with the reason when the schema is newer than this build.
 */
import { ConfigError, loadConfig } from '../config';
import { checkSchemaVersion, migrate, openDatabase } from './index';
import { seed } from './seed';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase(config);
  try {
    const before = await checkSchemaVersion(database, config.DATABASE_SCHEMA);
    const applied = await migrate(database, config.DATABASE_SCHEMA);
    const seeded = await seed(database.db);
    if (seeded.length) console.log(`seeded ${seeded.join(', ')}`);
    console.log(
      applied.length
        ? `migrated ${database.dialect}: applied ${applied.join(', ')} (${before.applied.length} were already applied)`
        : `migrated ${database.dialect}: already up to date (${before.applied.length} migrations)`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : `migration failed: ${(error as Error).message}`);
  process.exit(1);
});
