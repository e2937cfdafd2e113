import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Citizens, startBff, startMockData, testDatabases, waitFor, type MockData, type RunningBff } from './helpers';
import { sendCarMove } from '../../test-support/car-move';

jest.setTimeout(60_000);

const PRODUCTION = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://citizen.example.gov.cn',
  SESSION_SECRET: 'Qm9vdHN0cmFwLXNlc3Npb24tc2VjcmV0LTIwMjYtIQ',
  DATA_ENCRYPTION_KEY: 'kT1o3v0mC8f9yq2Xh5b6N4s7LrP0aZeW1dJgQxYuVcA=',
  ID_HASH_KEY: 'id-hash-7Hq2Lm9xPz4Rt8Vb1Nc6Wk3Ys5Ud0Fg',
  // Production refuses the development Alipay key in the repository: the app's own.
  ALIPAY_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'der' })
    .toString('base64'),
};

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A throwaway redis-server of the test's own (no persistence), ready when this resolves. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return child;
}
async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const post = (url: string, contentType: string, body: string | FormData, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType, ...headers } : headers,
    body,
  });
const MUTATION = 'mutation { logout }';

describe('HTTP edges', () => {
  let mock: MockData;
  beforeAll(async () => {
    mock = await startMockData();
  });
  afterAll(async () => {
    await mock?.stop();
  });

  describe.each(testDatabases().map((d) => [d.name, d] as const))('on %s', (_name, database) => {
    let bff: RunningBff;
    let staticDir: string;
    beforeAll(async () => {
      // An H5 build in miniature: Taro's index.html carries one inline script (its rem setter).
      staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'));
      fs.writeFileSync(
        path.join(staticDir, 'index.html'),
        '<!doctype html><html><head><script>document.documentElement.style.fontSize="20px"</script><script defer src="/js/app.js"></script></head><body></body></html>',
      );
      bff = await startBff({
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        SERVE_H5: 'true',
        STATIC_DIR: staticDir,
        CORS_ORIGINS: 'https://partner.example.gov.cn',
      });
    });
    afterAll(async () => {
      await bff?.stop();
      await database.cleanup();
      fs.rmSync(staticDir, { recursive: true, force: true });
    });
    afterEach(() => mock.resetFaults());

    it('takes JSON only: form, multipart and text/plain bodies are 415 and run nothing', async () => {
      const form = new FormData();
      form.set('query', MUTATION);
      const refused = await Promise.all([
        post(bff.url, 'application/x-www-form-urlencoded', `query=${encodeURIComponent(MUTATION)}`),
        post(bff.url, '', form),
        post(bff.url, 'text/plain', JSON.stringify({ query: MUTATION })),
        post(bff.url, 'text/plain;charset=UTF-8', JSON.stringify({ query: '{ serviceCategories { id } }' })),
      ]);
      expect(refused.map((r) => r.status)).toEqual([415, 415, 415, 415]);
      expect((await refused[0]!.json()).errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      const json = await post(
        bff.url,
        'application/json; charset=utf-8',
        JSON.stringify({ query: '{ serviceCategories { id } }' }),
        { accept: 'application/graphql-response+json' },
      );
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toContain('application/graphql-response+json');
      expect(json.headers.get('cache-control')).toBe('no-store');
      expect((await json.json()).data.serviceCategories.length).toBeGreaterThan(5);
    });

    it('reads a GraphQL body within GRAPHQL_MAX_BODY_BYTES: past it 413 REQUEST_TOO_LARGE, declared or streamed; bad or empty JSON 400', async () => {
      const query = '{ serviceCategories { id } }';
      // Just under the default 1,000,000 bytes with a variable the query ignores: answered.
      const padded = (bytes: number) => {
        const base = JSON.stringify({ query, variables: { pad: '' } });
        return JSON.stringify({ query, variables: { pad: 'x'.repeat(bytes - base.length) } });
      };
      const under = await post(bff.url, 'application/json', padded(999_000));
      expect([under.status, (await under.json()).data?.serviceCategories.length > 5]).toEqual([200, true]);
      const over = await post(bff.url, 'application/json', padded(1_000_100));
      expect([over.status, (await over.json()).errors[0].extensions.code]).toEqual([413, 'REQUEST_TOO_LARGE']);
      // Streamed (chunked, no Content-Length): cut off at the limit all the same.
      const chunks = padded(1_200_000);
      const streamed = await fetch(`${bff.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < chunks.length; i += 100_000)
              controller.enqueue(new TextEncoder().encode(chunks.slice(i, i + 100_000)));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.headers.get('content-length') === null || streamed.status === 413).toBe(true);
      expect([streamed.status, (await streamed.json()).errors[0].extensions.code]).toEqual([413, 'REQUEST_TOO_LARGE']);
      // Not JSON, empty, not one object: 400 GRAPHQL_PARSE_FAILED. No query at all: Yoga's own error (200 for application/json).
      for (const bad of ['{"query": ', '', '  ', '[]', '[{"query":"{ __typename }"}]', '"{ __typename }"', '42']) {
        const answer = await post(bff.url, 'application/json', bad);
        const body = await answer.json();
        expect([bad, answer.status, body.errors[0].extensions.code]).toEqual([bad, 400, 'GRAPHQL_PARSE_FAILED']);
      }
      const empty = await post(bff.url, 'application/json', '{}');
      expect([empty.status, (await empty.json()).data ?? null]).toEqual([200, null]);
      // The connection a refused body was cut on is closed; the next request on a new one is answered.
      const after = await post(bff.url, 'application/json', JSON.stringify({ query }));
      expect((await after.json()).data.serviceCategories.length).toBeGreaterThan(5);
    });

    it('sends a JSON answer whole, with its length; an event stream still streams', async () => {
      const json = await post(bff.url, 'application/json', JSON.stringify({ query: '{ serviceCategories { id } }' }));
      const text = await json.text();
      expect(json.headers.get('transfer-encoding')).toBeNull();
      expect(json.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      expect(JSON.parse(text).data.serviceCategories.length).toBeGreaterThan(5);
      const events = await post(
        bff.url,
        'application/json',
        JSON.stringify({ query: '{ serviceCategories { id } }' }),
        { accept: 'text/event-stream' },
      );
      expect(events.headers.get('content-type')).toContain('text/event-stream');
      expect(events.headers.get('transfer-encoding')).toBe('chunked');
      expect(await events.text()).toContain('"serviceCategories"');
    });

    it('answers a foreign origin without CORS headers, and an allowed one with its own origin', async () => {
      const foreign = await post(
        bff.url,
        'application/json',
        JSON.stringify({ query: '{ serviceCategories { id } }' }),
        { origin: 'https://evil.example.com' },
      );
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      expect(foreign.headers.get('access-control-allow-credentials')).toBeNull();
      const preflight = await fetch(`${bff.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      for (const origin of ['https://partner.example.gov.cn', 'http://127.0.0.1:4000']) {
        const allowed = await fetch(`${bff.url}/graphql`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,authorization',
          },
        });
        expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
        expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
        expect(allowed.headers.get('vary')).toMatch(/Origin/i);
      }
    });

    it('serves the H5 app with a CSP that allows its own scripts and the hashed inline one, never unsafe-inline', async () => {
      const page = await fetch(`${bff.url}/`);
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy')!;
      const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
      expect(scriptSrc).toMatch(/^'self' 'sha256-[A-Za-z0-9+/]+=*'$/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('permissions-policy')).toContain('camera=()');
      // The API answers carry them too.
      const api = await post(bff.url, 'application/json', JSON.stringify({ query: '{ serviceCategories { id } }' }));
      expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('stays ready with an agency down (that is the operators’ board and /metrics)', async () => {
      await mock.fault('population', { mode: 'down' });
      await mock.fault('vehicle', { mode: 'hang' });
      const started = Date.now();
      const ready = await fetch(`${bff.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'ok' });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('out-of-range dates are BAD_USER_INPUT, never internal errors', async () => {
      const slots = await bff.gql(
        'query($d: String!) { appointmentSlots(hallId: "citizen-centre", serviceId: "marriage-appointment", date: $d) { time } }',
        { d: '275760-09-13' },
      );
      expect(slots.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
      for (const d of ['2026-02-30', '99999-01-01', '+275760-09-13']) {
        const again = await bff.gql(
          'query($d: String!) { appointmentSlots(hallId: "citizen-centre", serviceId: "marriage-appointment", date: $d) { time } }',
          { d },
        );
        expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    });

    it('answers 503 on /readyz when the database is gone', async () => {
      const other = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url });
      expect((await fetch(`${other.url}/readyz`)).status).toBe(200);
      await other.built.database.close();
      const gone = await fetch(`${other.url}/readyz`);
      expect(gone.status).toBe(503);
      expect(await gone.json()).toMatchObject({ status: 'not ready', database: 'unreachable' });
      other.built.database.close = async () => undefined;
      await other.stop();
    });
  });

  describe('in production', () => {
    let bff: RunningBff;
    const [database] = testDatabases();
    beforeAll(async () => {
      bff = await startBff({
        ...(await database!.env()),
        ...PRODUCTION,
        AGENCY_BASE_URL: mock.url,
        METRICS_TOKEN: 'scrape-token-0123456789',
      });
    });
    afterAll(async () => {
      await bff?.stop();
      await database!.cleanup();
    });

    it('says no "Did you mean" for fields, enum values, input fields or arguments', async () => {
      const answers = await Promise.all([
        bff.gql('{ serviceCategorie { id } }'),
        bff.gql('{ serviceTiles(platform: WECHA) { id } }'),
        bff.gql('query($p: Platform!) { serviceTiles(platform: $p) { id } }', { p: 'WECHA' }),
        bff.gql('mutation($t: TileInput!) { saveTileDraft(tile: $t, expectedRevision: 0) { revision } }', {
          t: { titl: 'x' },
        }),
        bff.gql('{ serviceTiles(platfor: WECHAT) { id } }'),
      ]);
      for (const { status, body } of answers) {
        expect(status).toBeLessThan(500);
        expect(body.errors!.length).toBeGreaterThan(0);
        for (const error of body.errors!) {
          expect(error.message).not.toMatch(/Did you mean/i);
          expect(error.extensions?.code).toBeDefined();
        }
      }
    });

    it('shows /metrics only to the holder of METRICS_TOKEN', async () => {
      expect((await fetch(`${bff.url}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${bff.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status,
      ).toBe(401);
      const scraped = await fetch(`${bff.url}/metrics`, {
        headers: { authorization: 'Bearer scrape-token-0123456789' },
      });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('# HELP');
    });
  });

  describe('with Redis coming and going', () => {
    let port: number;
    let redis: ChildProcess | undefined;
    let bff: RunningBff;
    const [database] = testDatabases();
    let plates: string[];
    beforeAll(async () => {
      port = await freePort();
      plates = (await mock.json('/vehicle/dev/vehicles?count=5&offset=290')).vehicles.map(
        (v: { plate: string }) => v.plate,
      );
    });
    afterAll(async () => {
      await bff?.stop();
      if (redis) await stopRedis(redis);
      await database!.cleanup();
    });

    const ready = async () => (await fetch(`${bff.url}/readyz`)).status;
    const request = (token: string, plate: string) =>
      sendCarMove(
        bff,
        'mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id status } }',
        {
          input: {
            plate,
            reason: 'BLOCKING_EXIT',
            place: '天河路 1 号',
            idempotencyKey: `key-${Date.now()}-${plate.length}`,
          },
        },
        token,
      );

    it('starts without Redis, not ready; becomes ready when Redis comes; a lost Redis is SERVICE_UNAVAILABLE and 503 until it is back', async () => {
      bff = await startBff({
        ...(await database!.env()),
        AGENCY_BASE_URL: mock.url,
        REDIS_URL: `redis://127.0.0.1:${port}`,
      });
      expect(await ready()).toBe(503);
      expect(await (await fetch(`${bff.url}/readyz`)).json()).toMatchObject({ redis: 'unreachable', database: 'ok' });

      redis = await startRedis(port);
      await waitFor(ready, (status) => status === 200);
      const citizens = new Citizens(bff, mock, 600);
      const requester = await citizens.verified();
      await citizens.bindPhone(requester, `137${String(Date.now()).slice(-8)}`);
      const first = await request(requester.accessToken, plates[0]!);
      expect(first.body.errors).toBeUndefined();

      await stopRedis(redis);
      await waitFor(ready, (status) => status === 503);
      const lost = await request(requester.accessToken, plates[1]!);
      expect(lost.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(bff.logs.join('\n')).not.toContain(`redis://127.0.0.1:${port}`);

      redis = await startRedis(port);
      await waitFor(ready, (status) => status === 200);
      const back = await request(requester.accessToken, plates[1]!);
      expect(back.body.errors).toBeUndefined();
    });
  });
});
