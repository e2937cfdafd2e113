import type { Middleware } from 'koa';

/** A 400 answer's body, as every simulated agency words it. */
export const bad = (message: string) => ({ error: 'BAD_REQUEST', message });

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative integer query parameter, the fallback when absent, null when malformed. */
function intParam(value: unknown, fallback: number): number | null {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * GET /v1/events of an agency that reports progress as a feed (the departments, the 12345
 * hotline): events with seq > `after` (default 0), oldest first, at most `limit` (1-200,
 * default 100). Event seq n sits at index n - 1. `lastSeq` is the cursor for the next call:
 * the last event given, or the feed's latest seq (lower than `after` if the simulator
 * restarted and its feed began again).
 */
export function eventFeed(events: () => ReadonlyArray<{ seq: number }>): Middleware {
  return (ctx) => {
    const after = intParam(ctx.query.after, 0);
    const limit = intParam(ctx.query.limit, 100);
    if (after === null || limit === null || limit < 1 || limit > 200) {
      ctx.status = 400;
      ctx.body = bad('after must be an integer >= 0 and limit an integer from 1 to 200');
      return;
    }
    const all = events();
    const page = all.slice(after, after + limit);
    ctx.body = { events: page, lastSeq: page.length ? page[page.length - 1]!.seq : all.length };
  };
}
