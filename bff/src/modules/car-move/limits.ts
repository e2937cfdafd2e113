import { sql, type Transaction } from 'kysely';
import type Redis from 'ioredis';
import type { Database } from '../../db/schema';
import { CarMoveLimitError } from './errors';
import { chinaCalendar } from '../../time/chinaTime';

export interface CarMoveLimits {
  perDay: number;
  perMonth: number;
  perPlatePerHour: number;
}

export interface ReserveInput {
  trx: Transaction<Database>;
  citizenId: string;
  plateHash: string;
  now: Date;
}

/**
 * Harassment limits for car moving, shared by every BFF instance: requests per
 * requester per day and per month, and requests for one plate per hour. `reserve`
 * either takes one of each or throws CarMoveLimitError, and is called inside the
 * transaction that writes the request.
 */
export interface CarMoveLimiter {
  reserve(input: ReserveInput): Promise<void>;
}

/** The windows the limits count in: the local day and month, and the hour just gone. */
function windows(now: Date) {
  return { ...chinaCalendar(now), hourAgo: new Date(now.getTime() - 3600_000).toISOString() };
}

/**
 * Without Redis: the requests table is the counter. On PostgreSQL, advisory locks on
 * the requester and the plate serialise concurrent requests across instances for the
 * length of the transaction; SQLite has one writer at a time already.
 */
export class DatabaseLimiter implements CarMoveLimiter {
  constructor(private readonly limits: CarMoveLimits, private readonly dialect: 'sqlite' | 'postgres') {}

  async reserve({ trx, citizenId, plateHash, now }: ReserveInput): Promise<void> {
    if (this.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext(${`car-move:citizen:${citizenId}`}))`.execute(trx);
      await sql`select pg_advisory_xact_lock(hashtext(${`car-move:plate:${plateHash}`}))`.execute(trx);
    }
    const w = windows(now);
    const count = async (column: 'requester_citizen_id' | 'plate_hash', value: string, since: string) => {
      const row = await trx.selectFrom('car_move_requests').select(sql<number>`count(*)`.as('n')).where(column, '=', value).where('created_at', '>=', since).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    if ((await count('requester_citizen_id', citizenId, w.dayStart)) >= this.limits.perDay) throw new CarMoveLimitError('day', this.limits.perDay);
    if ((await count('requester_citizen_id', citizenId, w.monthStart)) >= this.limits.perMonth) throw new CarMoveLimitError('month', this.limits.perMonth);
    if ((await count('plate_hash', plateHash, w.hourAgo)) >= this.limits.perPlatePerHour) throw new CarMoveLimitError('plate', this.limits.perPlatePerHour);
  }
}

/**
 * With Redis: fixed-window counters, checked and taken together by one Lua script
 * so two instances can never both take the last one.
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

export class RedisLimiter implements CarMoveLimiter {
  constructor(private readonly redis: Redis, private readonly limits: CarMoveLimits, private readonly prefix = 'carmove') {}

  async reserve({ citizenId, plateHash, now }: ReserveInput): Promise<void> {
    const w = windows(now);
    const keys = [`${this.prefix}:citizen:${citizenId}:day:${w.day}`, `${this.prefix}:citizen:${citizenId}:month:${w.month}`, `${this.prefix}:plate:${plateHash}:hour:${w.hour}`];
    const limits = [this.limits.perDay, this.limits.perMonth, this.limits.perPlatePerHour];
    const exceeded = Number(await this.redis.eval(RESERVE, keys.length, ...keys, JSON.stringify(limits), 2 * 86400, 32 * 86400, 2 * 3600));
    if (exceeded === 1) throw new CarMoveLimitError('day', this.limits.perDay);
    if (exceeded === 2) throw new CarMoveLimitError('month', this.limits.perMonth);
    if (exceeded === 3) throw new CarMoveLimitError('plate', this.limits.perPlatePerHour);
  }
}
