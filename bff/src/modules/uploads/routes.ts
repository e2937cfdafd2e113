import { randomUUID } from 'node:crypto';
import busboy from 'busboy';
import type Router from 'koa-router';
import type { ParameterizedContext } from 'koa';
import { errorMessage, type ErrorCode } from '@citizen/shared';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { bearerToken } from '../../http/bearer';
import { dropRefusedBody } from '../../http/refusedBody';
import type { IdentityService } from '../identity/service';
import type { PersonalDataVault } from '../identity/vault';
import { takeUploadQuota, type UploadQuotaLimits } from './quota';
import { ImageRefusedError, reencodeImage } from './reencode';

class UploadError extends AppError {
  constructor(
    code: ErrorCode,
    readonly status: number,
  ) {
    super(code);
  }
}

/** What a multipart envelope may add around the file (boundaries, part headers). */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * Reads the one file of a multipart form (Taro.uploadFile sends those) or a raw image body,
 * up to `max` bytes.
 * @throws UploadError UPLOAD_TOO_LARGE (413) past `max`, UPLOAD_TYPE (400) for a form without a file.
 */
export function readUpload(ctx: ParameterizedContext, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (error: Error | null, file?: Buffer) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(file!);
    };
    const tooLarge = () => {
      // The answer goes out while the rest of the body is still coming.
      dropRefusedBody(ctx);
      done(new UploadError('UPLOAD_TOO_LARGE', 413));
    };
    if (Number(ctx.get('content-length')) > max + ENVELOPE_BYTES) return tooLarge();
    ctx.req.on('error', (error) => done(error));
    if (ctx.is('multipart/form-data')) {
      const parser = busboy({ headers: ctx.req.headers, limits: { files: 1, fileSize: max } });
      let file: Buffer | null = null;
      parser.on('file', (_name, stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('limit', tooLarge);
        stream.on('end', () => (file = Buffer.concat(chunks)));
      });
      parser.on('close', () => (file ? done(null, file) : done(new UploadError('UPLOAD_TYPE', 400))));
      parser.on('error', () => done(new UploadError('UPLOAD_TYPE', 400)));
      ctx.req.pipe(parser);
      return undefined;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    ctx.req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) tooLarge();
      else chunks.push(chunk);
    });
    ctx.req.on('end', () => done(null, Buffer.concat(chunks)));
    return undefined;
  });
}

/**
 * Headers for stored upload bytes, wherever they are served: the type we decoded (never
 * sniffed again by the browser), shown in place under a fixed name, never stored by a
 * cache, and a policy that lets the response be nothing but an image: no script, no
 * frame, no form, even if a browser were persuaded to render it as a page.
 */
export function setUploadResponseHeaders(
  ctx: ParameterizedContext,
  type: string,
  name: string,
  cache: 'private' | 'public' = 'private',
): void {
  ctx.type = type;
  ctx.set('x-content-type-options', 'nosniff');
  ctx.set(
    'content-disposition',
    `inline; filename="${name.replace(/[^\w.-]/g, '_')}.${type === 'image/png' ? 'png' : 'jpg'}"`,
  );
  ctx.set('cache-control', cache === 'private' ? 'private, no-store' : 'public, max-age=86400, immutable');
  ctx.set(
    'content-security-policy',
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'",
  );
}

export interface UploadRouteDeps {
  db: Db;
  vault: PersonalDataVault;
  identity: IdentityService;
  maxBytes: number;
  maxPixels: number;
  quota: UploadQuotaLimits;
  now?: () => Date;
}

/**
 * POST /uploads: a photo from a verified citizen (level 2). The bytes are decoded and
 * encoded afresh (nothing but the picture is kept), stored encrypted, and only the id is
 * returned. Each try counts against the citizen's daily quota before any decoding, so
 * refused files cannot be sent without end either. Coded errors as JSON: UNAUTHENTICATED
 * (401), ASSURANCE_LEVEL_TOO_LOW (403), UPLOAD_TOO_LARGE (413), UPLOAD_TYPE (415),
 * UPLOAD_UNREADABLE (422), UPLOAD_QUOTA_EXCEEDED (429).
 */
export function addUploadRoutes(router: Router, deps: UploadRouteDeps): void {
  const now = () => deps.now?.() ?? new Date();
  router.post('/uploads', async (ctx) => {
    try {
      const token = bearerToken(ctx.get('authorization')) ?? '';
      let citizenId: string;
      try {
        const { account } = await deps.identity.authenticate(token);
        deps.identity.requireLevel(account, 2);
        citizenId = account.citizen_id!;
      } catch (error) {
        ctx.req.resume(); // let the unread body drain so the answer reaches the client
        throw error;
      }
      const raw = await readUpload(ctx, deps.maxBytes);
      if (!(await takeUploadQuota(deps.db, citizenId, raw.length, deps.quota, now())))
        throw new UploadError('UPLOAD_QUOTA_EXCEEDED', 429);
      let image;
      try {
        image = await reencodeImage(raw, { maxPixels: deps.maxPixels });
      } catch (error) {
        if (!(error instanceof ImageRefusedError)) throw error;
        throw error.reason === 'type'
          ? new UploadError('UPLOAD_TYPE', 415)
          : error.reason === 'too-large'
            ? new UploadError('UPLOAD_TOO_LARGE', 413)
            : new UploadError('UPLOAD_UNREADABLE', 422);
      }
      const id = randomUUID();
      await deps.db
        .insertInto('uploads')
        .values({
          id,
          citizen_id: citizenId,
          type: image.type,
          size: image.data.length,
          data_enc: deps.vault.encrypt(image.data.toString('base64')),
          created_at: now().toISOString(),
        })
        .execute();
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
export async function readStoredUpload(
  db: Db,
  vault: PersonalDataVault,
  id: string,
): Promise<{ type: string; data: Buffer } | null> {
  const row = await db.selectFrom('uploads').select(['type', 'data_enc']).where('id', '=', id).executeTakeFirst();
  return row ? { type: row.type, data: Buffer.from(vault.decrypt(row.data_enc), 'base64') } : null;
}
