import { sql, type SelectQueryBuilder } from 'kysely';
import { BadUserInputError } from '../errors';

/**
 * Keyset cursors for newest-first lists: the (created_at, id) of the last row seen.
 * Opaque to clients; a page never costs more than its own rows, however deep.
 */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** @throws BAD_USER_INPUT naming `field` when the cursor was not made by encodeCursor. */
export function decodeCursor(cursor: string, field: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && at.length <= 32 && id.length <= 36) return { at, id };
  } catch {
    // fall through: a cursor that is not ours
  }
  throw new BadUserInputError('BAD_USER_INPUT', { field });
}

/**
 * The LIMITs a client's page size is rounded up to (the rows beyond are trimmed in
 * code): on SQLite each distinct LIMIT is a statement text of its own (db/sqliteDialect.ts),
 * so a client trying every `first` from 1 to 100 could otherwise push the hot statements
 * out of the statement cache.
 */
const LIMIT_SIZES = [11, 21, 51, 101];

/** `rows` rounded up to the next of a few fixed LIMITs (itself past the largest). */
export function roundedLimit(rows: number): number {
  return LIMIT_SIZES.find((size) => size >= rows) ?? rows;
}

/**
 * One page of a newest-first list by keyset: `query` selects the rows (with created_at
 * and id), this adds the cursor, the order and the limit. @throws BAD_USER_INPUT for a
 * `first` outside 1-100 or a cursor that is not ours.
 */
export async function newestFirst<DB, TB extends keyof DB, Row extends { created_at: string; id: string }>(
  query: SelectQueryBuilder<DB, TB, Row>,
  first: number,
  after: string | null | undefined,
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw new BadUserInputError('BAD_USER_INPUT', { field: 'first' });
  let page = query;
  if (after) {
    const cursor = decodeCursor(after, 'after');
    page = page.where(sql<boolean>`(created_at, id) < (${cursor.at}, ${cursor.id})`);
  }
  const rows = await page
    .orderBy(sql`created_at desc, id desc`)
    .limit(roundedLimit(first + 1))
    .execute();
  const kept = rows.slice(0, first);
  const last = kept[kept.length - 1];
  return { rows: kept, nextCursor: rows.length > first && last ? encodeCursor(last.created_at, last.id) : null };
}
