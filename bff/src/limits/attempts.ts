import { sql } from 'kysely';
import type Redis from 'ioredis';
import type { Db } from '../db';

/**
 * Attempt limits that hold when requests arrive at the same moment: taking an attempt
 * is one atomic step (check and count together), made *before* the attempt is
 * evaluated, so 50 parallel guesses get exactly `max` evaluations and the rest are
 * refused without being looked at. An attempt that turns out not to count (a right
 * answer, an agency that did not answer) is given back.
 *
 * A scope names what is counted (e.g. `realname:account:<id>`), a window when the count
 * starts again (e.g. the China day `2026-11-27`).
 */
export interface AttemptLimiter {
  /** @returns the count including this attempt, or null when `max` attempts were already taken. */
  take(scope: string, window: string, max: number, ttlSeconds: number): Promise<number | null>;
  /** Gives one attempt back (never below zero). */
  giveBack(scope: string, window: string): Promise<void>;
  /** Attempts taken so far in the window. */
  count(scope: string, window: string): Promise<number>;
}

/**
 * Without Redis: one row per scope and window, taken with a conditional upsert
 * (`… on conflict do update … where count < max returning count`), which SQLite and
 * PostgreSQL both run as one statement: no two requests can both take the last one.
 */
export class DatabaseAttemptLimiter implements AttemptLimiter {
  constructor(private readonly db: Db) {}

  async take(scope: string, window: string, max: number): Promise<number | null> {
    if (max <= 0) return null;
    const row = await this.db
      .insertInto('attempt_counters')
      .values({ scope, window, count: 1 })
      .onConflict((oc) =>
        oc
          .columns(['scope', 'window'])
          .doUpdateSet({ count: sql`attempt_counters.count + 1` })
          .where('attempt_counters.count', '<', max),
      )
      .returning('count')
      .executeTakeFirst();
    return row ? Number(row.count) : null;
  }

  async giveBack(scope: string, window: string): Promise<void> {
    await this.db
      .updateTable('attempt_counters')
      .set({ count: sql`count - 1` })
      .where('scope', '=', scope)
      .where('window', '=', window)
      .where('count', '>', 0)
      .execute();
  }

  async count(scope: string, window: string): Promise<number> {
    const row = await this.db
      .selectFrom('attempt_counters')
      .select('count')
      .where('scope', '=', scope)
      .where('window', '=', window)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /** Old windows are of no use: removed by the scheduled purge. */
  async purgeBefore(windowPrefixBefore: string): Promise<number> {
    const result = await this.db
      .deleteFrom('attempt_counters')
      .where('window', '<', windowPrefixBefore)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/** INCR and refuse past max in one script, so instances sharing Redis share one count. */
const TAKE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2])) end
if n > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return -1
end
return n
`;
const GIVE_BACK = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 0
`;

export class RedisAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(scope: string, window: string): string {
    return `${this.prefix}:attempts:${scope}:${window}`;
  }

  async take(scope: string, window: string, max: number, ttlSeconds: number): Promise<number | null> {
    if (max <= 0) return null;
    const n = Number(await this.redis.eval(TAKE, 1, this.key(scope, window), max, Math.max(1, Math.ceil(ttlSeconds))));
    return n < 0 ? null : n;
  }

  async giveBack(scope: string, window: string): Promise<void> {
    await this.redis.eval(GIVE_BACK, 1, this.key(scope, window));
  }

  async count(scope: string, window: string): Promise<number> {
    return Number((await this.redis.get(this.key(scope, window))) ?? 0);
  }
}
