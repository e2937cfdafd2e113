import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { startBff, startMockData, testDatabases, type MockData, type RunningBff } from './helpers';
import { homePreloadScript } from '../../miniapp/config/homePreload';

jest.setTimeout(60_000);

/** A GET with the raw bytes as sent (fetch would undo the Content-Encoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
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

  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-delivery-'));
    fs.mkdirSync(path.join(staticDir, 'js'));
    fs.mkdirSync(path.join(staticDir, 'css'));
    indexHtml = `<!doctype html><html><head><script>document.documentElement.style.fontSize="20px"</script><script>${homePreloadScript()}</script><script defer src="/js/app.3827f39c.js"></script><link href="/css/app.9330db5d.css" rel="stylesheet"></head><body><div id="app"></div></body></html>`;
    const files: Record<string, string> = { 'index.html': indexHtml, 'js/app.3827f39c.js': APP_JS, 'css/app.9330db5d.css': '.home{color:#1a1a1a}\n'.repeat(200) };
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(staticDir, name);
      fs.writeFileSync(file, text);
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
      fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    }
    mock = await startMockData();
    bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url, SERVE_H5: 'true', STATIC_DIR: staticDir });
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
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(zlib.brotliDecompressSync(res.body).toString()).toBe(indexHtml);
    }
  });

  it('keeps the security headers, and the CSP allows the home preload script by its hash', async () => {
    const res = await get(`${bff.url}/`, { 'accept-encoding': 'gzip' });
    const csp = String(res.headers['content-security-policy']);
    const hash = createHash('sha256').update(homePreloadScript(), 'utf8').digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    // Taro's rem setter and the preload: two hashes.
    expect(scriptSrc.match(/'sha256-/g)).toHaveLength(2);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // The preload asks /graphql for the home screen: the same answer the app would get.
    const query = JSON.parse(JSON.parse(/body:("(?:[^"\\]|\\.)*")/.exec(homePreloadScript())![1]!)) as { query: string; variables: unknown };
    const answer = await bff.gql(query.query, query.variables as Record<string, unknown>);
    expect(answer.body.data.serviceTiles.length).toBeGreaterThan(20);
  });

  it('leaves GraphQL answers uncached', async () => {
    const res = await fetch(`${bff.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ serviceCategories { id } }' }) });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
