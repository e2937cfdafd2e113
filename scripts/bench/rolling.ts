import { Pool } from 'pg';
import { Citizens, type RunningBff } from '../../bff/test/helpers';
import { Cluster, NGINX } from '../../test-support/cluster';
import { percentile, steadyLoad } from '../../test-support/load';

/**
 * Rolling restart under load (BENCH_ONLY=rolling): the cluster (2 instances behind
 * nginx, PostgreSQL, Redis), 50 requests a second for BENCH_ROLLING_S (60) seconds,
 * 30% submissions, every instance restarted in turn meanwhile. Prints failed
 * requests and lost/duplicated submissions (all should be 0) and latency.
 */
export async function rollingBench(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL;
  if (!databaseUrl || !redisUrl || !NGINX) {
    console.log('rolling restart: skipped (needs TEST_DATABASE_URL, TEST_REDIS_URL and nginx)');
    return;
  }
  const schema = `bench_rolling_${Date.now().toString(36)}`;
  const cluster = await new Cluster({
    databaseUrl,
    schema,
    redisUrl,
    env: { OUTBOX_POLL_MS: '200', AGENCY_STATUS_REFRESH_MS: '10000' },
  }).start();
  try {
    const bff = {
      gql: async (query: string, variables?: Record<string, unknown>, token?: string) => {
        const response = await fetch(`${cluster.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, body: await response.json() };
      },
    } as unknown as RunningBff;
    const citizens = new Citizens(bff, cluster.mock, 0, 'social-insurance');
    const sessions = [];
    for (let i = 0; i < 8; i++) sessions.push(await citizens.verified());
    const seconds = Number(process.env.BENCH_ROLLING_S ?? 60);
    const restarting = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      return cluster.rollingRestart();
    })();
    const load = await steadyLoad({
      url: cluster.url,
      sessions,
      perSecond: 50,
      durationMs: seconds * 1000,
      submitShare: 0.3,
      while: restarting,
    });
    const codes = await restarting;
    const pool = new Pool({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
    const keys = [...load.submitted.keys()];
    const { rows } = await pool.query<{ key: string; n: string }>(
      'select idempotency_key as key, count(*) as n from applications where idempotency_key = any($1) group by idempotency_key',
      [load.keys],
    );
    const lost = keys.filter((k) => !rows.some((r) => r.key === k)).length;
    const duplicated = rows.filter((r) => Number(r.n) > 1).length;
    await pool.end();
    // A failure's cause is in nginx's error log (which instance, refused or reset, at what moment).
    const cut = cluster.retired.filter((old) => old.output.some((line) => line.includes('grace period over'))).length;
    if (load.failed)
      console.log(
        `${cut} of ${cluster.retired.length} old instances ran out of their grace period; old ports ${cluster.retired.map((i) => i.port).join(', ')}, new ${cluster.instances.map((i) => i.port).join(', ')}`,
      );
    if (load.failed)
      console.log(
        cluster
          .errorLog()
          .split('\n')
          .filter((line) => /upstream|connect\(\)|reset|closed/.test(line))
          .slice(-5)
          .join('\n'),
      );
    console.log(
      `rolling restart: ${load.sent} requests at 50/s for ${seconds} s, ${load.failed} failed${load.failed ? ` (${[...new Set(load.failures)].slice(0, 3).join('; ')})` : ''}, ${keys.length} submissions, ${lost} lost, ${duplicated} duplicated; p50 ${Math.round(percentile(load.latenciesMs, 50))} ms, p99 ${Math.round(percentile(load.latenciesMs, 99))} ms; old instances exited ${codes.join(', ')}`,
    );
  } finally {
    // The schema goes only once the instances have stopped: dropped under a running
    // instance, it deadlocked with the leader's feed writing a result (a run that "died").
    await cluster.stop();
    const pool = new Pool({ connectionString: databaseUrl });
    await pool.query(`drop schema if exists "${schema}" cascade`);
    await pool.end();
  }
}
