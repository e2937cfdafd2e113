import type { MigrationDb } from './migrationDb';

/**
 * The water, power and gas tiles (unpublished by 0015 while they led nowhere) open the
 * living-fees pages now, name the company that holds the bills (so the home grid's
 * availability is the company's), ask for real name (bills are paid as a verified
 * citizen) and are published again. Only tiles still as seeded: an operator's edit is
 * theirs. Frozen values: the page paths are the app's as of this migration.
 */
const FEE_TILES: Array<[tile: string, page: string, agency: string]> = [
  ['water-fee', '/fees/pages/bills/index?utility=water', 'water'],
  ['power-fee', '/fees/pages/bills/index?utility=power', 'power'],
  ['gas-fee', '/fees/pages/bills/index?utility=gas', 'gas'],
];

export async function up(db: MigrationDb): Promise<void> {
  for (const [id, page, agency] of FEE_TILES) {
    await db
      .updateTable('service_tiles')
      .set({ target_kind: 'PAGE', target_value: page, agency, required_level: 2, status: 'published' })
      .where('id', '=', id)
      .where('target_kind', '=', 'SERVICE')
      .where('target_value', '=', id)
      .where('status', '=', 'unpublished')
      .execute();
  }
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor: 'system',
      action: 'catalogue.migrate',
      subject: 'catalogue',
      detail: JSON.stringify({
        migration: '0031_fee_tiles',
        retargeted: FEE_TILES.map((t) => t[0]),
        published: FEE_TILES.map((t) => t[0]),
      }),
    })
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const [id, page] of FEE_TILES) {
    await db
      .updateTable('service_tiles')
      .set({ target_kind: 'SERVICE', target_value: id, agency: null, required_level: 1, status: 'unpublished' })
      .where('id', '=', id)
      .where('target_value', '=', page)
      .execute();
  }
}
