import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

/** The header a request id travels in: from the caller (or the balancer), back to it, and on to agencies. */
export const REQUEST_ID_HEADER = 'x-request-id';

// A caller's id is kept only when it looks like an id: no spaces, no personal data
// smuggled into every log line, no header-sized strings.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request id the middleware below gave this request (Koa's ctx.state). */
export function requestIdOf(ctx: { state: Record<string, unknown> }): string | undefined {
  return ctx.state.requestId as string | undefined;
}

/**
 * Gives every HTTP request an id: the caller's `X-Request-Id` when it has a usable
 * one (nginx sets it for requests that come without), otherwise a new UUID. The id
 * is answered in the same header, written into the request's log line and the lines of
 * the GraphQL layer, and sent to every agency called for it (on the request's Deadline).
 * It is handed on explicitly, not through an AsyncLocalStorage (see upstream/deadline.ts).
 */
export function requestIdMiddleware(): Middleware {
  return async (ctx, next) => {
    const given = ctx.get(REQUEST_ID_HEADER);
    const requestId = ACCEPTABLE.test(given) ? given : randomUUID();
    ctx.set(REQUEST_ID_HEADER, requestId);
    ctx.state.requestId = requestId;
    await next();
  };
}
