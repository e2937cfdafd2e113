import os from 'node:os';
import autocannon from 'autocannon';
import { DashboardDocument } from '../../shared/src/graphql/generated';
import { startBffProcess, startMockData, type MockData } from '../../test-support/stack';
import { VERIFY_REAL_NAME } from '../../test-support/policies';

/**
 * 我的 dashboard (BENCH_ONLY=dashboard): the Dashboard operation of a verified citizen
 * against a BFF process over simulated agencies that each add 50 ms. The goal is p99 at
 * one connection ≤ 1.15× the slowest agency (each agency touched is read once, all in
 * parallel, so the dashboard should cost about one agency round trip), and agency calls
 * per query = agencies touched, counted by the agencies at /admin/calls.
 */
const AGENCY_LATENCY_MS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTION_LEVELS = (process.env.BENCH_CONNECTIONS ?? '1,10').split(',').map(Number);
const GOAL = 1.15;

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

/** Agency calls made for queries: background work (health checks, event feeds polled on timers, simulator routes) left out. */
async function queryCalls(mock: MockData): Promise<Map<string, number>> {
  const { calls } = (await mock.json('/admin/calls')) as { calls: Record<string, number> };
  return new Map(
    Object.entries(calls).filter(
      ([route]) => !/\/dev\/|\/healthz$|\/v1\/events$|\/v1\/feed|\/openapi\.json$/.test(route),
    ),
  );
}

function callsBetween(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const diff = new Map<string, number>();
  for (const [route, n] of after) if (n > (before.get(route) ?? 0)) diff.set(route, n - (before.get(route) ?? 0));
  return diff;
}

/** A citizen verified by real name (level 2, what the records need) on a simulated WeChat account. */
async function verifiedCitizen(bffUrl: string, mock: MockData): Promise<string> {
  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${bffUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const [person] = (await mock.json('/population/dev/people?count=1&offset=40&has=provident-fund,social-insurance'))
    .people;
  const { code } = await mock.json('/wechat/dev/login-code', {
    method: 'POST',
    body: JSON.stringify({ user: `bench-dashboard-${Date.now()}` }),
  });
  const token = (await gql('mutation($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }', { c: code }))
    .login.accessToken as string;
  await gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, token);
  return token;
}

export async function dashboardBench(): Promise<void> {
  const mock = await startMockData({
    MOCK_LATENCY_MS: String(AGENCY_LATENCY_MS),
    MOCK_PEOPLE: '10000',
    MOCK_VEHICLES: '5000',
    MOCK_DEPARTMENT_PACE_MS: '0',
  });
  // Feeds are polled rarely here, so what reaches the agencies during a run is the dashboard's own calls.
  const bff = await startBffProcess({
    AGENCY_BASE_URL: mock.url,
    SERVE_H5: 'false',
    LOG_LEVEL: 'warn',
    DEPARTMENT_POLL_MS: '600000',
    HOTLINE_POLL_MS: '600000',
  });
  try {
    const token = await verifiedCitizen(bff.url, mock);
    const body = JSON.stringify({ query: DashboardDocument.toString(), variables: {} });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

    // One query first: which agencies it touches, by route, and that it answers whole.
    const before = await queryCalls(mock);
    const warm = (await (await fetch(`${bff.url}/graphql`, { method: 'POST', headers, body })).json()) as {
      data?: { dashboard: { summaries: unknown[] } };
      errors?: unknown;
    };
    if (!warm.data || warm.errors) throw new Error(`dashboard failed: ${JSON.stringify(warm).slice(0, 300)}`);
    const touched = callsBetween(before, await queryCalls(mock));
    const agencies = [...new Set([...touched.keys()].map((route) => route.split(' ')[1]!.split('/')[1]!))].sort();

    // The slowest agency, measured directly: 50 sequential health checks of each agency touched.
    let slowest = { agency: '', p50: 0, p99: 0 };
    for (const agency of agencies) {
      const times: number[] = [];
      for (let i = 0; i < 50; i++) {
        const started = performance.now();
        await fetch(`${mock.url}/${agency}/healthz`).then((r) => r.text());
        times.push(performance.now() - started);
      }
      const p99 = percentile(times, 99);
      if (p99 > slowest.p99) slowest = { agency, p50: percentile(times, 50), p99 };
    }

    console.log(
      `\n我的 dashboard (Dashboard of a verified citizen), agencies +${AGENCY_LATENCY_MS} ms each, ${DURATION_S} s per run`,
    );
    console.log(`  agencies touched by one query: ${agencies.length} (${agencies.join(', ')})`);
    console.log(
      `  routes of one query:           ${[...touched].map(([route, n]) => `${route}${n > 1 ? ` ×${n}` : ''}`).join(', ')}`,
    );
    console.log(
      `  slowest agency p50 / p99:      ${slowest.p50.toFixed(1)} ms / ${slowest.p99.toFixed(1)} ms (${slowest.agency}, measured directly)`,
    );
    // On a shared 2-core machine the BFF's own share of the time grows with the load.
    console.log(`  load average (1 min):          ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
    for (const connections of CONNECTION_LEVELS) {
      const callsBefore = await queryCalls(mock);
      const result = await autocannon({
        url: `${bff.url}/graphql`,
        method: 'POST',
        headers,
        body,
        connections,
        duration: DURATION_S,
      });
      const byRoute = callsBetween(callsBefore, await queryCalls(mock));
      const calls = [...byRoute.values()].reduce((n, c) => n + c, 0);
      const total = result.requests.total;
      // Routes called more or less often than once a query (retries, background sweeps), named so a reader can tell.
      const odd = [...byRoute].filter(([, n]) => n !== total).map(([route, n]) => `${route} ${n}`);
      const ratio = result.latency.p99 / slowest.p99;
      console.log(`  ${connections} connection(s):`);
      console.log(
        `    requests:                    ${total} (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`,
      );
      console.log(`    latency p50 / p99:           ${result.latency.p50} ms / ${result.latency.p99} ms`);
      console.log(
        `    p99 / slowest agency p99:    ${ratio.toFixed(2)}${connections === 1 ? ` (goal ≤ ${GOAL}: ${ratio <= GOAL ? 'met' : 'NOT met'})` : ''}`,
      );
      console.log(`    p50 / slowest agency p50:    ${(result.latency.p50 / slowest.p50).toFixed(2)}`);
      console.log(
        `    agency calls per query:      ${(calls / Math.max(total, 1)).toFixed(2)} (goal: ${agencies.length}, one batch call per agency touched)`,
      );
      if (odd.length) console.log(`    routes not called once a query: ${odd.join(', ')}`);
    }
  } finally {
    await bff.stop();
    await mock.stop();
  }
}
