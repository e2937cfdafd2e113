import type Router from 'koa-router';
import type { Db } from '../../db';
import type { PersonalDataVault } from '../identity/vault';
import { readStoredUpload, setUploadResponseHeaders } from '../uploads/routes';
import { CarMoveError } from './errors';
import type { CarMoveService } from './service';

/**
 * GET /car-move/photo?t=<token>&n=<1-3>: a photo of a car-moving request, for the owner by the
 * token in their message link (an <img> cannot send a bearer token). Never cached.
 */
export function addCarMoveRoutes(
  router: Router,
  deps: { carMove: CarMoveService; db: Db; vault: PersonalDataVault },
): void {
  router.get('/car-move/photo', async (ctx) => {
    try {
      // n: which of the request's 1-3 photos (the first when absent).
      const position = ctx.query.n === undefined ? 1 : Number(ctx.query.n);
      const photoId = [1, 2, 3].includes(position)
        ? await deps.carMove.photoForOwner(String(ctx.query.t ?? ''), position)
        : null;
      const photo = photoId ? await readStoredUpload(deps.db, deps.vault, photoId) : null;
      if (!photo) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND' };
        return;
      }
      setUploadResponseHeaders(ctx, photo.type, 'car-move-photo');
      ctx.body = photo.data;
    } catch (error) {
      if (!(error instanceof CarMoveError)) throw error;
      ctx.status = 404;
      ctx.body = { error: error.code };
    }
  });
}
