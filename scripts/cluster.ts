/**
 * `npm run start:cluster`: the production layout on this machine. The simulated
 * agencies, `npm run migrate`, then CLUSTER_INSTANCES BFF instances (default 2) on
 * PostgreSQL (DATABASE_URL, schema DATABASE_SCHEMA) and Redis (REDIS_URL), behind
 * nginx on CLUSTER_PORT (default 8080), which serves the H5 build and /graphql.
 * Keys are generated once into data/cluster-keys.json (a real deployment takes them
 * from its secret store). Ctrl-C stops everything; `kill -HUP <this pid>` does a
 * rolling restart. See the README's "Running as a cluster".
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Cluster } from '../test-support/cluster';
import { REPO } from '../test-support/stack';

const keysFile = path.join(REPO, 'data/cluster-keys.json');
function secrets(): Record<string, string> {
  fs.mkdirSync(path.dirname(keysFile), { recursive: true });
  if (!fs.existsSync(keysFile)) {
    const fresh = Object.fromEntries(
      ['SESSION_SECRET', 'DATA_ENCRYPTION_KEY', 'ID_HASH_KEY'].map((k) => [k, randomBytes(32).toString('base64')]),
    );
    fs.writeFileSync(keysFile, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  }
  const stored = JSON.parse(fs.readFileSync(keysFile, 'utf8')) as Record<string, string>;
  // The environment's keys win (a rotation: the new key here, the old one in DATA_ENCRYPTION_OLD_KEYS).
  for (const key of Object.keys(stored)) if (process.env[key]) stored[key] = process.env[key]!;
  return stored;
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(REPO, 'miniapp/dist/h5/index.html')))
    console.warn('no H5 build yet: run `npm run build:h5` for the app at /');
  const cluster = new Cluster({
    instances: Number(process.env.CLUSTER_INSTANCES ?? 2),
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    schema: process.env.DATABASE_SCHEMA ?? 'citizen',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    port: Number(process.env.CLUSTER_PORT ?? 8080),
    secrets: secrets(),
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', SERVE_H5: 'true' },
    print: (line) => console.log(line),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on(
    'SIGHUP',
    () =>
      void cluster
        .rollingRestart()
        .then((codes) => console.log(`rolling restart done; exit codes ${codes.join(', ')}`)),
  );
  await cluster.start();
  console.log(
    `cluster ready: ${cluster.url}/ (H5) and ${cluster.url}/graphql through nginx; instances ${cluster.instances.map((i) => i.url).join(', ')}; agencies ${cluster.mock.url}`,
  );
}

main().catch((error) => {
  console.error(`cluster failed to start: ${(error as Error).message}`);
  process.exit(1);
});
