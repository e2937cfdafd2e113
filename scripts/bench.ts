/**
 * Benchmarks. Prints figures; asserts nothing. Run with `npm run bench`.
 *
 * 1. Home query: the mini-program's HomeScreen operation against a real BFF process
 *    over simulated agencies that each add 50 ms. Reports latency percentiles,
 *    requests per second, agency calls per query (from the BFF's /metrics), and the
 *    BFF's latency over the slowest agency's (1.0 is the floor: the agency probes
 *    run in parallel, so the home screen should cost about one agency round trip).
 * 2. Package sizes: main package of each platform build against the 2 MB limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { HomeScreenDocument } from '../shared/src/graphql/generated';
import { startBffProcess, startMockData } from '../test-support/stack';
import { PACKAGE_LIMIT_BYTES, folderSize, packageSizes } from '../miniapp/scripts/packageSizes';

const ROOT = path.resolve(__dirname, '..');
const AGENCY_LATENCY_MS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
// One connection shows the floor (one agency round trip); ten show behaviour under load on this 2-core machine.
const CONNECTION_LEVELS = (process.env.BENCH_CONNECTIONS ?? '1,10').split(',').map(Number);

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

async function upstreamCalls(bffUrl: string): Promise<number> {
  const text = await (await fetch(`${bffUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('bff_upstream_calls_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

async function homeQuery(): Promise<void> {
  const mock = await startMockData({ MOCK_LATENCY_MS: String(AGENCY_LATENCY_MS), MOCK_PEOPLE: '10000', MOCK_VEHICLES: '5000' });
  const bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, SERVE_H5: 'false', LOG_LEVEL: 'warn' });
  try {
    // The slowest agency as the BFF sees it: 50 sequential calls to its health check.
    const agencyTimes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const started = performance.now();
      await fetch(`${mock.url}/vehicle/healthz`).then((r) => r.text());
      agencyTimes.push(performance.now() - started);
    }
    const body = JSON.stringify({ query: HomeScreenDocument.toString(), variables: { platform: 'H5', region: '440305' } });
    const warm = await fetch(`${bff.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const warmBody = (await warm.json()) as { data?: { serviceTiles: unknown[] }; errors?: unknown };
    if (!warmBody.data || warmBody.errors) throw new Error(`home query failed: ${JSON.stringify(warmBody).slice(0, 300)}`);

    const agencyP50 = percentile(agencyTimes, 50);
    console.log(`\nHome query (HomeScreen, ${warmBody.data.serviceTiles.length} tiles), agencies +${AGENCY_LATENCY_MS} ms each, ${DURATION_S} s per run`);
    console.log(`  slowest agency p50:       ${agencyP50.toFixed(1)} ms (vehicle, measured directly)`);
    for (const connections of CONNECTION_LEVELS) {
      const callsBefore = await upstreamCalls(bff.url);
      const result = await autocannon({
        url: `${bff.url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body,
        connections, duration: DURATION_S,
      });
      const callsAfter = await upstreamCalls(bff.url);
      const total = result.requests.total;
      console.log(`  ${connections} connection(s):`);
      console.log(`    requests:               ${total} (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`);
      console.log(`    requests per second:    ${result.requests.average.toFixed(1)}`);
      console.log(`    latency p50 / p99:      ${result.latency.p50} ms / ${result.latency.p99} ms`);
      console.log(`    BFF p50 / agency p50:   ${(result.latency.p50 / agencyP50).toFixed(2)} (floor 1.0)`);
      console.log(`    BFF p99 / agency p50:   ${(result.latency.p99 / agencyP50).toFixed(2)}`);
      console.log(`    agency calls per query: ${((callsAfter - callsBefore) / Math.max(total, 1)).toFixed(2)} (one probe per distinct agency behind the tiles; identical probes in flight are shared)`);
    }
  } finally {
    await bff.stop();
    await mock.stop();
  }
}

function packageSizeReport(): void {
  console.log('\nPackage sizes (limit 2 MB = 2048 KB per package)');
  for (const type of ['weapp', 'alipay', 'swan', 'h5']) {
    const dist = path.join(ROOT, 'miniapp/dist', type);
    if (!fs.existsSync(dist) || (type !== 'h5' && !fs.existsSync(path.join(dist, 'app.json')))) {
      const built = spawnSync(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', type], { cwd: path.join(ROOT, 'miniapp'), stdio: 'ignore' });
      if (built.status !== 0) throw new Error(`taro build --type ${type} failed`);
    }
    if (type === 'h5') {
      console.log(`  h5      total ${(folderSize(dist) / 1024).toFixed(1)} KB`);
      continue;
    }
    const sizes = packageSizes(dist);
    const subs = Object.entries(sizes.subpackages).map(([root, size]) => `${root} ${(size / 1024).toFixed(1)} KB`).join(', ');
    console.log(`  ${type.padEnd(7)} main ${(sizes.main / 1024).toFixed(1)} KB (${((sizes.main / PACKAGE_LIMIT_BYTES) * 100).toFixed(1)}% of limit)${subs ? `; subpackages: ${subs}` : ''}`);
  }
}

async function main(): Promise<void> {
  await homeQuery();
  packageSizeReport();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
