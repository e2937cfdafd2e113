import { randomUUID } from 'node:crypto';
import type Router from 'koa-router';
import { errorMessage } from '@citizen/shared';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { bearerToken } from '../../http/bearer';
import type { OperatorService } from '../operators/service';
import { ImageRefusedError, reencodeImage } from '../uploads/reencode';
import { readUpload, setUploadResponseHeaders } from '../uploads/routes';

/** Icons are small: 200 KB at most. */
export const ICON_MAX_BYTES = 200 * 1024;
/** And 2048×2048 pixels at most: a small file can declare a huge, highly compressible image. */
export const ICON_MAX_PIXELS = 2048 * 2048;

/**
 * POST /operator/icons (editor and up): a PNG or JPEG, checked by its size, decoded and
 * encoded afresh (nothing but the picture kept); answers { id } for a tile's icon
 * "upload:<id>". GET /icons/:id serves it (icons are public, like the tiles that show
 * them, and never change, so caches may keep them).
 */
export function addIconRoutes(router: Router, deps: { db: Db; operators: OperatorService; now: () => Date }): void {
  router.post('/operator/icons', async (ctx) => {
    const fail = (
      status: number,
      code: 'UNAUTHENTICATED' | 'OPERATOR_ROLE_REQUIRED' | 'ICON_TOO_LARGE' | 'ICON_TYPE',
    ) => {
      ctx.status = status;
      ctx.body = { error: code, message: errorMessage(code, 'en') };
    };
    const token = bearerToken(ctx.get('authorization')) ?? '';
    let operator;
    try {
      operator = deps.operators.requireRole(await deps.operators.authenticate(token), 'editor');
    } catch (error) {
      ctx.req.resume(); // let the unread body drain so the answer reaches the client
      return fail(
        error instanceof AppError && error.code === 'OPERATOR_ROLE_REQUIRED' ? 403 : 401,
        error instanceof AppError && error.code === 'OPERATOR_ROLE_REQUIRED'
          ? 'OPERATOR_ROLE_REQUIRED'
          : 'UNAUTHENTICATED',
      );
    }
    let image;
    try {
      // Past the limit this answers 413 while it reads and drops the rest (readUpload).
      image = await reencodeImage(await readUpload(ctx, ICON_MAX_BYTES), { maxPixels: ICON_MAX_PIXELS });
    } catch (error) {
      if (error instanceof ImageRefusedError)
        return error.reason === 'too-large' ? fail(413, 'ICON_TOO_LARGE') : fail(415, 'ICON_TYPE');
      if (error instanceof AppError && error.code === 'UPLOAD_TOO_LARGE') return fail(413, 'ICON_TOO_LARGE');
      if (error instanceof AppError && error.code === 'UPLOAD_TYPE') return fail(415, 'ICON_TYPE');
      throw error;
    }
    const id = randomUUID();
    await deps.db
      .insertInto('tile_icons')
      .values({
        id,
        type: image.type,
        data: image.data.toString('base64'),
        uploaded_by: operator.username,
        created_at: deps.now().toISOString(),
      })
      .execute();
    ctx.status = 201;
    ctx.body = { id, icon: `upload:${id}` };
  });
  router.get('/icons/:id', async (ctx) => {
    const icon = await deps.db
      .selectFrom('tile_icons')
      .select(['type', 'data'])
      .where('id', '=', ctx.params.id)
      .executeTakeFirst();
    if (!icon) {
      ctx.status = 404;
      return;
    }
    setUploadResponseHeaders(ctx, icon.type, `icon-${ctx.params.id}`, 'public');
    ctx.body = Buffer.from(icon.data, 'base64');
  });
}
