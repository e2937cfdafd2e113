import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

/** The header a request id travels in: from the caller (or the balancer), back to it, and on to agencies. */
export const REQUEST_ID_HEADER = 'x-request-id';

// A caller's id is kept only when it looks like an id: no spaces, no personal data
// smuggled into every log line, no header-sized strings.
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

const scope = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the request this code runs for, or undefined in background work. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/** Runs `fn` as part of a request with this id (tests, or work a request hands on in-process). */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

/**
 * Gives every HTTP request an id: the caller's `X-Request-Id` when it has a usable
 * one (nginx sets it for requests that come without), otherwise a new UUID. The id
 * is answered in the same header, written into every log line made while serving the
 * request (the logger's mixin reads it) and sent to every agency called for it.
 */
export function requestIdMiddleware(): Middleware {
  return async (ctx, next) => {
    const given = ctx.get(REQUEST_ID_HEADER);
    const requestId = ACCEPTABLE.test(given) ? given : randomUUID();
    ctx.set(REQUEST_ID_HEADER, requestId);
    await scope.run({ requestId }, next);
  };
}
