import type Koa from 'koa';
import getRawBody from 'raw-body';
import { ERROR_CODES } from '@citizen/shared';
import { dropRefusedBody } from './refusedBody';

/**
 * Reads a POST /graphql body here, whole and within `limitBytes`, and hands it to Yoga
 * already parsed (`req.body`, the way Yoga takes a body a body parser has read).
 *
 * Why not let Yoga read it: Yoga's own size guard pipes every request body through a
 * web TransformStream (stream/promises pipeline, an AbortController aborted with a
 * DOMException when done), which was ~8% of the CPU of a `{ __typename }` request at 50
 * connections (issue 12). A parsed body skips that path.
 *
 * @returns false when the request has been answered here: 413 REQUEST_TOO_LARGE past the
 * limit; 400 GRAPHQL_PARSE_FAILED for a body that is empty, ended early, is not JSON or
 * is not one JSON object.
 */
export async function readGraphqlBody(ctx: Koa.Context, limitBytes: number): Promise<boolean> {
  if (ctx.method !== 'POST') return true;
  let text: string;
  try {
    text = await getRawBody(ctx.req, {
      length: ctx.get('content-length') || undefined,
      limit: limitBytes,
      encoding: 'utf8',
    });
  } catch (error) {
    const tooLarge = (error as { type?: string }).type === 'entity.too.large';
    if (tooLarge) dropRefusedBody(ctx);
    refuse(ctx, tooLarge ? 413 : 400, tooLarge ? 'REQUEST_TOO_LARGE' : 'GRAPHQL_PARSE_FAILED');
    return false;
  }
  if (!text.trim()) {
    refuse(ctx, 400, 'GRAPHQL_PARSE_FAILED');
    return false;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  // One operation per request (batching is off): anything but a JSON object is refused here.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    refuse(ctx, 400, 'GRAPHQL_PARSE_FAILED');
    return false;
  }
  // Yoga takes a non-empty object as the parsed body; `{}` goes as text, for Yoga's own "no query" answer.
  (ctx.req as typeof ctx.req & { body?: unknown }).body = Object.keys(parsed).length > 0 ? parsed : text;
  return true;
}

function refuse(ctx: Koa.Context, status: number, code: 'REQUEST_TOO_LARGE' | 'GRAPHQL_PARSE_FAILED') {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { errors: [{ message: ERROR_CODES[code].en, extensions: { code } }] };
}
