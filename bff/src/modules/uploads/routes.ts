import { randomUUID } from 'node:crypto';
import busboy from 'busboy';
import type Router from 'koa-router';
import type { ParameterizedContext } from 'koa';
import { errorMessage, type ErrorCode } from '@citizen/shared';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { bearerToken } from '../../http/bearer';
import type { IdentityService } from '../identity/service';
import type { PersonalDataVault } from '../identity/vault';
import { ImageFormatError, stripMetadata } from './stripMetadata';

class UploadError extends AppError {
  constructor(code: ErrorCode, readonly status: number) {
    super(code);
  }
}

/** Reads the one file of a multipart form (Taro.uploadFile sends those) or a raw image body, up to `max` bytes. */
function readUpload(ctx: ParameterizedContext, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => reject(new UploadError('UPLOAD_TOO_LARGE', 413));
    if (Number(ctx.get('content-length')) > max + 64 * 1024) return tooLarge();
    if (ctx.is('multipart/form-data')) {
      const parser = busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: max } });
      let file: Buffer | null = null;
      parser.on('file', (_name, stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('limit', tooLarge);
        stream.on('end', () => (file = Buffer.concat(chunks)));
      });
      parser.on('close', () => (file ? resolve(file) : reject(new UploadError('UPLOAD_TYPE', 400))));
      parser.on('error', () => reject(new UploadError('UPLOAD_TYPE', 400)));
      ctx.req.pipe(parser);
      return undefined;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    ctx.req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        ctx.req.destroy();
        tooLarge();
      } else chunks.push(chunk);
    });
    ctx.req.on('end', () => resolve(Buffer.concat(chunks)));
    ctx.req.on('error', reject);
    return undefined;
  });
}

/**
 * POST /uploads: a photo from a verified citizen (level 2). Its type is read from its
 * bytes; EXIF, XMP and text are stripped; it is stored encrypted and only its id is
 * returned. Coded errors as JSON: UNAUTHENTICATED, ASSURANCE_LEVEL_TOO_LOW, UPLOAD_TOO_LARGE, UPLOAD_TYPE.
 */
export function addUploadRoutes(router: Router, deps: { db: Db; vault: PersonalDataVault; identity: IdentityService; maxBytes: number; now?: () => Date }): void {
  router.post('/uploads', async (ctx) => {
    try {
      const token = bearerToken(ctx.get('authorization')) ?? '';
      const { account } = await deps.identity.authenticate(token);
      deps.identity.requireLevel(account, 2);
      const raw = await readUpload(ctx, deps.maxBytes);
      let image;
      try {
        image = stripMetadata(raw);
      } catch (error) {
        if (error instanceof ImageFormatError) throw new UploadError('UPLOAD_TYPE', 415);
        throw error;
      }
      const id = randomUUID();
      await deps.db.insertInto('uploads').values({
        id, citizen_id: account.citizen_id!, type: image.type, size: image.data.length,
        data_enc: deps.vault.encrypt(image.data.toString('base64')), created_at: (deps.now?.() ?? new Date()).toISOString(),
      }).execute();
      ctx.status = 201;
      ctx.body = { id, type: image.type, size: image.data.length };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.status = error instanceof UploadError ? error.status : error.code === 'ASSURANCE_LEVEL_TOO_LOW' ? 403 : 401;
      ctx.body = { error: error.code, message: errorMessage(error.code, 'en'), ...error.details };
    }
  });
}

/** The decrypted bytes of an upload, for whoever the caller has already allowed to see it. */
export async function readStoredUpload(db: Db, vault: PersonalDataVault, id: string): Promise<{ type: string; data: Buffer } | null> {
  const row = await db.selectFrom('uploads').select(['type', 'data_enc']).where('id', '=', id).executeTakeFirst();
  return row ? { type: row.type, data: Buffer.from(vault.decrypt(row.data_enc), 'base64') } : null;
}
