import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db';
import type { PersonalDataVault } from './vault';

export interface RotationReport {
  /** Values re-encrypted under the current key, per `table.column`. */
  reencrypted: Record<string, number>;
  /** Values no held key opens (left as they are, and named in the log by place only). */
  unreadable: number;
}

/**
 * Re-encrypts every stored personal value under the vault's current key, in batches,
 * while the app keeps serving. Every column named `*_enc` in every table is covered,
 * found from the database itself, so a module's new encrypted column needs nothing
 * here. Each value is swapped by one conditional update (`where column = old value`):
 * a row the app rewrote meanwhile is already under the current key and is left alone,
 * and there is no moment where a value is stored in the clear or unreadable by the
 * running instances (they hold the old key as well until the rotation is done).
 * Batches are walked in the ciphertext's order, so values no key opens are passed
 * over once, not read again forever.
 */
export async function rotatePersonalData(
  db: Db,
  vault: PersonalDataVault,
  options: { schema?: string; batchSize?: number; logger?: Logger; pauseMs?: number } = {},
): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 200;
  const report: RotationReport = { reencrypted: {}, unreadable: 0 };
  const current = `v2:${vault.currentKeyId}:%`;
  for (const table of await encryptedTables(db, options.schema)) {
    for (const column of table.columns.filter((c) => c.name.endsWith('_enc'))) {
      const place = `${table.name}.${column.name}`;
      let after = '';
      let count = 0;
      for (;;) {
        const { rows } = await sql<{ value: string }>`
          select ${sql.ref(column.name)} as value from ${sql.table(table.name)}
          where ${sql.ref(column.name)} is not null and ${sql.ref(column.name)} not like ${current} and ${sql.ref(column.name)} > ${after}
          order by ${sql.ref(column.name)} limit ${batchSize}`.execute(db);
        if (rows.length === 0) break;
        for (const { value } of rows) {
          let next: string;
          try {
            next = vault.reencrypt(value);
          } catch {
            report.unreadable++;
            continue;
          }
          const result =
            await sql`update ${sql.table(table.name)} set ${sql.ref(column.name)} = ${next} where ${sql.ref(column.name)} = ${value}`.execute(
              db,
            );
          count += Number(result.numAffectedRows ?? 0);
        }
        after = rows.at(-1)!.value;
        options.logger?.info({ place, reencrypted: count }, 'key rotation batch');
        // A breath between batches, so serving traffic keeps the database's attention.
        if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      }
      if (count) report.reencrypted[place] = count;
    }
  }
  if (report.unreadable)
    options.logger?.warn({ unreadable: report.unreadable }, 'values no held key opens were left as they are');
  return report;
}

/** How many stored values are not yet under the current key (0: the old keys can be retired). */
export async function valuesUnderOldKeys(db: Db, vault: PersonalDataVault, schema?: string): Promise<number> {
  const current = `v2:${vault.currentKeyId}:%`;
  let total = 0;
  for (const table of await encryptedTables(db, schema)) {
    for (const column of table.columns.filter((c) => c.name.endsWith('_enc'))) {
      const { rows } = await sql<{
        n: number | string;
      }>`select count(*) as n from ${sql.table(table.name)} where ${sql.ref(column.name)} is not null and ${sql.ref(column.name)} not like ${current}`.execute(
        db,
      );
      total += Number(rows[0]?.n ?? 0);
    }
  }
  return total;
}

/** This database's tables (on PostgreSQL, those of its schema: the connection's search_path) with their columns. */
async function encryptedTables(db: Db, schema?: string) {
  const tables = await db.introspection.getTables();
  return tables.filter(
    (t) => !t.name.startsWith('kysely_') && (t.schema === undefined || t.schema === (schema ?? 'public')),
  );
}
