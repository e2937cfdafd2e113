import type { Transaction } from 'kysely';
import type { Db } from './index';
import type { Database } from './schema';
import { SEED_CATEGORIES, SEED_TILES } from '../modules/catalogue/seed';
import {
  SERVICE_DEFINITIONS,
  definitionFromSnapshot,
  definitionRow,
  type ServiceDefinition,
} from '../modules/applications/definitions';
import { SEED_HALLS } from '../modules/appointments/halls';

/**
 * The seeding step: what a new city starts with (the catalogue, the services and their
 * forms, the halls), loaded from the modules after the migrations, not by them
 * (migrations are frozen history; seed data changes with the code).
 *
 * Versioned: each set has a version here and in `seed_runs`; a set runs when its
 * version here is newer than the one recorded, so a new seed entry ships by adding it
 * to its module and raising the set's version. Idempotent: a set only inserts rows that
 * are missing (by id), so operators' edits are never overwritten, a re-run changes
 * nothing, and several instances starting at once insert each row once.
 */
export const SEED_SETS: ReadonlyArray<{
  name: string;
  version: number;
  load(trx: Transaction<Database>, now: string): Promise<void>;
}> = [
  { name: 'catalogue', version: 1, load: loadCatalogue },
  // 2: issue 19's forms (records chosen and filled instead of typed, documents by reference).
  { name: 'services', version: 2, load: loadServices },
  { name: 'halls', version: 1, load: loadHalls },
];

const ALL_PLATFORMS = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'];

async function loadCatalogue(trx: Transaction<Database>): Promise<void> {
  await trx
    .insertInto('service_categories')
    .values(SEED_CATEGORIES)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const order = new Map<string, number>();
  for (const tile of SEED_TILES) {
    const { platforms = ALL_PLATFORMS, regions = [], badge = null, ...row } = tile;
    const sortOrder = (order.get(tile.category_id) ?? 0) + 10;
    order.set(tile.category_id, sortOrder);
    const inserted = await trx
      .insertInto('service_tiles')
      .values({
        ...row,
        badge,
        sort_order: sortOrder,
        status: 'published',
        publish_at: null,
        expire_at: null,
        live_version: null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) continue; // there already, perhaps edited: left as it is
    await trx
      .insertInto('tile_platforms')
      .values(platforms.map((platform) => ({ tile_id: tile.id, platform })))
      .execute();
    if (regions.length)
      await trx
        .insertInto('tile_regions')
        .values(regions.map((division_code) => ({ tile_id: tile.id, division_code })))
        .execute();
  }
  const services = SEED_TILES.filter((t) => t.target_kind === 'SERVICE').map((t) => ({
    id: t.target_value,
    title: t.title,
  }));
  if (services.length)
    await trx
      .insertInto('catalogue_services')
      .values(services)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
}

async function loadServices(trx: Transaction<Database>, now: string): Promise<void> {
  for (const definition of SERVICE_DEFINITIONS) {
    const inserted = await trx
      .insertInto('service_definitions')
      .values({
        ...definitionRow(definition, now),
        fee_rule: definition.feeRule ? JSON.stringify(definition.feeRule) : null,
        guide: definition.guide ? JSON.stringify(definition.guide) : null,
        version: 1,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
      await updateSeededForm(trx, definition, now);
      continue;
    }
    // Version 1 as migration 0023 snapshots a definition that was already there.
    const snapshot = { ...definition, feeRule: definition.feeRule ?? null, guide: definition.guide ?? null };
    delete (snapshot as { version?: unknown }).version;
    await trx
      .insertInto('service_versions')
      .values({
        service_id: definition.id,
        version: 1,
        data: JSON.stringify(snapshot),
        action: 'seed',
        published_by: 'system',
        published_at: now,
      })
      .onConflict((oc) => oc.columns(['service_id', 'version']).doNothing())
      .execute();
    await trx
      .insertInto('catalogue_services')
      .values({ id: definition.id, title: definition.title })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

/**
 * A seeded service whose form or materials changed in the code reaches an existing
 * database as a new published version, as if published from the console, only while
 * nobody has published it since it was seeded (its newest version is a seed's): an
 * operator's version is theirs. Everything else of the newest version (titles, guide,
 * the fee rule) is kept; applications and drafts stay pinned to the version they were
 * made under. Nothing changes when the newest version already has the seed's form.
 */
async function updateSeededForm(trx: Transaction<Database>, definition: ServiceDefinition, now: string): Promise<void> {
  const newest = await trx
    .selectFrom('service_versions')
    .selectAll()
    .where('service_id', '=', definition.id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!newest || newest.action !== 'seed') return;
  const current = definitionFromSnapshot(newest.data, newest.version);
  if (JSON.stringify([current.form, current.materials]) === JSON.stringify([definition.form, definition.materials]))
    return;
  const version = newest.version + 1;
  const snapshot: ServiceDefinition = { ...current, form: definition.form, materials: definition.materials };
  delete snapshot.version;
  await trx
    .insertInto('service_versions')
    .values({
      service_id: definition.id,
      version,
      data: JSON.stringify(snapshot),
      action: 'seed',
      published_by: 'system',
      published_at: now,
    })
    .execute();
  // The live row follows unless it was unpublished (or edited) since: then it is left as it is.
  await trx
    .updateTable('service_definitions')
    .set({
      form: JSON.stringify(definition.form),
      materials: JSON.stringify(definition.materials),
      version,
      updated_at: now,
    })
    .where('id', '=', definition.id)
    .where('version', '=', newest.version)
    .execute();
}

async function loadHalls(trx: Transaction<Database>): Promise<void> {
  for (const hall of SEED_HALLS) {
    await trx
      .insertInto('service_halls')
      .values({
        id: hall.id,
        name: hall.name,
        name_en: hall.nameEn,
        address: hall.address,
        address_en: hall.addressEn,
        hours: hall.hours,
        hours_en: hall.hoursEn,
        schedule: JSON.stringify(hall.schedule),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await trx
      .insertInto('hall_services')
      .values(hall.services.map((s) => ({ hall_id: hall.id, service_id: s.serviceId, capacity: s.capacity })))
      .onConflict((oc) => oc.columns(['hall_id', 'service_id']).doNothing())
      .execute();
  }
}

/**
 * Loads every seed set newer than the database's record of it, each in one transaction
 * with its record. @returns the sets loaded (empty when everything was up to date).
 */
export async function seed(db: Db, now = new Date()): Promise<string[]> {
  const loaded: string[] = [];
  for (const set of SEED_SETS) {
    const done = await db.transaction().execute(async (trx) => {
      const run = await trx.selectFrom('seed_runs').select('version').where('name', '=', set.name).executeTakeFirst();
      if (run && run.version >= set.version) return false;
      await set.load(trx, now.toISOString());
      const row = { name: set.name, version: set.version, applied_at: now.toISOString() };
      // Two instances seeding at once: both inserts are "if missing", and the later record wins harmlessly.
      await trx
        .insertInto('seed_runs')
        .values(row)
        .onConflict((oc) => oc.column('name').doUpdateSet({ version: set.version, applied_at: row.applied_at }))
        .execute();
      return true;
    });
    if (done) loaded.push(`${set.name}@${set.version}`);
  }
  return loaded;
}
