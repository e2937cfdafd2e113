import path from 'node:path';
import type { ServerResponse } from 'node:http';
import type Koa from 'koa';
import serve from 'koa-static';

/**
 * The H5 build, as a slow phone needs it. The build writes each file's brotli and gzip
 * forms beside it (compression-webpack-plugin, miniapp/config/index.ts), and the file the
 * browser accepts is sent as is: no compression work per request. Files whose names carry
 * their content's hash are cached for a year and never revalidated; index.html, which
 * names the current ones, is revalidated on every load.
 */

/** A content hash in the name: app.3827f39c.js, css/app.9330db5d.css, static/images/x.1a2b3c4d.png. */
const HASHED = /[.-][0-9a-f]{8,}\.[a-z0-9]+$/i;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Cache-Control for a file of the build, by its name (without the .br/.gz the encoding added). */
export function cacheControlFor(file: string): string {
  const name = path.basename(file).replace(/\.(br|gz)$/, '');
  return HASHED.test(name) ? IMMUTABLE : 'no-cache';
}

export function staticFiles(dir: string): Koa.Middleware {
  return serve(dir, {
    brotli: true,
    gzip: true,
    // koa-send leaves Cache-Control alone when it is already set.
    setHeaders(res: ServerResponse, file: string) {
      res.setHeader('Cache-Control', cacheControlFor(file));
      // The same URL has several encodings: caches in between must key on what was accepted.
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
}
