import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import {
  Citizens,
  operatorToken,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
} from './helpers';
import { homePreloadScript } from '../../miniapp/config/homePreload';

jest.setTimeout(60_000);

/** A GET with the raw bytes as sent (fetch would undo the Content-Encoding). */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const APP_JS = `/* app */ ${'console.log("城市通 home tiles");\n'.repeat(400)}`;

/**
 * The H5 build as the BFF serves it: a miniature build laid out like Taro's (index.html
 * with its inline scripts, js/ and css/ with content hashes, each file's .br and .gz
 * beside it, as compression-webpack-plugin writes them).
 */
describe.each(testDatabases().map((d) => [d.name, d] as const))('H5 delivery (%s)', (_name, database) => {
  let mock: MockData;
  let bff: RunningBff;
  let staticDir: string;
  let indexHtml: string;
  // The build's third inline script: the citizen's language and elder mode as classes on <html> (miniapp/src/index.html).
  const preferencesScript = /<script>(!function\(d\)\{try\{var p=[^<]*)<\/script>/.exec(
    fs.readFileSync(path.join(__dirname, '../../miniapp/src/index.html'), 'utf8'),
  )![1]!;

  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-delivery-'));
    fs.mkdirSync(path.join(staticDir, 'js'));
    fs.mkdirSync(path.join(staticDir, 'css'));
    indexHtml = `<!doctype html><html><head><script>document.documentElement.style.fontSize="20px"</script><script>${homePreloadScript()}</script><script>${preferencesScript}</script><script defer src="/js/app.3827f39c.js"></script><link href="/css/app.9330db5d.css" rel="stylesheet"></head><body><div id="app"></div></body></html>`;
    const files: Record<string, string> = {
      'index.html': indexHtml,
      'js/app.3827f39c.js': APP_JS,
      'css/app.9330db5d.css': '.home{color:#1a1a1a}\n'.repeat(200),
    };
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(staticDir, name);
      fs.writeFileSync(file, text);
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
      fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    }
    mock = await startMockData();
    // A long tile cache: the shell must change on publish because the cache is cleared, not because it expired.
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      SERVE_H5: 'true',
      STATIC_DIR: staticDir,
      TILE_CACHE_MS: '60000',
    });
  });
  afterAll(async () => {
    await bff?.stop();
    await mock?.stop();
    await database.cleanup();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('sends the brotli file to a browser that accepts br, with Content-Encoding and Vary', async () => {
    const res = await get(`${bff.url}/js/app.3827f39c.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.body.equals(fs.readFileSync(path.join(staticDir, 'js/app.3827f39c.js.br')))).toBe(true);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(APP_JS);
    expect(res.body.length).toBeLessThan(APP_JS.length / 10);
  });

  it('sends the gzip file to one that accepts gzip only, and the plain file to one that accepts neither', async () => {
    const gz = await get(`${bff.url}/js/app.3827f39c.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['vary']).toMatch(/accept-encoding/i);
    expect(zlib.gunzipSync(gz.body).toString()).toBe(APP_JS);
    const plain = await get(`${bff.url}/js/app.3827f39c.js`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_JS);
  });

  it('caches hashed assets for a year as immutable, and revalidates index.html on every load', async () => {
    for (const asset of ['/js/app.3827f39c.js', '/css/app.9330db5d.css']) {
      const res = await get(`${bff.url}${asset}`, { 'accept-encoding': 'br' });
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    for (const page of ['/', '/index.html']) {
      const res = await get(`${bff.url}${page}`, { 'accept-encoding': 'br, gzip' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      const html = zlib.brotliDecompressSync(res.body).toString();
      // The build's page with the home shell in it: its scripts as built (so their CSP hashes hold).
      for (const script of html.match(/<script[^>]*>[\s\S]*?<\/script>/g)!) expect(indexHtml).toContain(script);
      expect(html).toContain('<div id="home-shell">');
      // Not from the build: the app's page is what every other path gets.
      expect((await get(`${bff.url}/js/app.3827f39c.js`, { 'accept-encoding': 'identity' })).body.toString()).toBe(
        APP_JS,
      );
    }
    // The same page in each encoding.
    const plain = (await get(`${bff.url}/`, { 'accept-encoding': 'identity' })).body.toString();
    expect(zlib.gunzipSync((await get(`${bff.url}/`, { 'accept-encoding': 'gzip' })).body).toString()).toBe(plain);
  });

  it('keeps the security headers, and the CSP allows the home preload script by its hash', async () => {
    const res = await get(`${bff.url}/`, { 'accept-encoding': 'gzip' });
    const csp = String(res.headers['content-security-policy']);
    const hash = createHash('sha256').update(homePreloadScript(), 'utf8').digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    // Taro's rem setter, the preload and the preferences: three hashes, and every inline script of the page served is one of them.
    expect(scriptSrc.match(/'sha256-/g)).toHaveLength(3);
    const html = (await get(`${bff.url}/`, { 'accept-encoding': 'identity' })).body.toString();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(3);
    for (const script of inline)
      expect(scriptSrc).toContain(`'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // The preload asks /graphql for the home screen: the same answer the app would get.
    const query = JSON.parse(JSON.parse(/body:("(?:[^"\\]|\\.)*")/.exec(homePreloadScript())![1]!)) as {
      query: string;
      variables: unknown;
    };
    const answer = await bff.gql(query.query, query.variables as Record<string, unknown>);
    expect(answer.body.data.serviceTiles.length).toBeGreaterThan(20);
  });

  describe('the home shell at /', () => {
    const PUBLISH = 'mutation($id: ID!, $r: Int!) { publishTile(id: $id, expectedRevision: $r) { state } }';
    const UNPUBLISH = 'mutation($id: ID!) { unpublishTile(id: $id) { state } }';
    const SAVE = 'mutation($t: TileInput!, $r: Int!) { saveTileDraft(tile: $t, expectedRevision: $r) { revision } }';
    const LIVE = '{ serviceTiles(platform: H5) { id title titleEn target { kind value } } }';
    const page = async (headers: Record<string, string> = {}) => {
      const res = await get(`${bff.url}/`, { 'accept-encoding': 'identity', ...headers });
      return { ...res, html: res.body.toString() };
    };
    const shellTiles = (html: string) =>
      [
        ...html.matchAll(
          /<a class="hs-tile" href="([^"]*)"[^>]*>[\s\S]*?<span class="hs-zh" lang="zh-CN">([^<]*)<\/span><span class="hs-en( hs-long)?" lang="en">([^<]*)<\/span>/g,
        ),
      ].map((m) => ({ href: decode(m[1]!), title: m[2]!, titleEn: m[4]!, longWord: m[3] !== undefined }));
    // The shell escapes as numeric references (&#38; for &).
    const decode = (attribute: string) =>
      attribute.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

    it('carries the tiles the home query gives before sign-in, in both languages, each a link to where the tile goes', async () => {
      const live = (await bff.gql(LIVE)).body.data.serviceTiles as Array<{
        id: string;
        title: string;
        titleEn: string;
        target: { kind: string; value: string };
      }>;
      const { html } = await page();
      const shown = shellTiles(html);
      expect(shown.map((t) => t.title)).toEqual(live.map((t) => t.title));
      expect(shown.map((t) => t.titleEn)).toEqual(live.map((t) => t.titleEn));
      // An English title with a word too wide for a tile's line is marked to be set smaller, as the app's tiles are.
      expect(shown.filter((t) => t.longWord).map((t) => t.titleEn)).toContain('Reimbursement progress');
      expect(shown.filter((t) => t.longWord).map((t) => t.titleEn)).not.toContain('Provident fund balance');
      const service = live.findIndex((t) => t.target.kind === 'SERVICE');
      expect(shown[service]!.href).toBe(
        `/#/pages/service/index?id=${encodeURIComponent(live[service]!.target.value)}&title=${encodeURIComponent(live[service]!.title)}`,
      );
      const page_ = live.findIndex((t) => t.target.kind === 'PAGE');
      expect(shown[page_]!.href).toBe(`/#${live[page_]!.target.value}`);
      // The shell comes before the app's root, and the app's stylesheet after the shell (so it does not hold back its first paint).
      expect(html.indexOf('id="home-shell"')).toBeLessThan(html.indexOf('<div id="app">'));
      expect(html.indexOf('</head>')).toBeLessThan(html.indexOf('/css/app.9330db5d.css'));
      expect(html.indexOf('</main>')).toBeLessThan(html.indexOf('/css/app.9330db5d.css'));
    });

    it('changes, with its ETag, when a tile is published or unpublished; an unchanged page is a 304', async () => {
      const publisher = await operatorToken(bff, 'shell-publisher', 'publisher');
      const editor = await operatorToken(bff, 'shell-editor', 'editor');
      const before = await page();
      const etag = String(before.headers.etag);
      expect(etag).toMatch(/^W\/"[\w-]+"$/);
      expect(before.headers['cache-control']).toBe('no-cache');
      expect((await page({ 'if-none-match': etag })).status).toBe(304);

      // A title that must be escaped: the shell carries it as text, never as markup.
      const id = `shell-${Date.now().toString(36)}`;
      const tile = {
        id,
        title: '<b>公积金&"提取"',
        titleEn: 'Fund </a><script>x()</script>',
        icon: 'fund',
        categoryId: 'provident-fund',
        line: 'DO',
        target: { kind: 'SERVICE', value: 'pf-balance' },
        platforms: ['H5'],
        regions: [],
        requiredLevel: 0,
        order: 1,
      };
      expect((await bff.gql(SAVE, { t: tile, r: 0 }, editor)).body.errors).toBeUndefined();
      expect((await bff.gql(PUBLISH, { id, r: 1 }, publisher)).body.data.publishTile.state).toBe('PUBLISHED');
      const published = await page({ 'if-none-match': etag });
      expect(published.status).toBe(200);
      expect(published.headers.etag).not.toBe(etag);
      expect(published.html).toContain('&#60;b&#62;公积金&#38;&#34;提取&#34;');
      expect(published.html).toContain('Fund &#60;/a&#62;&#60;script&#62;x()&#60;/script&#62;');
      expect(published.html).not.toContain('<b>');
      expect(published.html).not.toContain('<script>x()');
      expect(
        shellTiles(published.html).some((t) => t.titleEn === 'Fund &#60;/a&#62;&#60;script&#62;x()&#60;/script&#62;'),
      ).toBe(true);

      expect((await bff.gql(UNPUBLISH, { id }, publisher)).body.data.unpublishTile.state).toBe('UNPUBLISHED');
      const unpublished = await page({ 'if-none-match': String(published.headers.etag) });
      expect(unpublished.status).toBe(200);
      expect(unpublished.html).not.toContain('&#60;b&#62;');
      expect(unpublished.headers.etag).toBe(etag);
      expect(unpublished.html).toBe(before.html);
    });

    it('is the same page for a signed-in citizen: nothing of theirs is in it', async () => {
      const citizen = await new Citizens(bff, mock).verified();
      const anonymous = await page();
      const signedIn = await page({
        authorization: `Bearer ${citizen.accessToken}`,
        cookie: `session=${citizen.accessToken}`,
      });
      expect(signedIn.headers.etag).toBe(anonymous.headers.etag);
      expect(signedIn.html).toBe(anonymous.html);
      expect(signedIn.html).not.toContain(citizen.person.name);
      expect(signedIn.html).not.toContain(citizen.person.idNumber);
      expect(signedIn.headers['set-cookie']).toBeUndefined();
    });
  });

  it('leaves GraphQL answers uncached', async () => {
    const res = await fetch(`${bff.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serviceCategories { id } }' }),
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
