import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { Citizens, startBff, startMockData, type MockData, type RunningBff } from './helpers';
import { sendCarMove } from '../../test-support/car-move';

const PG = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const REQUEST = `mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id } }`;

/**
 * The harassment limits hold with several BFF instances: two instances on one
 * PostgreSQL database, first with the limits in Redis, then in the database alone.
 * Fifty requests at once, spread over both, for a limit of three a day: exactly three
 * go through, and the vehicle register is asked about those three plates only.
 */
const suite = PG ? describe : describe.skip;
suite.each([
  ['Redis', REDIS ? { REDIS_URL: REDIS } : null],
  ['the database', {}],
] as const)('car-moving limits across two instances, held in %s', (_name, extra) => {
  let mock: MockData;
  const instances: RunningBff[] = [];
  let plates: string[];
  let schema = '';
  let dataDir = '';
  const run = extra ? it : it.skip;

  beforeAll(async () => {
    if (!extra) return;
    mock = await startMockData();
    plates = (await mock.json('/vehicle/dev/vehicles?count=50&offset=400')).vehicles.map(
      (v: { plate: string }) => v.plate,
    );
    schema = `t_multi_${process.pid}_${Date.now().toString(36)}`;
    // Both instances share the database, the keys and (for this run only) a Redis key prefix.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-multi-'));
    const shared = {
      DATABASE_URL: PG!,
      DATABASE_SCHEMA: schema,
      DATA_DIR: dataDir,
      REDIS_KEY_PREFIX: schema,
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '200',
    };
    for (let i = 0; i < 2; i++) instances.push(await startBff({ ...shared, ...extra }));
  }, 60_000);
  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await mock?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const pool = new Pool({ connectionString: PG });
      await pool.query(`drop schema if exists "${schema}" cascade`);
      await pool.end();
    }
  });

  run(
    'lets exactly three of fifty simultaneous requests through, and asks the register about those three only',
    async () => {
      const citizens = new Citizens(instances[0], mock, extra && 'REDIS_URL' in extra ? 500 : 600);
      const requester = await citizens.verified();
      const results = await Promise.all(
        plates.map((plate, i) =>
          sendCarMove(
            instances[i % 2],
            REQUEST,
            { input: { plate, reason: 'OTHER', idempotencyKey: `multi-${Date.now()}-${i}` } },
            requester.accessToken,
          ),
        ),
      );
      const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK');
      expect(codes.filter((c) => c === 'OK')).toHaveLength(3);
      expect(codes.filter((c) => c === 'CAR_MOVE_LIMIT_DAY')).toHaveLength(47);
      const { calls } = await mock.json('/admin/calls');
      const asked = Object.keys(calls)
        .map((route) => decodeURIComponent(route).match(/^GET \/vehicle\/v1\/vehicles\/([^/]+)$/)?.[1])
        .filter(Boolean);
      expect(asked.sort()).toEqual(plates.filter((_, i) => codes[i] === 'OK').sort());
    },
  );
});
