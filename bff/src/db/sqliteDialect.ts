import {
  SqliteDialect,
  SqliteQueryCompiler,
  ValueNode,
  type LimitNode,
  type OffsetNode,
  type QueryCompiler,
} from 'kysely';

/** A whole number given as a LIMIT or OFFSET value; null for anything else (left a parameter). */
function wholeNumber(node: LimitNode['limit']): number | null {
  return ValueNode.is(node) && !node.immediate && Number.isSafeInteger(node.value) ? (node.value as number) : null;
}

/**
 * Kysely's SQLite compiler, except that a LIMIT or OFFSET given as a whole number is
 * written into the SQL (`limit 21`) instead of passed as a parameter (`limit ?`).
 * SQLite's planner reads a LIMIT's value, so a statement with a parameter there is
 * prepared again each time a value is bound to it, which better-sqlite3 does on every
 * run: a read of a citizen's applications with a LIMIT took 12–15 µs instead of 3 µs,
 * and the statement cache could not help (issue 12). Only whole numbers are written, so
 * nothing a caller passes can change the SQL's meaning. A page size a client chooses is
 * rounded up to a few LIMITs first (`roundedLimit`, db/cursor.ts), so clients cannot
 * fill the statement cache with texts. (A parameter compared with a partial index's
 * condition has the same cost: such code values are written with `sql.lit`.)
 */
class InlineLimitsCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    const n = wholeNumber(node.limit);
    if (n === null) super.visitLimit(node);
    else this.append(`limit ${n}`);
  }

  protected override visitOffset(node: OffsetNode): void {
    const n = wholeNumber(node.offset);
    if (n === null) super.visitOffset(node);
    else this.append(`offset ${n}`);
  }
}

/** The SQLite dialect with LIMIT and OFFSET written as numbers (InlineLimitsCompiler). */
export class BffSqliteDialect extends SqliteDialect {
  override createQueryCompiler(): QueryCompiler {
    return new InlineLimitsCompiler();
  }
}
