import { sql } from 'kysely';
import type { MigrationDb } from './migrationDb';

/**
 * A payment's item in English, for citizens who read the app in English: the fee rule's
 * English name, or the bill's or fine's name built in English as the Chinese one is.
 * Payments made before this column get theirs from the same rules here: an application
 * fee from its service's fee rule (item code and Chinese name both match), a bill or a
 * fine by rewording its Chinese name (`水费 2026-10（户号…）` → `Water bill 2026-10
 * (account …)`). The names are written out here, not imported, so this migration stays
 * as it is when the modules change.
 */
const BILLS: ReadonlyArray<[itemCode: string, zh: string, en: string]> = [
  ['utility:water', '水费 ', 'Water bill '],
  ['utility:power', '电费 ', 'Electricity bill '],
  ['utility:gas', '燃气费 ', 'Gas bill '],
];
const TRAFFIC_FINE_ITEM = '103050101';

/** A fee rule's item code and names, or null for a rule that is not one (unreadable, or missing a name). */
function feeNames(text: unknown): [itemCode: string, zh: string, en: string] | null {
  let rule: unknown;
  try {
    rule = JSON.parse(String(text));
  } catch {
    return null;
  }
  if (typeof rule !== 'object' || rule === null) return null;
  const { itemCode, itemName, itemNameEn } = rule as Record<string, unknown>;
  return typeof itemCode === 'string' && typeof itemName === 'string' && typeof itemNameEn === 'string'
    ? [itemCode, itemName, itemNameEn]
    : null;
}

export async function up(db: MigrationDb): Promise<void> {
  // The rules are read before the column is added: on SQLite a migration's DDL is not in a
  // transaction, so a failure after the ALTER would leave a column no restart could add again.
  const rules = await db
    .selectFrom('service_definitions')
    .select('fee_rule')
    .where('fee_rule', 'is not', null)
    .execute();
  const fees = new Map<string, [itemCode: string, zh: string, en: string]>();
  for (const { fee_rule } of rules) {
    const names = feeNames(fee_rule);
    if (names) fees.set(`${names[0]} ${names[1]}`, names);
  }
  await db.schema.alterTable('payments').addColumn('item_name_en', 'varchar(160)').execute();
  for (const [itemCode, zh, en] of fees.values()) {
    await db
      .updateTable('payments')
      .set({ item_name_en: en })
      .where('subject_kind', '=', 'APPLICATION')
      .where('item_code', '=', itemCode)
      .where('item_name', '=', zh)
      .execute();
  }
  // replace() reads the same in SQLite and PostgreSQL.
  for (const [itemCode, zh, en] of BILLS) {
    await db
      .updateTable('payments')
      .set({
        item_name_en: sql`replace(replace(replace(item_name, ${zh}, ${en}), ${'（户号'}, ${' (account '}), ${'）'}, ${')'})`,
      })
      .where('subject_kind', '=', 'UTILITY_BILL')
      .where('item_code', '=', itemCode)
      .execute();
  }
  await db
    .updateTable('payments')
    .set({
      item_name_en: sql`replace(replace(item_name, ${'交通违法罚款（'}, ${'Traffic fine ('}), ${'）'}, ${')'})`,
    })
    .where('subject_kind', '=', 'TRAFFIC_FINE')
    .where('item_code', '=', TRAFFIC_FINE_ITEM)
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('payments').dropColumn('item_name_en').execute();
}
