import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { HomeScreenDocument } from '../../shared/src/graphql/generated';
import { REPO, startMockData, startProcess, stopProcess, type MockData } from '../../test-support/stack';
import { citizen } from './citizen';

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
const CONNECTIONS = Number(process.env.BENCH_THROUGHPUT_CONNECTIONS ?? 50);
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
  const text = await (await fetch(`${bffUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('bff_process_cpu_seconds_total '));
  if (!line) throw new Error('no bff_process_cpu_seconds_total on /metrics');
  return Number(line.split(' ').pop());
}

/** One autocannon run per token (the connections shared out), CPU read around all of them. */
async function run(bffUrl: string, body: string, tokens: Array<string | null>): Promise<Figures> {
  const cpuBefore = await cpuSeconds(bffUrl);
  const results = await Promise.all(
    tokens.map((token) =>
      autocannon({
        url: `${bffUrl}/graphql`,
        method: 'POST',
        body,
        duration: DURATION_S,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        connections: Math.max(1, Math.round(CONNECTIONS / tokens.length)),
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

async function measure(root: string, mock: MockData, offset: number): Promise<{ home: Figures; prefill: Figures }> {
  const bff = await startBffFrom(root, mock.url);
  try {
    const tokens = [
      await citizen(bff.url, mock, 'provident-fund,social-insurance', offset),
      await citizen(bff.url, mock, 'provident-fund,social-insurance', offset + 1),
    ];
    const home = JSON.stringify({
      query: HomeScreenDocument.toString(),
      variables: { platform: 'H5', region: '440305' },
    });
    const prefill = JSON.stringify({ query: PREFILL_READ, variables: { serviceId: 'talent-housing-subsidy' } });
    for (const [name, body, token] of [
      ['home', home, null],
      ['prefill', prefill, tokens[0]],
    ] as const) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      };
      const answer = (await (await fetch(`${bff.url}/graphql`, { method: 'POST', headers, body })).json()) as {
        data?: unknown;
        errors?: unknown;
      };
      if (!answer.data || answer.errors) throw new Error(`${name} failed: ${JSON.stringify(answer).slice(0, 300)}`);
    }
    // A short warm-up of each query at full load, so every build is measured with its code compiled and caches filled.
    for (const [body, token] of [
      [home, null],
      [prefill, tokens[0]],
    ] as const) {
      await autocannon({
        url: `${bff.url}/graphql`,
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        connections: CONNECTIONS,
        duration: 2,
      });
    }
    return { home: await run(bff.url, home, [null]), prefill: await run(bff.url, prefill, tokens) };
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
  `    ${label.padEnd(22)} ${f.requestsPerSecond.toFixed(0).padStart(6)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   CPU ${f.cpuMsPerQuery.toFixed(2)} ms/query${f.failed ? `   ${f.failed} failed` : ''}`;

export async function throughputBench(): Promise<void> {
  const baseline = process.env.BENCH_BASELINE_DIR ? path.resolve(process.env.BENCH_BASELINE_DIR) : null;
  const mock = await startMockData({
    MOCK_LATENCY_MS: String(AGENCY_LATENCY_MS),
    MOCK_PEOPLE: '10000',
    MOCK_VEHICLES: '5000',
    MOCK_DEPARTMENT_PACE_MS: '0',
  });
  try {
    console.log(
      `\nThroughput at ${CONNECTIONS} connections, agencies +${AGENCY_LATENCY_MS} ms each, ${DURATION_S} s per run (load average before: ${os
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
    const runs = new Map<string, Array<{ home: Figures; prefill: Figures }>>();
    for (const [index, [name, root]] of builds.entries()) {
      const measured = await measure(root, mock, 20 + index * 2);
      runs.set(name, [...(runs.get(name) ?? []), measured]);
      console.log(`  ${name} (${root}), run ${index + 1}:`);
      console.log(line('home (anonymous)', measured.home));
      console.log(line('prefilled-form read', measured.prefill));
    }
    if (baseline) {
      const before = runs.get('baseline')!;
      const after = runs.get('this build')!;
      for (const key of ['home', 'prefill'] as const) {
        const [b, a] = [mean(before.map((r) => r[key])), mean(after.map((r) => r[key]))];
        console.log(
          `  ${key}, means: baseline ${b.requestsPerSecond.toFixed(0)} req/s, ${b.cpuMsPerQuery.toFixed(2)} ms CPU/query; this build ${a.requestsPerSecond.toFixed(0)} req/s, ${a.cpuMsPerQuery.toFixed(2)} ms CPU/query: req/s ×${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}, CPU per query ×${(a.cpuMsPerQuery / b.cpuMsPerQuery).toFixed(2)}`,
        );
      }
    }
    console.log(
      `  load average after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await mock.stop();
  }
}
