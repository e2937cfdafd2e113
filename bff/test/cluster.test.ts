import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import type { Database } from '../src/db/schema';
import { MIGRATIONS, migrate, openDatabase } from '../src/db';
import { PersonalDataVault } from '../src/modules/identity/vault';
import { valuesUnderOldKeys } from '../src/modules/identity/rotate';
import { Cluster, NGINX } from '../../test-support/cluster';
import { percentile, steadyLoad, type LoadResult } from '../../test-support/load';
import { REPO } from '../../test-support/stack';
import { Citizens, startBff, startMockData, waitFor, type MockData, type RunningBff } from './helpers';

/**
 * The production layout through nginx: two BFF instances on PostgreSQL and Redis.
 * Needs TEST_DATABASE_URL, TEST_REDIS_URL and nginx (.ci/run provides all three).
 */
const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const run = promisify(execFile);
const describeCluster = pgUrl && redisUrl && NGINX ? describe : describe.skip;

jest.setTimeout(180_000);

describeCluster('the cluster behind nginx (PostgreSQL, Redis, 2 instances)', () => {
  const schema = `t_cluster_${process.pid}_${Date.now().toString(36)}`;
  const restoredSchema = `${schema}_restored`;
  let mock: MockData;
  let cluster: Cluster;
  let db: Kysely<Database>;
  let citizens: Citizens;
  const sessions: Array<{ accessToken: string; person: { idNumber: string; name: string } }> = [];
  /** The balancer as tests' helpers expect a BFF. */
  const viaBalancer = () =>
    ({
      url: cluster.url,
      gql: async (query: string, variables?: Record<string, unknown>, token?: string) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (token) headers.authorization = `Bearer ${token}`;
        const response = await fetch(`${cluster.url}/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, body: await response.json() };
      },
    }) as unknown as RunningBff;

  beforeAll(async () => {
    mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '400' });
    cluster = await new Cluster({
      databaseUrl: pgUrl!,
      schema,
      redisUrl: redisUrl!,
      mock,
      env: {
        OUTBOX_POLL_MS: '200',
        DEPARTMENT_POLL_MS: '300',
        LEADER_RETRY_MS: '500',
        SHUTDOWN_GRACE_MS: '10000',
        AGENCY_STATUS_REFRESH_MS: '10000',
        UPSTREAM_TIMEOUT_MS: '2000',
      },
    }).start();
    db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new Pool({ connectionString: pgUrl, max: 2, options: `-c search_path=${schema}` }),
      }),
    });
    citizens = new Citizens(viaBalancer(), mock, 600, 'social-insurance');
    // Every test signs in with these (made here, so one test runs alone with -t).
    for (let i = 0; i < 4; i++) sessions.push(await citizens.verified());
  });
  afterAll(async () => {
    await cluster?.stop();
    await db?.destroy();
    await mock?.stop();
    const pool = new Pool({ connectionString: pgUrl });
    for (const s of [schema, restoredSchema]) await pool.query(`drop schema if exists "${s}" cascade`);
    await pool.end();
  });

  /** Every submission answered is stored once and reached its department once. */
  const checkSubmissions = async (load: LoadResult) => {
    const keys = [...load.submitted.keys()];
    const stored = keys.length
      ? await db
          .selectFrom('applications')
          .select(['id', 'idempotency_key', 'number'])
          .where('idempotency_key', 'in', keys)
          .execute()
      : [];
    const lost = keys.filter((k) => !stored.some((s) => s.idempotency_key === k && s.id === load.submitted.get(k)));
    const perKey = new Map<string, number>();
    for (const s of stored) perKey.set(s.idempotency_key, (perKey.get(s.idempotency_key) ?? 0) + 1);
    const duplicated = [...perKey.values()].filter((n) => n > 1).length;
    // Nothing stored that no one was told about either (a submission sent but not answered would show here).
    const all = await db
      .selectFrom('applications')
      .select(sql<number>`count(*)`.as('n'))
      .where('idempotency_key', 'in', load.keys.length ? load.keys : ['-'])
      .executeTakeFirstOrThrow();
    const numbers = new Set(stored.map((s) => s.number));
    const cases = await waitFor(
      async () =>
        ((await mock.json('/social-insurance/dev/applications')).applications as Array<{ reference: string }>).filter(
          (c) => numbers.has(c.reference),
        ),
      (found) => found.length >= numbers.size,
      60_000,
    );
    const atDepartment = new Map<string, number>();
    for (const c of cases) atDepartment.set(c.reference, (atDepartment.get(c.reference) ?? 0) + 1);
    return {
      lost: lost.length,
      duplicated,
      storedUnanswered: Number(all.n) - stored.length,
      departmentDuplicates: [...atDepartment.values()].filter((n) => n > 1).length,
      departmentMissing: numbers.size - atDepartment.size,
    };
  };

  it('a citizen’s journey through the balancer lands on both instances, with one request id end to end', async () => {
    const [me] = sessions;
    const before = cluster.accessLog().length;
    const submitted = await viaBalancer().gql(
      'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number } }',
      {
        s: 'si-payment-record',
        a: { months: '12', purpose: 'other', purposeOther: '积分入户', delivery: 'electronic' },
        k: `journey-${Date.now()}`,
      },
      me.accessToken,
    );
    expect(submitted.body.errors).toBeUndefined();
    for (let i = 0; i < 6; i++) {
      const read = await viaBalancer().gql(
        'query($id: ID!) { application(id: $id) { id status } me { realName { maskedName } } }',
        { id: submitted.body.data.submitApplication.id },
        me.accessToken,
      );
      expect(read.body.data.application.id).toBe(submitted.body.data.submitApplication.id);
      expect(read.body.data.me.realName.maskedName).toMatch(/^.\*+$/);
    }
    // The H5 build through the balancer, when it has been built.
    const home = await fetch(`${cluster.url}/`);
    expect([200, 404]).toContain(home.status);
    const served = cluster.accessLog().slice(before);
    const upstreams = new Set(served.filter((l) => l.uri === '/graphql').map((l) => l.upstream));
    expect(upstreams).toEqual(new Set(cluster.instances.map((i) => `127.0.0.1:${i.port}`)));
    // A caller's request id comes back and reaches the agency called for it.
    const requestId = `journey-${randomBytes(6).toString('hex')}`;
    const withId = await fetch(`${cluster.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        authorization: `Bearer ${me.accessToken}`,
      },
      body: JSON.stringify({ query: '{ serviceCategories { id } }' }),
    });
    expect(withId.headers.get('x-request-id')).toBe(requestId);
    const generated = await fetch(`${cluster.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serviceCategories { id } }' }),
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    // RED per operation on each instance.
    const metrics = await fetch(`${cluster.instances[0].url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(
      /bff_graphql_operations_total\{type="(query|mutation)",operation="anonymous",outcome="ok"\} \d+/,
    );
    expect(metrics).toMatch(/bff_upstream_calls_total\{agency="population",outcome="ok"\} \d+/);
  });

  it('one leader polls the departments; killed with -9, another takes over and each event is applied once', async () => {
    const leaders = await waitFor(
      () => cluster.leaders(),
      (l) => l.length === 1,
    );
    const [me] = sessions;
    const submitted = await viaBalancer().gql(
      'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number } }',
      {
        s: 'si-payment-record',
        a: { months: '6', purpose: 'other', purposeOther: '积分入户', delivery: 'electronic' },
        k: `leader-${Date.now()}`,
      },
      me.accessToken,
    );
    const id = submitted.body.data.submitApplication.id as string;
    // The leader has started applying this application's events.
    await waitFor(
      async () =>
        (await db.selectFrom('application_events').select('status').where('application_id', '=', id).execute()).length,
      (n) => n >= 2,
      30_000,
    );
    const killedAt = Date.now();
    await cluster.kill(leaders[0]);
    const next = await waitFor(
      () => cluster.leaders(),
      (l) => l.length === 1,
      15_000,
    );
    const takeoverMs = Date.now() - killedAt;
    expect(next[0]).not.toBe(leaders[0]);
    expect(takeoverMs).toBeLessThan(10_000);
    // The work continues: the department's later steps arrive, each once.
    await waitFor(
      async () =>
        (await db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
      (s) => s === 'COMPLETED',
      60_000,
    );
    const events = await db
      .selectFrom('application_events')
      .select(['status', 'department'])
      .where('application_id', '=', id)
      .execute();
    const statuses = events.map((e) => `${e.department}:${e.status}`);
    expect(new Set(statuses).size).toBe(statuses.length);
    const applied = await db
      .selectFrom('department_events')
      .select(sql<number>`count(*)`.as('n'))
      .select(sql<number>`count(distinct department || ':' || event_id)`.as('d'))
      .executeTakeFirstOrThrow();
    expect(Number(applied.n)).toBe(Number(applied.d));
    console.log(`leader failover: lease taken over ${takeoverMs} ms after kill -9`);
    await cluster.replace(leaders[0]);
  });

  // 15 a second in the suite: on this 2-core machine, which also runs nginx, two instances, the agencies and
  // PostgreSQL, a load average of 17-22 (other work) starved the instances past nginx's 30 s at 25 a second;
  // the key rotation below restarts under the same 15 a second. `BENCH_ONLY=rolling npm run bench` runs 50 a second for 60 s.
  it('a rolling restart of every instance under steady load drops nothing', async () => {
    const restarting = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      return cluster.rollingRestart();
    })();
    const load = await steadyLoad({
      url: cluster.url,
      sessions,
      perSecond: Number(process.env.CLUSTER_TEST_RATE ?? 15),
      durationMs: 15_000,
      submitShare: 0.3,
      while: restarting,
    });
    const exitCodes = await restarting;
    const counts = await checkSubmissions(load);
    if (load.failures.length)
      console.log(
        `nginx errors:\n${cluster.errorLog().split('\n').slice(-60).join('\n')}\ninstances:\n${cluster.instances.map((i) => i.output.slice(-30).join('\n')).join('\n')}`,
      );
    console.log(
      `rolling restart under ${process.env.CLUSTER_TEST_RATE ?? 15} req/s for 15 s: ${load.sent} requests, ${load.failed} failed, ${load.submitted.size} submissions, p99 ${Math.round(percentile(load.latenciesMs, 99))} ms; ${JSON.stringify(counts)}; exit codes ${exitCodes.join(',')}`,
    );
    expect(load.failures).toEqual([]);
    expect(exitCodes).toEqual([0, 0]);
    expect(load.submitted.size).toBeGreaterThan(30);
    expect(counts).toEqual({
      lost: 0,
      duplicated: 0,
      storedUnanswered: 0,
      departmentDuplicates: 0,
      departmentMissing: 0,
    });
  });

  it('rotates the data key under traffic: every record readable, nothing in the clear, the old key retired', async () => {
    const oldKey = cluster.env().DATA_ENCRYPTION_KEY;
    const newKey = randomBytes(32).toString('base64');
    const newVault = new PersonalDataVault(
      Buffer.from(newKey, 'base64'),
      Buffer.from(cluster.env().ID_HASH_KEY, 'utf8'),
      [Buffer.from(oldKey, 'base64')],
    );
    const plainBefore = await personalValuesInTheClear();
    expect(plainBefore).toEqual([]);
    const rotating = (async () => {
      // Step 1: every instance holds both keys, the new one encrypting.
      cluster.setEnv({ DATA_ENCRYPTION_KEY: newKey, DATA_ENCRYPTION_OLD_KEYS: oldKey });
      await cluster.rollingRestart();
      // Step 2: what is stored moves to the new key, in batches, while they serve.
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'bff/src/modules/identity/rotate-cli.ts'], {
        cwd: REPO,
        env: { ...process.env, ...cluster.env({ ROTATE_BATCH_SIZE: '50' }) },
      });
      return stdout;
    })();
    const load = await steadyLoad({
      url: cluster.url,
      sessions,
      perSecond: 15,
      durationMs: 8_000,
      submitShare: 0.3,
      while: rotating,
    });
    const report = await rotating;
    expect(report).toMatch(/left under other keys 0/);
    expect(load.failures).toEqual([]);
    expect(await valuesUnderOldKeys(db, newVault, schema)).toBe(0);
    expect(await personalValuesInTheClear()).toEqual([]);
    // Step 3: the old key retired; everything is still readable.
    cluster.setEnv({ DATA_ENCRYPTION_OLD_KEYS: '' });
    await cluster.rollingRestart();
    for (const session of sessions) {
      const { body } = await viaBalancer().gql(
        'query { me { realName { maskedName maskedIdNumber } } myApplications(first: 50) { items { id } } }',
        {},
        session.accessToken,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.me.realName.maskedIdNumber).toBe(
        `${session.person.idNumber[0]}${'*'.repeat(15)}${session.person.idNumber.slice(-2)}`,
      );
    }
    const counts = await checkSubmissions(load);
    expect(counts).toEqual({
      lost: 0,
      duplicated: 0,
      storedUnanswered: 0,
      departmentDuplicates: 0,
      departmentMissing: 0,
    });
    console.log(`key rotation under 15 req/s: ${load.sent} requests, ${load.failed} failed; ${report.trim()}`);
  });

  it('a backup restored into a new schema gives a citizen back, with the keys', async () => {
    const [me] = sessions;
    const { stdout: dump } = await run(
      'pg_dump',
      ['--dbname', pgUrl!, '--schema', schema, '--no-owner', '--no-privileges'],
      { maxBuffer: 256 * 1024 * 1024 },
    );
    // A schema's name appears in the dump as its qualifier: restoring under a new name is a rename of that word.
    await new Promise<void>((resolve, reject) => {
      const psql = spawn('psql', ['--dbname', pgUrl!, '-v', 'ON_ERROR_STOP=1', '-q'], {
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let errors = '';
      psql.stderr.on('data', (c: Buffer) => void (errors += c.toString()));
      psql.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(errors))));
      psql.stdin.end(dump.split(schema).join(restoredSchema));
    });
    // With the keys: the BFF on the restored schema knows the citizen.
    const restored = await startBff({
      ...cluster.env({ DATABASE_SCHEMA: restoredSchema, LOG_LEVEL: 'silent' }),
      MIGRATE_ON_START: 'false',
    });
    try {
      const { body } = await restored.gql(
        'query { me { realName { maskedName maskedIdNumber } } }',
        {},
        me.accessToken,
      );
      expect(body.data.me.realName.maskedIdNumber).toBe(
        `${me.person.idNumber[0]}${'*'.repeat(15)}${me.person.idNumber.slice(-2)}`,
      );
      const row = await restored.built.database.db
        .selectFrom('citizens')
        .select(['id', 'name_enc'])
        .where(
          'id_number_hash',
          '=',
          new PersonalDataVault(
            Buffer.from(cluster.env().DATA_ENCRYPTION_KEY, 'base64'),
            Buffer.from(cluster.env().ID_HASH_KEY, 'utf8'),
          ).hash('id', me.person.idNumber),
        )
        .executeTakeFirstOrThrow();
      const vault = new PersonalDataVault(
        Buffer.from(cluster.env().DATA_ENCRYPTION_KEY, 'base64'),
        Buffer.from(cluster.env().ID_HASH_KEY, 'utf8'),
      );
      expect(vault.decrypt(row.name_enc)).toBe(me.person.name);
      // Without them the dump is ciphertext.
      expect(() => new PersonalDataVault(randomBytes(32), randomBytes(32)).decrypt(row.name_enc)).toThrow();
    } finally {
      await restored.stop();
    }
  });

  it('migrations expand while the old instances serve; an old build refuses a newer schema', async () => {
    const newer = {
      ...MIGRATIONS,
      // A release's expand step: a nullable column the old code never reads.
      '9000_expand_probe': {
        up: async (d: Kysely<any>) =>
          void (await d.schema.alterTable('applications').addColumn('cluster_probe', 'text').execute()),
      },
    };
    const handle = openDatabase({
      DATABASE_URL: pgUrl,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_MAX: 2,
      DATA_DIR: '/tmp',
    });
    const migrating = migrate(handle, schema, newer);
    const load = await steadyLoad({
      url: cluster.url,
      sessions,
      perSecond: 20,
      durationMs: 3_000,
      submitShare: 0.3,
      while: migrating,
    });
    expect(await migrating).toEqual(['9000_expand_probe']);
    await handle.close();
    expect(load.failures).toEqual([]);
    // An instance of the old build (no 9000_expand_probe) does not start against it, and says why.
    await expect(cluster.startInstance('bff-old', 0)).rejects.toThrow(
      /schema is newer than this build: it has migration 9000_expand_probe/,
    );
  });

  async function personalValuesInTheClear(): Promise<string[]> {
    const found: string[] = [];
    const people = sessions.map((s) => s.person);
    for (const table of await db.introspection.getTables()) {
      if (table.schema !== schema) continue;
      for (const column of table.columns.filter((c) => c.name.endsWith('_enc'))) {
        const { rows } = await sql<{
          v: string;
        }>`select ${sql.ref(column.name)} as v from ${sql.table(table.name)} where ${sql.ref(column.name)} is not null`.execute(
          db,
        );
        for (const { v } of rows) {
          if (!/^v[12]:/.test(v)) found.push(`${table.name}.${column.name} not encrypted`);
          if (people.some((p) => v.includes(p.idNumber) || v.includes(p.name)))
            found.push(`${table.name}.${column.name} holds a name or ID number`);
        }
      }
    }
    return found;
  }
});
