import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import { ERROR_CODES } from '@citizen/shared';
import type { Config } from '../config';

/**
 * The BFF's HTTP edges: which browsers may call it (CORS), which bodies /graphql
 * takes (CSRF), the security headers of the H5 app, and who may read /metrics.
 */

/** Origins a browser may call from with credentials: PUBLIC_URL's and CORS_ORIGINS. Never `*`, never whatever was sent. */
export function allowedOrigins(config: Pick<Config, 'PUBLIC_URL' | 'CORS_ORIGINS'>): Set<string> {
  const list = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return new Set([new URL(config.PUBLIC_URL).origin, ...list.map((o) => new URL(o).origin)]);
}

export function corsMiddleware(config: Pick<Config, 'PUBLIC_URL' | 'CORS_ORIGINS'>): Koa.Middleware {
  const allowed = allowedOrigins(config);
  return cors({
    // An origin not on the list gets no Access-Control-* headers at all, so its page cannot read the answer.
    origin: (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    credentials: true,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['content-type', 'authorization', 'x-client-platform', 'idempotency-key'],
    maxAge: 600,
  });
}

/**
 * /graphql takes JSON bodies only. A form, multipart or text/plain POST is a "simple"
 * request a foreign page can send without a preflight (CSRF); refusing it with 415
 * leaves such a page no way to run a mutation with a citizen's cookies or token.
 * GET stays for queries (Yoga refuses mutations over GET) and GraphiQL in development.
 */
export function jsonBodiesOnly(): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.method === 'POST') {
      const type = (ctx.get('content-type').split(';')[0] ?? '').trim().toLowerCase();
      if (type !== 'application/json') {
        ctx.status = 415;
        ctx.set('Accept', 'application/json');
        ctx.body = {
          errors: [
            {
              message: ERROR_CODES.GRAPHQL_PARSE_FAILED.en,
              extensions: { code: 'GRAPHQL_PARSE_FAILED', expected: 'application/json' },
            },
          ],
        };
        return;
      }
    }
    await next();
  };
}

/** sha256 sources of the inline scripts in the H5 build's index.html (Taro's rem setter), so the CSP allows exactly those. */
export function inlineScriptHashes(staticDir: string): string[] {
  const file = path.join(staticDir, 'index.html');
  if (!fs.existsSync(file)) return [];
  const html = fs.readFileSync(file, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
  );
}

/**
 * Security headers on every answer (helmet), with a CSP for the H5 app: scripts from
 * this origin and the hashed inline ones only (no 'unsafe-inline'), styles inline too
 * (Taro's components set style attributes), no framing. Outside production the
 * browser also talks to the platform simulator (H5 sign-in), so its origin is allowed
 * to be connected to. GraphiQL (development only) loads from a CDN and runs inline
 * code, so its page goes without a CSP.
 */
export function securityHeaders(config: Pick<Config, 'NODE_ENV' | 'STATIC_DIR' | 'AGENCY_BASE_URL'>): Koa.Middleware {
  const production = config.NODE_ENV === 'production';
  // blob: — a photo the citizen picked is a blob: URL that Taro's H5 uploadFile reads with an
  // XHR before sending it to /uploads (only this page's own scripts can mint one).
  const connect = ["'self'", 'blob:', ...(production ? [] : [new URL(config.AGENCY_BASE_URL).origin])];
  const common = {
    referrerPolicy: { policy: 'no-referrer' as const },
    // Answers carry personal data: other sites may not embed or read them.
    crossOriginResourcePolicy: { policy: 'same-origin' as const },
  };
  const withCsp = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(config.STATIC_DIR)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: connect,
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  const withoutCsp = helmet({ ...common, contentSecurityPolicy: false });
  return async (ctx, next) => {
    // The car-moving page asks for the location; nothing needs the camera API (photos come from a file input).
    ctx.set(
      'Permissions-Policy',
      'geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()',
    );
    const graphiql = !production && ctx.path === '/graphql' && ctx.method === 'GET' && ctx.accepts('html') === 'html';
    return (graphiql ? withoutCsp : withCsp)(ctx, next);
  };
}

/**
 * /metrics: with METRICS_TOKEN set, only for `Authorization: Bearer <token>`; without
 * one it is open in development and absent (404) in production, where the operators'
 * scraper must present the token.
 */
export function metricsGuard(config: Pick<Config, 'NODE_ENV' | 'METRICS_TOKEN'>): Koa.Middleware {
  const expected = config.METRICS_TOKEN ? Buffer.from(config.METRICS_TOKEN) : null;
  return async (ctx, next) => {
    if (!expected) {
      if (config.NODE_ENV === 'production') ctx.status = 404;
      else await next();
      return;
    }
    const given = Buffer.from(/^Bearer (.+)$/.exec(ctx.get('authorization'))?.[1] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', 'Bearer');
      ctx.body = { error: 'UNAUTHENTICATED', message: ERROR_CODES.UNAUTHENTICATED.en };
      return;
    }
    await next();
  };
}
