import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { VERIFY_REAL_NAME } from '../../test-support/policies';
import { notifyChannel } from '../src/invalidation/postgres';
import {
  Citizens,
  mockDataInProcess,
  startBff,
  testDatabases,
  type MockData,
  type RunningBff,
  type SignedIn,
} from './helpers';

/**
 * The session cache (modules/identity/session-cache.ts): each instance keeps the account
 * of a live session for SESSION_CACHE_MS, here a minute, so that an invalidation that
 * did not happen would show. Every test first reads `me`, which fills the cache, then
 * changes the session or account and reads again at once.
 */
const PG = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const ME = '{ me { accountId level linkedPlatforms { accountId current } } }';
const CACHE_MS = '60000';

jest.setTimeout(60_000);

let mock: MockData;
beforeAll(async () => {
  mock = await mockDataInProcess({});
});
afterAll(() => mock.stop());

const errorCode = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  body.errors?.[0]?.extensions?.code;
/** The session id inside an access token (its `sid` claim). */
const sessionOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
const level = async (bff: RunningBff, session: SignedIn) => {
  const { body } = await bff.gql(ME, {}, session.accessToken);
  return body.data?.me.level ?? errorCode(body);
};
/** Ends a session in the database only, as no code path of the BFF would: what the cache hides until it expires. */
const revokeBehindTheBack = (bff: RunningBff, session: SignedIn) =>
  bff.built.services.db
    .updateTable('sessions')
    .set({ revoked_at: new Date().toISOString(), revoked_reason: 'test' })
    .where('id', '=', sessionOf(session.accessToken))
    .execute();

// One instance on SQLite alone, and on PostgreSQL with Redis (PostgreSQL alone: two instances, below).
const sameInstance = testDatabases().filter((d) => d.name === 'sqlite' || REDIS);

describe.each(sameInstance)('the session cache of one instance on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  beforeAll(async () => {
    const env = await database.env();
    const redis: Record<string, string> =
      database.name === 'postgres' ? { REDIS_URL: REDIS!, REDIS_KEY_PREFIX: env.DATABASE_SCHEMA } : {};
    bff = await startBff({ ...env, ...redis, AGENCY_BASE_URL: mock.url, SESSION_CACHE_MS: CACHE_MS });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 700 : 760);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  it('keeps a session’s account: a revocation written behind the service’s back is not seen', async () => {
    const session = await citizens.signIn();
    expect(await level(bff, session)).toBe(1);
    await revokeBehindTheBack(bff, session);
    // Served from the cache: proof that the tests below would see a missing invalidation.
    expect(await level(bff, session)).toBe(1);
  });

  it('refuses a logged-out session on the very next request; the account’s other session goes on', async () => {
    const phone = await citizens.signIn();
    const tablet = await citizens.signIn('WECHAT', phone.user);
    expect(await level(bff, phone)).toBe(1);
    expect(await level(bff, tablet)).toBe(1);
    expect((await bff.gql('mutation { logout }', {}, phone.accessToken)).body.data.logout).toBe(true);
    expect(await level(bff, phone)).toBe('UNAUTHENTICATED');
    expect(await level(bff, tablet)).toBe(1);
  });

  it('refuses every token of a session whose refresh token was used twice', async () => {
    const session = await citizens.signIn();
    expect(await level(bff, session)).toBe(1);
    const refresh = 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }';
    expect((await bff.gql(refresh, { t: session.refreshToken })).body.data.refreshSession.accessToken).toBeTruthy();
    expect(errorCode((await bff.gql(refresh, { t: session.refreshToken })).body)).toBe('REFRESH_TOKEN_REUSED');
    expect(await level(bff, session)).toBe('UNAUTHENTICATED');
  });

  it('shows a new level at once: real name, then face', async () => {
    const session = await citizens.signIn();
    expect(await level(bff, session)).toBe(1);
    const person = (await mock.json(`/population/dev/people?count=1&offset=${database.name === 'sqlite' ? 690 : 750}`))
      .people[0];
    expect(
      (await bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, session.accessToken)).body.errors,
    ).toBeUndefined();
    expect(await level(bff, session)).toBe(2);
    expect(
      (await citizens.passFace('WECHAT', session.accessToken, person)).body.data.completeFaceVerification.level,
    ).toBe(3);
    expect(await level(bff, session)).toBe(3);
  });

  it('ends the sessions of an unlinked account at once', async () => {
    const first = await citizens.faceVerified();
    const second = await citizens.joinedOn('ALIPAY', first.person);
    expect(await level(bff, second)).toBe(3);
    const secondId = (await bff.gql(ME, {}, second.accessToken)).body.data.me.accountId;
    const unlinked = await bff.gql(
      'mutation($id: ID!) { unlinkPlatform(accountId: $id) { level } }',
      { id: secondId },
      first.accessToken,
    );
    expect(unlinked.body.errors).toBeUndefined();
    expect(await level(bff, second)).toBe('UNAUTHENTICATED');
    expect(await level(bff, first)).toBe(3);
  });

  it('refuses every account of a deleted person at once, on every platform', async () => {
    const first = await citizens.faceVerified();
    const second = await citizens.joinedOn('ALIPAY', first.person);
    expect(await level(bff, first)).toBe(3);
    expect(await level(bff, second)).toBe(3);
    expect(
      (await bff.gql('mutation { deleteMyAccount(confirm: true) }', {}, first.accessToken)).body.data?.deleteMyAccount,
    ).toBe(true);
    expect(await level(bff, first)).toBe('UNAUTHENTICATED');
    expect(await level(bff, second)).toBe('UNAUTHENTICATED');
  });
});

/** Two instances on one PostgreSQL schema, with or without Redis, sharing the keys. */
async function twoInstances(name: string, extra: Record<string, string>) {
  const schema = `t_sessions_${name}_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-sessions-'));
  const env = {
    DATABASE_URL: PG!,
    DATABASE_SCHEMA: schema,
    DATA_DIR: dataDir,
    REDIS_KEY_PREFIX: schema,
    AGENCY_BASE_URL: mock.url,
    SESSION_CACHE_MS: CACHE_MS,
    ...extra,
  };
  const instances = [await startBff(env), await startBff(env)];
  return {
    instances,
    schema,
    stop: async () => {
      for (const instance of instances) await instance.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      const pool = new Pool({ connectionString: PG });
      await pool.query(`drop schema if exists "${schema}" cascade`);
      await pool.end();
    },
  };
}

/**
 * How the two instances tell each other: Redis pub/sub, or only their shared PostgreSQL
 * database (LISTEN/NOTIFY). With Redis the change is seen on b by the very next request.
 * PostgreSQL hands a notification to each listening connection from a process of its
 * own, in its own time, so on a busy machine b may hear a few milliseconds after a has
 * answered: there b must see it within `NOTIFY_WITHIN_MS`, far inside the cache's life.
 */
const buses = [
  ...(REDIS ? [{ bus: 'Redis', name: 'redis', extra: { REDIS_URL: REDIS }, firstPhone: 820, atOnce: true }] : []),
  {
    bus: 'PostgreSQL LISTEN/NOTIFY',
    name: 'notify',
    extra: {} as Record<string, string>,
    firstPhone: 900,
    atOnce: false,
  },
];
const NOTIFY_WITHIN_MS = 500;

/** What b answers after a change made on a: the very next answer, or (`atOnce` false) the first to match within NOTIFY_WITHIN_MS. */
async function seenOnB<T>(atOnce: boolean, read: () => Promise<T>, expected: T): Promise<T> {
  const started = Date.now();
  for (;;) {
    const answer = await read();
    if (atOnce || answer === expected || Date.now() - started > NOTIFY_WITHIN_MS) return answer;
    await new Promise((r) => setTimeout(r, 5));
  }
}

(PG ? describe.each(buses) : describe.skip.each(buses))(
  'two instances on PostgreSQL, through $bus: a change on one is seen on the other at once',
  ({ name, extra, firstPhone, atOnce }) => {
    /** b's answer after a change on a (see `buses`). */
    const onB = <T>(read: () => Promise<T>, expected: T) => seenOnB(atOnce, read, expected);
    let a: RunningBff;
    let b: RunningBff;
    let stop: () => Promise<void>;
    let citizens: Citizens;
    beforeAll(async () => {
      const started = await twoInstances(name, extra);
      [a, b] = started.instances;
      stop = started.stop;
      citizens = new Citizens(a, mock, firstPhone);
    });
    afterAll(() => stop?.());

    it('caches on the other instance too (a revocation behind the service’s back is not seen there)', async () => {
      const session = await citizens.signIn();
      expect(await level(b, session)).toBe(1);
      await revokeBehindTheBack(a, session);
      expect(await level(b, session)).toBe(1);
    });

    it('refuses on b the very next request after a logout on a', async () => {
      const session = await citizens.signIn();
      expect(await level(b, session)).toBe(1);
      expect(await level(a, session)).toBe(1);
      expect((await a.gql('mutation { logout }', {}, session.accessToken)).body.data.logout).toBe(true);
      expect(await onB(() => level(b, session), 'UNAUTHENTICATED')).toBe('UNAUTHENTICATED');
      expect(await level(a, session)).toBe('UNAUTHENTICATED');
    });

    it('acts on b at once for a session that started acting on a, though b had seen it acting for no one', async () => {
      // A parent of a child under 18 (the register's answer), signed in and verified on a;
      // b serves the parent's own requests, so its cache holds the session as acting for no one.
      const { people } = await mock.json('/population/dev/people?count=5&has=child-aged-17');
      let session: Awaited<ReturnType<Citizens['signIn']>> | null = null;
      let child: { ref: string; canActFor: boolean } | undefined;
      for (const parent of people as Array<{ idNumber: string; name: string }>) {
        session = await citizens.signIn();
        const verified = await a.gql(VERIFY_REAL_NAME, { n: parent.name, i: parent.idNumber }, session.accessToken);
        expect(verified.body.errors).toBeUndefined();
        const family = (await b.gql('query { myFamily { ref canActFor } }', {}, session.accessToken)).body.data
          .myFamily as Array<{ ref: string; canActFor: boolean }>;
        // A child turning 18 today is no longer one to act for: the next parent then.
        child = family.find((m) => m.canActFor);
        if (child) break;
      }
      if (!session || !child) throw new Error('no parent of a child under 18 among the five');
      const carMoves = '{ myCarMoveRequests { id } }';
      expect(errorCode((await b.gql(carMoves, {}, session.accessToken)).body)).toBeUndefined();
      expect(errorCode((await b.gql(carMoves, {}, session.accessToken)).body)).toBeUndefined();
      const acted = await a.gql(
        'mutation($r: ID!) { actAs(ref: $r) { relation } }',
        { r: child.ref },
        session.accessToken,
      );
      expect(acted.body.data?.actAs.relation).toBe('CHILD');
      // The very next request on b acts for the child: car moving is never done for someone else.
      const carMovesOnB = async () => errorCode((await b.gql(carMoves, {}, session.accessToken)).body);
      expect(await onB(carMovesOnB, 'ACTING_NOT_ALLOWED')).toBe('ACTING_NOT_ALLOWED');
      expect((await b.gql('{ actingFor { relation } }', {}, session.accessToken)).body.data.actingFor.relation).toBe(
        'CHILD',
      );
      // And stopping on a is seen on b at once too (acting is read on every request while it lasts).
      expect((await a.gql('mutation { stopActing }', {}, session.accessToken)).body.data.stopActing).toBe(true);
      expect(await carMovesOnB()).toBeUndefined();
    });

    it('shows on b a face pass made on a, and refuses on b every account of a person deleted on a', async () => {
      const first = await citizens.verified();
      const second = await citizens.signIn('ALIPAY');
      expect(await level(b, first)).toBe(2);
      expect(await level(b, second)).toBe(1);
      expect(
        (await citizens.passFace('WECHAT', first.accessToken, first.person)).body.data.completeFaceVerification.level,
      ).toBe(3);
      expect(await onB(() => level(b, first), 3)).toBe(3);
      // The second account joins the person on a (face): b shows it linked at once.
      const asked = await a.gql(
        VERIFY_REAL_NAME,
        { n: first.person.name, i: first.person.idNumber },
        second.accessToken,
      );
      expect(errorCode(asked.body)).toBe('REALNAME_LINK_PROOF_REQUIRED');
      expect(
        (await citizens.passFace('ALIPAY', second.accessToken, first.person)).body.data.completeFaceVerification.level,
      ).toBe(3);
      expect(await onB(() => level(b, second), 3)).toBe(3);
      expect(
        (await a.gql('mutation { deleteMyAccount(confirm: true) }', {}, first.accessToken)).body.data?.deleteMyAccount,
      ).toBe(true);
      expect(await onB(() => level(b, first), 'UNAUTHENTICATED')).toBe('UNAUTHENTICATED');
      expect(await onB(() => level(b, second), 'UNAUTHENTICATED')).toBe('UNAUTHENTICATED');
    });
  },
);

(PG ? describe : describe.skip)(
  'two instances on PostgreSQL without Redis, when the connection they listen on drops',
  () => {
    let a: RunningBff;
    let b: RunningBff;
    let stop: () => Promise<void>;
    let schema: string;
    let citizens: Citizens;
    beforeAll(async () => {
      const started = await twoInstances('drop', {});
      [a, b] = started.instances;
      stop = started.stop;
      schema = started.schema;
      citizens = new Citizens(a, mock, 960);
    });
    afterAll(() => stop?.());

    /** Ends both instances' listening connections from the server side, as a PostgreSQL restart or failover would. */
    const dropListeners = async () => {
      // Each listening connection names itself (invalidation/postgres.ts).
      const name = `bff-listen ${notifyChannel(schema, schema)}`;
      const pool = new Pool({ connectionString: PG });
      try {
        const { rows } = await pool.query(
          'select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1',
          [name],
        );
        return rows.length;
      } finally {
        await pool.end();
      }
    };
    const logged = async (bff: RunningBff, text: string, after: number) => {
      const started = Date.now();
      while (!bff.logs.slice(after).some((line) => line.includes(text))) {
        if (Date.now() - started > 10_000) throw new Error(`not logged within 10 s: ${text}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    it('reads the database while b cannot hear, and caches again, hearing logouts, once it listens again', async () => {
      const session = await citizens.signIn();
      expect(await level(b, session)).toBe(1);
      const before = b.logs.length;
      expect(await dropListeners()).toBe(2);
      await logged(b, 'not listening on PostgreSQL', before);
      // b dropped what it kept when it went deaf, so a change it could not hear of still shows (read from the database).
      await revokeBehindTheBack(a, session);
      expect(await level(b, session)).toBe('UNAUTHENTICATED');
      await logged(b, 'listening on PostgreSQL again', before);
      await logged(a, 'listening on PostgreSQL again', 0);
      // Listening again: b caches (a change behind the service's back is not seen) and hears a's logouts.
      const cached = await citizens.signIn();
      expect(await level(b, cached)).toBe(1);
      await revokeBehindTheBack(a, cached);
      expect(await level(b, cached)).toBe(1);
      const next = await citizens.signIn();
      expect(await level(b, next)).toBe(1);
      expect((await a.gql('mutation { logout }', {}, next.accessToken)).body.data.logout).toBe(true);
      expect(await seenOnB(false, () => level(b, next), 'UNAUTHENTICATED')).toBe('UNAUTHENTICATED');
    });
  },
);
