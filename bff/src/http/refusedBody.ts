import type Koa from 'koa';

/** Past this much of a refused body still coming, reading stops and the connection just closes. */
const DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * For a body refused before it was all read (too large): the client may still be sending
 * it, and would meet a reset instead of our answer. Read and drop the rest (up to
 * DRAIN_BYTES) so it gets to read the 413, and close the connection after the answer,
 * since what is left on it is not a request. Whatever was reading the body is detached.
 */
export function dropRefusedBody(ctx: Koa.ParameterizedContext): void {
  ctx.set('Connection', 'close');
  ctx.req.unpipe();
  ctx.req.removeAllListeners('data');
  let drained = 0;
  ctx.req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) ctx.req.pause();
  });
  ctx.req.resume();
}
