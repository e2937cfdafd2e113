import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBff, startMockData, testDatabases, type MockData } from './helpers';
import { VERIFY_REAL_NAME } from '../../test-support/policies';

/**
 * Request ids in answers, agency calls and log lines; traces sent over OTLP/HTTP to a
 * collector (a local HTTP server here) when its endpoint is set; RED per operation.
 */
jest.setTimeout(60_000);

let mock: MockData;
let collector: http.Server;
let collectorUrl = '';
const received: string[] = [];
beforeAll(async () => {
  mock = await startMockData();
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(`${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await mock.stop();
  await new Promise((resolve) => collector.close(resolve));
});

describe.each(testDatabases())('observability on $name', (database) => {
  afterAll(() => database.cleanup());

  it('keeps the caller’s request id, logs it on every line of the request, and traces the operation, its agency calls and queries', async () => {
    const bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
      INSTANCE_ID: `test-${database.name}`,
    });
    let idNumber = '';
    let name = '';
    try {
      const requestId = `obs-${database.name}-${Date.now()}`;
      const { code } = await mock.json('/wechat/dev/login-code', {
        method: 'POST',
        body: JSON.stringify({ user: requestId }),
      });
      const response = await fetch(`${bff.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({
          query: 'mutation Login($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }',
          variables: { c: code },
        }),
      });
      expect(response.headers.get('x-request-id')).toBe(requestId);
      const token = (await response.json()).data.login.accessToken as string;
      expect(token).toBeTruthy();
      // An agency call with an ID number in its path (the register's relations): its span keeps the route, not the person.
      const [person] = (await mock.json('/population/dev/people?count=1&offset=40&has=minor-child')).people as Array<{
        idNumber: string;
        name: string;
      }>;
      idNumber = person!.idNumber;
      name = person!.name;
      const verified = await bff.gql(VERIFY_REAL_NAME, { n: person!.name, i: person!.idNumber }, token);
      expect(verified.body.errors).toBeUndefined();
      expect((await bff.gql('query { myFamily { relation } }', {}, token)).body.data.myFamily.length).toBeGreaterThan(
        0,
      );
      // A made-up id that is not one (spaces, too long) is replaced.
      const odd = await fetch(`${bff.url}/healthz`, { headers: { 'x-request-id': 'not an id' } });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      const lines = bff.logs.map((l) => JSON.parse(l)).filter((l) => l.requestId === requestId);
      expect(lines.some((l) => l.msg === 'request' && l.path === '/graphql')).toBe(true);

      const metrics = await fetch(`${bff.url}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/bff_graphql_operations_total\{type="mutation",operation="Login",outcome="ok"\} 1/);
      expect(metrics).toMatch(/bff_graphql_operation_seconds_count\{type="mutation",operation="Login"\} 1/);
    } finally {
      await bff.stop();
    }
    // Closing flushed the batch: the request, the operation, the wechat call and queries.
    const traces = received.filter((r) => r.startsWith('/v1/traces')).join('\n');
    expect(traces).toContain('POST /graphql');
    expect(traces).toContain('mutation.Login');
    expect(traces).toMatch(/"wechat (GET|POST)"/);
    expect(traces).toContain('db.query');
    // Nothing of the variables: the login code never leaves in a span.
    expect(traces).not.toContain('"c"');
    // Nor an ID number anywhere: not in a path (the route with :param instead), not in a resolver's arguments.
    expect(traces).toContain('/v1/relations/:param');
    expect(traces).not.toContain(idNumber);
    expect(traces).not.toContain(name);
  });

  it('sends the caller’s request id to every agency called for the request, and a new one to each request without', async () => {
    // A recording pass-through in front of the simulated agencies: what reaches an agency is what it sees.
    const seen: Array<{ path: string; requestId: string | undefined }> = [];
    const relay = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        seen.push({ path: req.url ?? '', requestId: req.headers['x-request-id'] as string | undefined });
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
        ) as Record<string, string>;
        const answer = await fetch(`${mock.url}${req.url}`, {
          method: req.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    });
    try {
      const requestId = `agency-${database.name}-${Date.now()}`;
      const { code } = await mock.json('/wechat/dev/login-code', {
        method: 'POST',
        body: JSON.stringify({ user: requestId }),
      });
      const login = (withId: string | null, loginCode: string) =>
        fetch(`${bff.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(withId ? { 'x-request-id': withId } : {}) },
          body: JSON.stringify({
            query: 'mutation Login($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }',
            variables: { c: loginCode },
          }),
        });
      const before = seen.length;
      expect((await (await login(requestId, code)).json()).data.login.accessToken).toBeTruthy();
      // The login's own calls (WeChat's code exchange) carry the id; background work (the agency
      // status probes, pollers) runs for no request and carries none, never another request's.
      const called = seen.slice(before);
      const forLogin = called.filter((call) => call.path.startsWith('/wechat/'));
      expect(forLogin.length).toBeGreaterThan(0);
      expect(forLogin.map((call) => call.requestId)).toEqual(forLogin.map(() => requestId));
      expect(called.filter((call) => call.requestId !== undefined && call.requestId !== requestId)).toEqual([]);
      // Without an id of its own, the request is given one, and its agency calls carry that.
      const second = await mock.json('/wechat/dev/login-code', {
        method: 'POST',
        body: JSON.stringify({ user: `${requestId}-2` }),
      });
      const after = seen.length;
      const answered = await login(null, second.code);
      const given = answered.headers.get('x-request-id');
      expect(given).toMatch(/^[0-9a-f-]{32,36}$/);
      const forSecond = seen.slice(after).filter((call) => call.path.startsWith('/wechat/'));
      expect(forSecond.length).toBeGreaterThan(0);
      expect(forSecond.map((call) => call.requestId)).toEqual(forSecond.map(() => given));
    } finally {
      await bff.stop();
      await new Promise((resolve) => relay.close(resolve));
    }
  });
});
