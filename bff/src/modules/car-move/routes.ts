import type Router from 'koa-router';
import type { Db } from '../../db';
import type { PersonalDataVault } from '../identity/vault';
import { readStoredUpload } from '../uploads/routes';
import { CarMoveError } from './errors';
import type { CarMoveService } from './service';

/**
 * GET /car-move/photo?t=<token>: the photo of a car-moving request, for the owner by the
 * token in their message link (an <img> cannot send a bearer token). Never cached.
 */
export function addCarMoveRoutes(router: Router, deps: { carMove: CarMoveService; db: Db; vault: PersonalDataVault }): void {
  router.get('/car-move/photo', async (ctx) => {
    try {
      const photoId = await deps.carMove.photoForOwner(String(ctx.query.t ?? ''));
      const photo = photoId ? await readStoredUpload(deps.db, deps.vault, photoId) : null;
      if (!photo) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND' };
        return;
      }
      ctx.set('cache-control', 'private, no-store');
      ctx.type = photo.type;
      ctx.body = photo.data;
    } catch (error) {
      if (!(error instanceof CarMoveError)) throw error;
      ctx.status = 404;
      ctx.body = { error: error.code };
    }
  });
}
