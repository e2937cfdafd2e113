import { randomUUID } from 'node:crypto';
import type Router from 'koa-router';
import { errorMessage } from '@citizen/shared';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { bearerToken } from '../../http/bearer';
import type { OperatorService } from '../operators/service';
import { ImageFormatError, stripMetadata } from '../uploads/stripMetadata';

/** Icons are small: 200 KB at most. */
export const ICON_MAX_BYTES = 200 * 1024;

/**
 * POST /operator/icons (editor and up): a PNG or JPEG, checked by its bytes and size,
 * metadata stripped; answers { id } for a tile's icon "upload:<id>". GET /icons/:id
 * serves it (icons are public, like the tiles that show them).
 */
export function addIconRoutes(router: Router, deps: { db: Db; operators: OperatorService; now: () => Date }): void {
  router.post('/operator/icons', async (ctx) => {
    const fail = (status: number, code: 'UNAUTHENTICATED' | 'OPERATOR_ROLE_REQUIRED' | 'ICON_TOO_LARGE' | 'ICON_TYPE') => {
      ctx.status = status;
      ctx.body = { error: code, message: errorMessage(code, 'en') };
    };
    const token = bearerToken(ctx.get('authorization')) ?? '';
    let operator;
    try {
      operator = deps.operators.requireRole(await deps.operators.authenticate(token), 'editor');
    } catch (error) {
      ctx.req.resume(); // let the unread body drain so the answer reaches the client
      return fail(error instanceof AppError && error.code === 'OPERATOR_ROLE_REQUIRED' ? 403 : 401, error instanceof AppError && error.code === 'OPERATOR_ROLE_REQUIRED' ? 'OPERATOR_ROLE_REQUIRED' : 'UNAUTHENTICATED');
    }
    // Read the whole body (so the client can finish sending and read our answer), keeping
    // at most the limit; a body far past it is cut off.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > 20 * ICON_MAX_BYTES) {
        ctx.req.destroy();
        break;
      }
      if (size <= ICON_MAX_BYTES) chunks.push(chunk as Buffer);
    }
    if (size > ICON_MAX_BYTES) return fail(413, 'ICON_TOO_LARGE');
    let image;
    try {
      image = stripMetadata(Buffer.concat(chunks));
    } catch (error) {
      if (error instanceof ImageFormatError) return fail(415, 'ICON_TYPE');
      throw error;
    }
    const id = randomUUID();
    await deps.db.insertInto('tile_icons').values({ id, type: image.type, data: image.data.toString('base64'), uploaded_by: operator.username, created_at: deps.now().toISOString() }).execute();
    ctx.status = 201;
    ctx.body = { id, icon: `upload:${id}` };
  });
  router.get('/icons/:id', async (ctx) => {
    const icon = await deps.db.selectFrom('tile_icons').select(['type', 'data']).where('id', '=', ctx.params.id).executeTakeFirst();
    if (!icon) {
      ctx.status = 404;
      return;
    }
    ctx.type = icon.type;
    ctx.set('cache-control', 'public, max-age=86400, immutable');
    ctx.body = Buffer.from(icon.data, 'base64');
  });
}
