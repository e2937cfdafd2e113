import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type Koa from 'koa';
import type { Logger } from 'pino';
import {
  hasLongWord,
  INQUIRY_CARD_PAGE,
  TILE_FALLBACK_ICON_COLOR,
  TILE_ICON_COLORS,
  TILE_PAGE_TARGETS,
} from '@citizen/shared';
import type { CategoryRow, TileRow } from '../modules/catalogue/store';

/**
 * The H5 home, drawn by the server into the build's index.html (issue 13). On a 3G phone
 * the app's way (HTML, then ~170 KB of JavaScript, then the home query) is three round
 * trips and two seconds of transfer before a tile shows; here the published tiles arrive
 * with the first answer, each a real link, visible as soon as the HTML is parsed. The app
 * removes the shell when its own home has rendered (miniapp features/catalogue/shell.h5.ts).
 *
 * Public data only: the tiles the home query gives anyone before sign-in, from the same
 * per-instance cache (cleared on publish, through Redis when configured). Nothing about
 * the visitor goes in, so one rendering serves everyone: `no-cache` with an ETag of the
 * page, which changes when the tiles do. Language and elder mode are the citizen's choice,
 * kept in localStorage: index.html's head sets classes on <html> before first paint
 * (miniapp/src/index.html), and the shell carries both languages for CSS to pick.
 */

/** The element the app removes; its id is shared with miniapp features/catalogue/shell.h5.ts. */
export const SHELL_ID = 'home-shell';

export interface HomeShellSource {
  /** The published tiles for H5 in `region` (the home query's cache). */
  tiles(region: string | null): Promise<TileRow[]>;
  categories(): Promise<readonly CategoryRow[]>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Where the app itself goes when the tile is tapped (miniapp features/catalogue/openTile.ts), as a hash-router link. */
export function tileHref(tile: Pick<TileRow, 'id' | 'title' | 'target_kind' | 'target_value'>): {
  href: string;
  external: boolean;
} {
  const value = tile.target_value;
  if (tile.target_kind === 'WEB' && /^https:\/\//.test(value)) return { href: value, external: true };
  if (
    tile.target_kind === 'PAGE' &&
    ((TILE_PAGE_TARGETS as readonly string[]).includes(value) || value.startsWith(`${INQUIRY_CARD_PAGE}?`))
  )
    return { href: `/#${value}`, external: false };
  // A service tile names its service; others (a mini-program on H5) open the service page by the tile's id.
  const id = tile.target_kind === 'SERVICE' ? value : tile.id;
  return {
    href: `/#/pages/service/index?id=${encodeURIComponent(id)}&title=${encodeURIComponent(tile.title)}`,
    external: false,
  };
}

/** Both languages side by side; the class on <html> shows one (the other is display:none, so it is not read out either). */
const both = (zh: string, en: string) =>
  `<span class="hs-zh" lang="zh-CN">${escapeHtml(zh)}</span><span class="hs-en${hasLongWord(en) ? ' hs-long' : ''}" lang="en">${escapeHtml(en)}</span>`;

function tileHtml(tile: TileRow): string {
  const { href, external } = tileHref(tile);
  const color = TILE_ICON_COLORS[tile.icon as keyof typeof TILE_ICON_COLORS] ?? TILE_FALLBACK_ICON_COLOR;
  const icon = tile.icon.startsWith('upload:')
    ? `<img class="hs-icon" src="/icons/${encodeURIComponent(tile.icon.slice('upload:'.length))}" alt="">`
    : `<span class="hs-icon" style="background:${color}" aria-hidden="true"></span>`;
  const target = external ? ' target="_blank" rel="noopener"' : '';
  return `<li><a class="hs-tile" href="${escapeHtml(href)}"${target}>${icon}<span class="hs-title">${both(tile.title, tile.title_en)}</span></a></li>`;
}

/** The shell's markup: title bar, header, and the tiles under their categories in the BFF's order (as selectTiles groups them). */
export function renderShell(tiles: TileRow[], categories: readonly CategoryRow[]): string {
  const sections = categories
    .map((category) => ({ category, tiles: tiles.filter((t) => t.category_id === category.id) }))
    .filter((s) => s.tiles.length > 0)
    .map(
      ({ category, tiles: own }) =>
        `<section class="hs-section"><h2>${both(category.name, category.name_en)}</h2><ul>${own.map(tileHtml).join('')}</ul></section>`,
    );
  return (
    `<div id="${SHELL_ID}"><div class="hs-bar"><h1>${both('城市通', 'City Services')}</h1></div>` +
    // The search box and the four lines are the app's (they act in the page): here only their
    // places, empty and hidden from assistive technology, so the tiles do not move when the app takes over.
    `<div class="hs-head"><p>${both('您好，欢迎使用城市通', 'Welcome to City Services')}</p><div class="hs-place hs-search" aria-hidden="true"></div></div>` +
    `<div class="hs-place hs-lines" aria-hidden="true"></div>` +
    `<main class="hs-grid">${sections.join('')}</main></div>`
  );
}

/**
 * The shell's critical CSS, inline so nothing more is fetched before the tiles show. Sizes
 * follow the app's 750-wide design (Taro's rem: 1 design px = 100vw / 750), so the shell
 * sits where the app's home draws the same things. The shell is fixed over the app, which
 * renders beneath it and is revealed whole when the shell is removed.
 */
const CSS = `
#${SHELL_ID},#${SHELL_ID} *{box-sizing:border-box}
#${SHELL_ID}{position:fixed;inset:0;z-index:1000;overflow:auto;background:#f4f6fa;color:#1f2329;font:calc(28vw/7.5)/1.4 -apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;--u:calc(100vw/750)}
html.hs-en .hs-zh,html:not(.hs-en) .hs-en{display:none}
:where(#${SHELL_ID}) :where(h1,h2,p,ul){margin:0;padding:0;list-style:none}
.hs-bar{display:flex;align-items:center;justify-content:center;min-height:calc(88*var(--u));background:#1f6feb;color:#fff}
.hs-bar h1{font-size:calc(34*var(--u));font-weight:600}
.hs-head{background:linear-gradient(180deg,#1f6feb 0%,#4b8df8 100%);padding:calc(32*var(--u)) calc(24*var(--u)) calc(48*var(--u));margin-bottom:calc(24*var(--u));color:#fff;font-size:calc(36*var(--u));font-weight:600}
.hs-head p{display:flex;align-items:center;min-height:calc(62*var(--u))}
.hs-search{height:calc(80*var(--u));margin-top:calc(24*var(--u));border-radius:calc(40*var(--u));background:#fff}
.hs-lines{height:calc(217*var(--u));margin:0 calc(24*var(--u)) calc(24*var(--u));border-radius:calc(20*var(--u));background:#fff}
html.hs-elder .hs-place{display:none}
.hs-grid{padding:0 calc(24*var(--u)) calc(24*var(--u))}
.hs-section{background:#fff;border-radius:calc(20*var(--u));padding:calc(24*var(--u)) calc(16*var(--u)) calc(8*var(--u));margin-bottom:calc(24*var(--u))}
.hs-section h2{font-size:calc(32*var(--u));font-weight:600;margin:0 calc(8*var(--u)) calc(16*var(--u))}
.hs-section ul{display:flex;flex-wrap:wrap}
.hs-section li{width:25%}
.hs-tile{display:flex;flex-direction:column;align-items:center;padding:calc(8*var(--u)) calc(4*var(--u)) calc(24*var(--u));min-height:calc(88*var(--u));color:inherit;text-decoration:none;border-radius:calc(16*var(--u))}
.hs-tile:focus-visible{outline:3px solid #0b4fc4;outline-offset:2px}
.hs-icon{display:block;width:calc(88*var(--u));height:calc(88*var(--u));border-radius:calc(24*var(--u));object-fit:cover}
.hs-title{margin-top:calc(12*var(--u));font-size:calc(24*var(--u));line-height:1.35;text-align:center;overflow-wrap:anywhere}
html.hs-elder .hs-section li{width:50%}
/* A word too wide for a tile's line (Reimbursement) is set a size smaller, as the app does, rather than cut. */
html:not(.hs-elder) .hs-title .hs-long{font-size:calc(20*var(--u))}
html.hs-elder .hs-title{font-size:calc(36*var(--u))}
html.hs-elder .hs-section h2,html.hs-elder .hs-head{font-size:calc(40*var(--u))}
`
  .trim()
  .replace(/\n/g, '');

/**
 * The build's index.html with the shell: its CSS at the end of <head>, its markup first in
 * <body> (before the app's root). The app's stylesheets move from <head> to just after the
 * shell: one in <head> holds back the first paint of the whole page until it has arrived
 * (another round trip on 3G), one in <body> only what follows it, i.e. the app. The app's
 * deferred scripts still wait for them before they run.
 */
export function withShell(indexHtml: string, shell: string): string {
  const stylesheets: string[] = [];
  const head = indexHtml.replace(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/g, (link) => {
    stylesheets.push(link);
    return '';
  });
  return head
    .replace('</head>', `<style>${CSS}</style></head>`)
    .replace(/<body([^>]*)>/, `<body$1>${shell}${stylesheets.join('')}`);
}

/** The region the build's home query asks for (index.html's preload, miniapp config/homePreload.ts), so the shell shows the same tiles. */
export function buildRegion(indexHtml: string): string | null {
  const key = /__citizenHomePreload=\{key:("(?:[^"\\]|\\.)*")/.exec(indexHtml)?.[1];
  if (!key) return null;
  try {
    const variables = JSON.parse(JSON.parse(key) as string) as { region?: string | null };
    return variables.region ?? null;
  } catch {
    return null;
  }
}

interface Rendered {
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/**
 * Answers GET / and /index.html with the shell; every other path (and a build without
 * index.html) goes on to the static files. Without its tiles (the database unreachable)
 * the plain index.html is served: the app then asks and explains as it always did.
 */
export function homeShell(staticDir: string, source: HomeShellSource, logger: Logger): Koa.Middleware {
  const file = path.join(staticDir, 'index.html');
  // Read once: the build does not change under a running instance (a deploy restarts it).
  let build: { html: string; region: string | null } | null = null;
  // One rendering per cached tile list: the cache hands out the same array until a publish or its expiry.
  const rendered = new WeakMap<TileRow[], Promise<Rendered>>();

  const render = async (html: string, tiles: TileRow[]): Promise<Rendered> => {
    const page = Buffer.from(withShell(html, renderShell(tiles, await source.categories())));
    return {
      etag: `W/"${createHash('sha256').update(page).digest('base64url').slice(0, 27)}"`,
      identity: page,
      br: zlib.brotliCompressSync(page, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
      gzip: zlib.gzipSync(page, { level: 9 }),
    };
  };

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || (ctx.path !== '/' && ctx.path !== '/index.html'))
      return next();
    if (build === null) {
      if (!fs.existsSync(file)) return next();
      const html = fs.readFileSync(file, 'utf8');
      build = { html, region: buildRegion(html) };
    }
    let page: Rendered;
    try {
      const tiles = await source.tiles(build.region);
      let pending = rendered.get(tiles);
      if (!pending) {
        pending = render(build.html, tiles);
        rendered.set(tiles, pending);
        pending.catch(() => rendered.delete(tiles));
      }
      page = await pending;
    } catch (error) {
      logger.warn({ err: error }, 'home shell not rendered: serving index.html without it');
      return next();
    }
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('Vary', 'Accept-Encoding');
    ctx.etag = page.etag;
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    const encoding = ctx.acceptsEncodings('br', 'gzip', 'identity');
    if (encoding === 'br' || encoding === 'gzip') ctx.set('Content-Encoding', encoding);
    ctx.body = encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity;
  };
}
