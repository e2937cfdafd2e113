import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  ApplicationFormDocument,
  DashboardDocument,
  HomeScreenDocument,
  MyLicencesDocument,
} from '../../shared/src/graphql/generated';
import { REPO, startMockData, startProcess, stopProcess, type MockData } from '../../test-support/stack';
import { citizen } from './citizen';
import { metricsHeaders, productionSettings } from './production';

/**
 * Throughput at 50 connections (BENCH_ONLY=throughput, issue 12): the home query
 * (anonymous) and the prefilled-form read of a signed-in citizen (three agencies, the
 * session check, masking), against a BFF process over simulated agencies that each add
 * 50 ms. Per run: requests per second, p50, p99, and the BFF's own CPU time per query
 * (bff_process_cpu_seconds_total on /metrics, before and after: what a query costs the
 * server, whatever else the machine is doing).
 *
 * BENCH_BASELINE_DIR=<another checkout> measures that checkout's BFF and this one against
 * the same agencies, back to back in the order baseline, this, this, baseline (so neither
 * gains from going second on a machine whose load drifts), and prints each run, the means
 * and their ratios: on a shared machine only a side-by-side comparison means anything.
 */
const AGENCY_LATENCY_MS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/** Connections per run; the goals (≤ 1.2 ms CPU per citizen read, twice the req/s) are read at 50. */
const CONNECTION_LEVELS = (process.env.BENCH_THROUGHPUT_CONNECTIONS ?? '1,10,50').split(',').map(Number);
const CPU_GOAL_MS = 1.2;
/** The prefilled part of ApplicationForm alone: what the agencies' answers cost, without the 4 KB form definition. */
const PREFILL_READ = `query PrefillRead($serviceId: ID!) { applicationForm(serviceId: $serviceId) { prefilled { fieldId display source } unfilled { fieldId source code } } }`;

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  cpuMsPerQuery: number;
}

async function cpuSeconds(bffUrl: string): Promise<number> {
  const text = await (await fetch(`${bffUrl}/metrics`, { headers: metricsHeaders })).text();
  const line = text.split('\n').find((l) => l.startsWith('bff_process_cpu_seconds_total '));
  if (!line) throw new Error('no bff_process_cpu_seconds_total on /metrics');
  return Number(line.split(' ').pop());
}

/** One autocannon run per token (the connections shared out), CPU read around all of them. */
async function run(bffUrl: string, body: string, tokens: Array<string | null>, connections: number): Promise<Figures> {
  const cpuBefore = await cpuSeconds(bffUrl);
  const results = await Promise.all(
    tokens.map((token) =>
      autocannon({
        url: `${bffUrl}/graphql`,
        method: 'POST',
        body,
        duration: DURATION_S,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        connections: Math.max(1, Math.round(connections / tokens.length)),
      }),
    ),
  );
  const cpuAfter = await cpuSeconds(bffUrl);
  const total = results.reduce((n, r) => n + r.requests.total, 0);
  return {
    requestsPerSecond: results.reduce((n, r) => n + r.requests.average, 0),
    // Of the two runs, the worse: a conservative figure.
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    failed: results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    cpuMsPerQuery: ((cpuAfter - cpuBefore) * 1000) / Math.max(total, 1),
  };
}

/** A BFF process from `root` (this checkout or another), on a fresh SQLite database. */
async function startBffFrom(root: string, agencyUrl: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-throughput-'));
  const { url, child } = await startProcess(
    path.join(root, 'bff/src/server.ts'),
    {
      PORT: '0',
      DATA_DIR: dataDir,
      AGENCY_BASE_URL: agencyUrl,
      SERVE_H5: 'false',
      LOG_LEVEL: 'warn',
      DEPARTMENT_POLL_MS: '600000',
      HOTLINE_POLL_MS: '600000',
      ...productionSettings,
    },
    /bff listening on (http:\/\/[\d.:]+)/,
  );
  return {
    url,
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The citizen reads measured, each with what it asks; a signed-in citizen unless anonymous. */
const QUERIES: Array<{ name: string; label: string; body: string; anonymous?: boolean }> = [
  {
    name: 'home',
    label: 'home (anonymous)',
    body: JSON.stringify({ query: HomeScreenDocument.toString(), variables: { platform: 'H5', region: '440305' } }),
    anonymous: true,
  },
  {
    name: 'prefill',
    label: 'prefilled-form read',
    body: JSON.stringify({ query: PREFILL_READ, variables: { serviceId: 'talent-housing-subsidy' } }),
  },
  {
    name: 'form',
    label: 'ApplicationForm',
    body: JSON.stringify({
      query: ApplicationFormDocument.toString(),
      variables: { serviceId: 'talent-housing-subsidy' },
    }),
  },
  // The floor: what any request costs (HTTP, Yoga, the context), with no resolver work.
  { name: 'typename', label: '{ __typename }', body: JSON.stringify({ query: '{ __typename }' }), anonymous: true },
  { name: 'licences', label: 'MyLicences', body: JSON.stringify({ query: MyLicencesDocument.toString() }) },
  { name: 'dashboard', label: 'Dashboard (我的)', body: JSON.stringify({ query: DashboardDocument.toString() }) },
];
const CHOSEN = process.env.BENCH_THROUGHPUT_QUERIES?.split(',') ?? QUERIES.map((q) => q.name);

type Measured = Map<string, Map<number, Figures | null>>;

async function measure(root: string, mock: MockData, offset: number): Promise<Measured> {
  const bff = await startBffFrom(root, mock.url);
  const measured: Measured = new Map();
  try {
    const tokens = [
      await citizen(bff.url, mock, 'provident-fund,social-insurance', offset),
      await citizen(bff.url, mock, 'provident-fund,social-insurance', offset + 1),
    ];
    const chosen = QUERIES.filter((q) => CHOSEN.includes(q.name));
    // Every query warmed before any is measured: the first measured must not pay for the others' first runs.
    const warm = async (query: (typeof QUERIES)[number], headers: Record<string, string>) =>
      autocannon({
        url: `${bff.url}/graphql`,
        method: 'POST',
        body: query.body,
        headers,
        connections: Math.max(...CONNECTION_LEVELS),
        duration: 2,
      });
    const headersOf = (query: (typeof QUERIES)[number]): Record<string, string> => ({
      'content-type': 'application/json',
      ...(query.anonymous ? {} : { authorization: `Bearer ${tokens[0]}` }),
    });
    for (const query of chosen) await warm(query, headersOf(query));
    for (const query of chosen) {
      const runTokens = query.anonymous ? [null] : tokens;
      const headers = headersOf(query);
      const answer = (await (
        await fetch(`${bff.url}/graphql`, { method: 'POST', headers, body: query.body })
      ).json()) as { data?: unknown; errors?: unknown };
      const byConnections = new Map<number, Figures | null>();
      measured.set(query.name, byConnections);
      // A build that does not know the query (an older baseline) has no figures for it.
      if (!answer.data || answer.errors) {
        console.log(`    ${query.label}: not answered by this build (${JSON.stringify(answer).slice(0, 160)})`);
        for (const connections of CONNECTION_LEVELS) byConnections.set(connections, null);
        continue;
      }
      // Warmed again just before it is measured, so every build is measured with its code compiled and caches filled.
      await warm(query, headers);
      for (const connections of CONNECTION_LEVELS)
        byConnections.set(connections, await run(bff.url, query.body, runTokens, connections));
    }
    return measured;
  } finally {
    await bff.stop();
  }
}

const mean = (runs: Figures[]): Figures => ({
  requestsPerSecond: runs.reduce((n, r) => n + r.requestsPerSecond, 0) / runs.length,
  p50: runs.reduce((n, r) => n + r.p50, 0) / runs.length,
  p99: runs.reduce((n, r) => n + r.p99, 0) / runs.length,
  failed: runs.reduce((n, r) => n + r.failed, 0),
  cpuMsPerQuery: runs.reduce((n, r) => n + r.cpuMsPerQuery, 0) / runs.length,
});

const line = (label: string, f: Figures) =>
  `    ${label.padEnd(28)} ${f.requestsPerSecond.toFixed(0).padStart(6)} req/s   p50 ${String(Math.round(f.p50)).padStart(4)} ms   p99 ${String(Math.round(f.p99)).padStart(4)} ms   CPU ${f.cpuMsPerQuery.toFixed(2)} ms/query${f.failed ? `   ${f.failed} failed` : ''}`;

export async function throughputBench(): Promise<void> {
  const baseline = process.env.BENCH_BASELINE_DIR ? path.resolve(process.env.BENCH_BASELINE_DIR) : null;
  const agencies = (root: string) =>
    startMockData(
      {
        MOCK_LATENCY_MS: String(AGENCY_LATENCY_MS),
        MOCK_PEOPLE: '10000',
        MOCK_VEHICLES: '5000',
        MOCK_DEPARTMENT_PACE_MS: '0',
      },
      root,
    );
  // The baseline talks to its own checkout's simulated agencies (their APIs moved on with the code); both stay up throughout.
  const mock = await agencies(REPO);
  const baselineMock = baseline ? await agencies(baseline) : null;
  try {
    console.log(
      `\nThroughput at ${CONNECTION_LEVELS.join(', ')} connections, agencies +${AGENCY_LATENCY_MS} ms each, ${DURATION_S} s per run (load average before: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, ${os.cpus().length} CPUs)`,
    );
    const builds: Array<[string, string]> = baseline
      ? [
          ['baseline', baseline],
          ['this build', REPO],
          ['this build', REPO],
          ['baseline', baseline],
        ]
      : [['this build', REPO]];
    const runs = new Map<string, Measured[]>();
    for (const [index, [name, root]] of builds.entries()) {
      console.log(`  ${name} (${root}), run ${index + 1}:`);
      const measured = await measure(root, root === REPO ? mock : baselineMock!, 20 + index * 2);
      runs.set(name, [...(runs.get(name) ?? []), measured]);
      for (const query of QUERIES)
        for (const [connections, figures] of measured.get(query.name) ?? [])
          if (figures) console.log(line(`${query.label}, ${connections}`, figures));
    }
    const top = Math.max(...CONNECTION_LEVELS);
    const meanOf = (name: string, query: string, connections: number) => {
      const figures = (runs.get(name) ?? []).map((m) => m.get(query)?.get(connections)).filter((f) => f) as Figures[];
      return figures.length ? mean(figures) : null;
    };
    // Little's law: a connection waits at least one agency round trip per read, so no build passes this.
    const ceiling = (top * 1000) / AGENCY_LATENCY_MS;
    console.log(
      `  at ${top} connections, means (reads that wait for an agency cannot pass ${ceiling} req/s: ${top} connections × 1 / ${AGENCY_LATENCY_MS} ms):`,
    );
    for (const query of QUERIES.filter((q) => CHOSEN.includes(q.name))) {
      const after = meanOf('this build', query.name, top);
      if (!after) continue;
      const before = baseline ? meanOf('baseline', query.name, top) : null;
      const goal = query.anonymous
        ? ''
        : `; CPU goal ≤ ${CPU_GOAL_MS} ms: ${after.cpuMsPerQuery <= CPU_GOAL_MS ? 'met' : 'NOT met'}`;
      const ratio = before
        ? `; baseline ${before.requestsPerSecond.toFixed(0)} req/s, ${before.cpuMsPerQuery.toFixed(2)} ms: req/s ×${(after.requestsPerSecond / before.requestsPerSecond).toFixed(2)} (goal ×2: ${after.requestsPerSecond >= 2 * before.requestsPerSecond ? 'met' : 'NOT met'}), CPU ×${(after.cpuMsPerQuery / before.cpuMsPerQuery).toFixed(2)}`
        : baseline
          ? '; baseline: not answered'
          : '';
      console.log(
        `    ${query.label.padEnd(22)} ${after.requestsPerSecond.toFixed(0)} req/s, ${after.cpuMsPerQuery.toFixed(2)} ms CPU/query${goal}${ratio}`,
      );
    }
    console.log(
      `  load average after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await mock.stop();
    await baselineMock?.stop();
  }
}
