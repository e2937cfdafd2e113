import type Redis from 'ioredis';
import type { Db } from '../../db';
import { CarMoveLimitError } from './errors';
import { chinaCalendar } from '../../time/chinaTime';

export interface CarMoveLimits {
  perDay: number;
  perMonth: number;
  perPlatePerHour: number;
}

export interface ReserveInput {
  citizenId: string;
  plateHash: string;
  now: Date;
}

/** The counters one reservation took, so that exactly those can be given back. */
export interface Reservation {
  counters: Array<{ scopeKey: string; period: string }>;
}

/**
 * Harassment limits for car moving, shared by every BFF instance: requests per
 * requester per (China) day and month, and requests for one plate per clock hour.
 * `reserve` is one atomic step: it takes one of each or throws CarMoveLimitError and
 * takes none. It is called before the vehicle register is asked, so a requester at
 * their limit costs no register call and learns nothing about the plate.
 */
export interface CarMoveLimiter {
  reserve(input: ReserveInput): Promise<Reservation>;
  /** Gives a reservation back (only when the request could not be tried at all, e.g. the register is down). */
  release(reservation: Reservation): Promise<void>;
}

type Kind = 'day' | 'month' | 'plate';
interface Counter {
  kind: Kind;
  scopeKey: string;
  period: string;
  limit: number;
  ttlSeconds: number;
}

/** The three counters a request takes, always in this order (a fixed order cannot deadlock). */
function counters(limits: CarMoveLimits, { citizenId, plateHash, now }: ReserveInput): Counter[] {
  const w = chinaCalendar(now);
  return [
    { kind: 'day', scopeKey: `citizen:${citizenId}:day`, period: w.day, limit: limits.perDay, ttlSeconds: 2 * 86400 },
    {
      kind: 'month',
      scopeKey: `citizen:${citizenId}:month`,
      period: w.month,
      limit: limits.perMonth,
      ttlSeconds: 32 * 86400,
    },
    {
      kind: 'plate',
      scopeKey: `plate:${plateHash}:hour`,
      period: w.hour,
      limit: limits.perPlatePerHour,
      ttlSeconds: 2 * 3600,
    },
  ];
}

const limitError = (c: Counter) => new CarMoveLimitError(c.kind, c.limit);

/**
 * Without Redis: a counter table. Each counter is taken by one conditional upsert
 * (insert 1, or add 1 where the count is still below the limit); PostgreSQL and SQLite
 * both evaluate the condition against the latest row under its lock, so two instances
 * can never both take the last one. The three upserts share a transaction: one refused
 * rolls the others back.
 */
export class DatabaseLimiter implements CarMoveLimiter {
  constructor(
    private readonly db: Db,
    private readonly limits: CarMoveLimits,
  ) {}

  async reserve(input: ReserveInput): Promise<Reservation> {
    const list = counters(this.limits, input);
    await this.db.transaction().execute(async (trx) => {
      for (const c of list) {
        const taken = await trx
          .insertInto('car_move_quota')
          .values({
            scope_key: c.scopeKey,
            period: c.period,
            count: 1,
            expires_at: new Date(input.now.getTime() + c.ttlSeconds * 1000).toISOString(),
          })
          .onConflict((oc) =>
            oc
              .columns(['scope_key', 'period'])
              .doUpdateSet((eb) => ({ count: eb('car_move_quota.count', '+', 1) }))
              .where('car_move_quota.count', '<', c.limit),
          )
          .returning('count')
          .executeTakeFirst();
        if (!taken) throw limitError(c);
      }
    });
    return { counters: list.map(({ scopeKey, period }) => ({ scopeKey, period })) };
  }

  async release({ counters: list }: Reservation): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const c of list) {
        await trx
          .updateTable('car_move_quota')
          .set((eb) => ({ count: eb('count', '-', 1) }))
          .where('scope_key', '=', c.scopeKey)
          .where('period', '=', c.period)
          .where('count', '>', 0)
          .execute();
      }
    });
  }

  /** Counters whose period is long over (scheduled work; nothing reads them). */
  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('car_move_quota')
      .where('expires_at', '<', now.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

/**
 * With Redis: the same counters, checked and taken together by one Lua script so two
 * instances can never both take the last one.
 */
const RESERVE = `
local limits = cjson.decode(ARGV[1])
for i, key in ipairs(KEYS) do
  local n = tonumber(redis.call('GET', key) or '0')
  if n >= limits[i] then return i end
end
for i, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('EXPIRE', key, tonumber(ARGV[i + 1]))
end
return 0
`;
const RELEASE = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0
`;

export class RedisLimiter implements CarMoveLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly limits: CarMoveLimits,
    private readonly prefix = 'carmove',
  ) {}

  private key(c: { scopeKey: string; period: string }): string {
    return `${this.prefix}:${c.scopeKey}:${c.period}`;
  }

  async reserve(input: ReserveInput): Promise<Reservation> {
    const list = counters(this.limits, input);
    const exceeded = Number(
      await this.redis.eval(
        RESERVE,
        list.length,
        ...list.map((c) => this.key(c)),
        JSON.stringify(list.map((c) => c.limit)),
        ...list.map((c) => c.ttlSeconds),
      ),
    );
    if (exceeded > 0) throw limitError(list[exceeded - 1]);
    return { counters: list.map(({ scopeKey, period }) => ({ scopeKey, period })) };
  }

  async release({ counters: list }: Reservation): Promise<void> {
    await this.redis.eval(RELEASE, list.length, ...list.map((c) => this.key(c)));
  }
}
