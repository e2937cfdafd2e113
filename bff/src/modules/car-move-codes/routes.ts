import type Router from 'koa-router';
import { errorMessage } from '@citizen/shared';
import { AppError } from '../../errors';
import { bearerToken } from '../../http/bearer';
import type { IdentityService } from '../identity/service';
import { readUpload } from '../uploads/routes';
import { CodePhotoError } from './errors';
import type { CarMoveCodes } from './service';

/** The H5 scan page (hash router); the mini-programs open their own copy of it by the address's prefix. */
export const SCAN_PAGE = '/#/car-owner/pages/scan/index';

/**
 * GET /m/<token>: the address a sticker's QR carries, sent on to the H5 scan page (a
 * short path keeps the QR coarse enough for a phone at arm's length, and gives the
 * mini-programs a prefix to map). GET /car-move-codes/<id>/sticker.pdf|png: the owner's
 * printable sticker (their bearer token). POST /car-move-codes/photo?t=<token>: a
 * scanner's photo, no sign-in.
 */
export function addCarMoveCodeRoutes(
  router: Router,
  deps: { codes: CarMoveCodes; identity: IdentityService; maxBytes: number },
): void {
  router.get('/m/:token', (ctx) => {
    const token = String(ctx.params.token ?? '')
      .replace(/[^A-Za-z0-9_-]/g, '')
      .slice(0, 64);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.redirect(`${SCAN_PAGE}?t=${token}`);
  });

  router.get('/car-move-codes/:id/sticker.:format', async (ctx) => {
    const format = ctx.params.format === 'png' ? 'png' : ctx.params.format === 'pdf' ? 'pdf' : null;
    try {
      if (!format) throw new AppError('NOT_FOUND');
      const { account } = await deps.identity.authenticate(bearerToken(ctx.get('authorization')) ?? '');
      ctx.body = await deps.codes.printable(account, String(ctx.params.id ?? ''), format);
      ctx.type = format === 'pdf' ? 'application/pdf' : 'image/png';
      ctx.set('Content-Disposition', `attachment; filename="car-move-code.${format}"`);
      ctx.set('Cache-Control', 'private, no-store');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.status =
        error.code === 'UNAUTHENTICATED' || error.code.startsWith('TOKEN')
          ? 401
          : error.code === 'ASSURANCE_LEVEL_TOO_LOW'
            ? 403
            : 404;
      ctx.body = { error: error.code, message: errorMessage(error.code, 'en') };
    }
  });

  router.post('/car-move-codes/photo', async (ctx) => {
    try {
      const token = String(ctx.query.t ?? '');
      ctx.status = 201;
      ctx.body = await deps.codes.photo(token, () => readUpload(ctx, deps.maxBytes), ctx.ip);
    } catch (error) {
      ctx.req.resume();
      if (!(error instanceof AppError)) throw error;
      const status = error instanceof CodePhotoError ? error.status : (error as AppError & { status?: number }).status;
      ctx.status = status ?? (error.code === 'CAR_MOVE_CODE_LIMIT' ? 429 : 404);
      ctx.body = { error: error.code, message: errorMessage(error.code, 'en') };
    }
  });
}
