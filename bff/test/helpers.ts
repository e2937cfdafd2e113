import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Pool } from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { buildApp, type BuiltApp } from '../src/app';
import { createLogger } from '../src/logger';
import { buildMockApp } from '../../mock-data/src/app';
import { loadMockConfig } from '../../mock-data/src/config';

import type { MockData } from '../../test-support/stack';
import { VERIFY_REAL_NAME } from '../../test-support/policies';
export { agencyCalls, startMockData, type MockData } from '../../test-support/stack';

/**
 * The simulated agencies in this process, over real HTTP: a spawned one can miss its
 * start timeout on a loaded machine. No faults (those need the spawned simulator).
 */
export async function mockDataInProcess(env: Record<string, string>): Promise<MockData> {
  const built = buildMockApp(loadMockConfig(env));
  const server = built.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const json = async (pathname: string, init?: RequestInit) =>
    (await fetch(url + pathname, { ...init, headers: { 'content-type': 'application/json' } })).json();
  return {
    url,
    json,
    fault: async () => undefined,
    resetFaults: async () => undefined,
    stop: () => {
      built.close();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Settings for a fresh, empty database. */
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

/**
 * SQLite always; PostgreSQL when TEST_DATABASE_URL is set (.ci/run sets it). Each
 * call to env() gives a new database: a new SQLite file or a new PostgreSQL schema.
 */
export function testDatabases(): TestDatabase[] {
  const tempDirs: string[] = [];
  const schemas: string[] = [];
  const list: TestDatabase[] = [
    {
      name: 'sqlite',
      env: async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-test-'));
        tempDirs.push(dir);
        return { DATA_DIR: dir };
      },
      cleanup: async () => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })),
    },
  ];
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    list.push({
      name: 'postgres',
      env: async () => {
        const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemas.length}`;
        schemas.push(schema);
        // Keys (dev-keys.json) in a folder of the test's own, never the repository's data/.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-test-'));
        tempDirs.push(dir);
        return { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema, DATA_DIR: dir };
      },
      cleanup: async () => {
        tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
        const pool = new Pool({ connectionString: pgUrl });
        for (const schema of schemas) await pool.query(`drop schema if exists "${schema}" cascade`);
        await pool.end();
      },
    });
  }
  return list;
}

export interface RunningBff {
  url: string;
  built: BuiltApp;
  logs: string[];
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{
    status: number;
    body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  }>;
  stop(): Promise<void>;
}

/** The BFF built in this process and listening on a free port; its log lines are kept for assertions. */
export async function startBff(env: Record<string, string>, options: { now?: () => Date } = {}): Promise<RunningBff> {
  const config = loadConfig({
    LOG_LEVEL: 'info',
    SERVE_H5: 'false',
    UPSTREAM_TIMEOUT_MS: '1000',
    AGENCY_PROBE_TIMEOUT_MS: '500',
    ...env,
  });
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) } as pino.DestinationStream);
  const built = await buildApp(config, { logger, now: options.now });
  const server: Server = built.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    built,
    logs,
    gql: async (query, variables, token) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json() };
    },
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await built.close();
    },
  };
}

/** Platforms as the simulator names them (H5 signs in through WeChat). */
export const SIMULATOR_PATH = { WECHAT: 'wechat', ALIPAY: 'alipay', BAIDU: 'baidu', H5: 'wechat' } as const;

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: string;
}

/**
 * Citizens for tests: sign in through the platform simulator, verify as a real person
 * from the register, bind a phone with the code the SMS gateway delivered.
 */
/** People verified through each BFF: Citizens of different `has` filters share them, and a person is one account's. */
const takenPeople = new WeakMap<RunningBff, Set<string>>();

export class Citizens {
  private people: Array<{ idNumber: string; name: string }> = [];
  private users = 0;

  /** `has`: only people these agencies also hold records of, e.g. 'provident-fund,social-insurance'. */
  constructor(
    private readonly bff: RunningBff,
    private readonly mock: MockData,
    private readonly offset = 0,
    private readonly has = '',
  ) {}

  private fetched = 0;

  private async person() {
    const taken = takenPeople.get(this.bff) ?? takenPeople.set(this.bff, new Set()).get(this.bff)!;
    for (;;) {
      if (this.people.length === 0) {
        this.people = (
          await this.mock.json(
            `/population/dev/people?count=200&offset=${this.offset + this.fetched}${this.has ? `&has=${this.has}` : ''}`,
          )
        ).people;
        this.fetched += 200;
        if (this.people.length === 0) throw new Error(`no one left who holds ${this.has}`);
      }
      const person = this.people.shift()!;
      if (taken.has(person.idNumber)) continue;
      taken.add(person.idNumber);
      return person;
    }
  }

  async signIn(
    platform: keyof typeof SIMULATOR_PATH = 'WECHAT',
    user = `u-${process.pid}-${Date.now()}-${++this.users}`,
  ): Promise<SignedIn> {
    const { code } = await this.mock.json(`/${SIMULATOR_PATH[platform]}/dev/login-code`, {
      method: 'POST',
      body: JSON.stringify({ user }),
    });
    const { body } = await this.bff.gql(
      'mutation($p: Platform!, $c: String!) { login(platform: $p, code: $c) { accessToken refreshToken } }',
      { p: platform, c: code },
    );
    if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
    return { ...body.data.login, user };
  }

  async verified(
    platform: keyof typeof SIMULATOR_PATH = 'WECHAT',
  ): Promise<SignedIn & { person: { idNumber: string; name: string } }> {
    const session = await this.signIn(platform);
    const person = await this.person();
    const { body } = await this.bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, session.accessToken);
    if (!body.data) throw new Error(`verification failed: ${JSON.stringify(body.errors)}`);
    return { ...session, person };
  }

  /** Verified and face-verified (level 3), through the platform simulator's face check. */
  async faceVerified(
    platform: keyof typeof SIMULATOR_PATH = 'WECHAT',
  ): Promise<SignedIn & { person: { idNumber: string; name: string } }> {
    const session = await this.verified(platform);
    const done = await this.passFace(platform, session.accessToken, session.person);
    if (done.body.data?.completeFaceVerification.level !== 3)
      throw new Error(`face verification failed: ${JSON.stringify(done.body.errors)}`);
    return session;
  }

  /**
   * The platform's face step, passed by `person`: the simulator's session completed, or on
   * Baidu (no session; the BFF checks a photo with person/verify) a camera photo of them.
   */
  async passFace(platform: keyof typeof SIMULATOR_PATH, accessToken: string, person: { idNumber: string }) {
    const { body } = await this.bff.gql(
      'mutation { startFaceVerification(consent: true) { verifyId } }',
      {},
      accessToken,
    );
    const verifyId = body.data.startFaceVerification.verifyId as string;
    if (platform === 'BAIDU') {
      const { image } = await this.mock.json('/baidu/dev/camera', {
        method: 'POST',
        body: JSON.stringify({ person: person.idNumber }),
      });
      return this.bff.gql(
        'mutation($id: ID!, $img: String) { completeFaceVerification(verifyId: $id, faceImage: $img) { level } }',
        { id: verifyId, img: image },
        accessToken,
      );
    }
    await this.mock.json(`/${SIMULATOR_PATH[platform]}/dev/face/${verifyId}/complete`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'pass' }),
    });
    return this.bff.gql(
      'mutation($id: ID!) { completeFaceVerification(verifyId: $id) { level } }',
      { id: verifyId },
      accessToken,
    );
  }

  /**
   * A second platform account of the same person: verifying their name and ID number
   * asks for proof of possession (REALNAME_LINK_PROOF_REQUIRED), which a face pass on
   * this account gives. Returns the joined session (level 3).
   */
  async joinedOn(platform: keyof typeof SIMULATOR_PATH, person: { idNumber: string; name: string }): Promise<SignedIn> {
    const session = await this.signIn(platform);
    const asked = await this.bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, session.accessToken);
    if (asked.body.errors?.[0]?.extensions?.code !== 'REALNAME_LINK_PROOF_REQUIRED')
      throw new Error(`expected a proof to be asked: ${JSON.stringify(asked.body)}`);
    const done = await this.passFace(platform, session.accessToken, person);
    if (done.body.data?.completeFaceVerification.level !== 3)
      throw new Error(`joining failed: ${JSON.stringify(done.body.errors)}`);
    return session;
  }

  async bindPhone(session: SignedIn, phone: string): Promise<void> {
    await this.bff.gql(
      'mutation($p: String!) { sendPhoneCode(phone: $p) { maskedPhone } }',
      { p: phone },
      session.accessToken,
    );
    const { messages } = await this.mock.json(`/sms/dev/outbox?phone=${phone}`);
    const { body } = await this.bff.gql(
      'mutation($p: String!, $c: String!) { bindPhone(phone: $p, code: $c) { maskedPhone } }',
      { p: phone, c: messages.at(-1).params.code },
      session.accessToken,
    );
    if (!body.data) throw new Error(`bind failed: ${JSON.stringify(body.errors)}`);
  }
}

/** An operator made directly in the database, then signed in through the API: their console token. */
export async function operatorToken(
  bff: RunningBff,
  username: string,
  role: 'clerk' | 'editor' | 'publisher' | 'admin',
  password = `${username}-password-2026`,
): Promise<string> {
  await bff.built.services.operators.create(username, password, role);
  const { body } = await bff.gql(
    'mutation($u: String!, $p: String!) { operatorSignIn(username: $u, password: $p) { token } }',
    { u: username, p: password },
  );
  if (!body.data) throw new Error(`operator sign-in failed: ${JSON.stringify(body.errors)}`);
  return body.data.operatorSignIn.token;
}

/** The China date `days` from today, moved forward to the next Monday–Friday. */
export function chinaWeekday(days: number, from = Date.now()): string {
  let at = from + 8 * 3600_000 + days * 86_400_000;
  while ([0, 6].includes(new Date(at).getUTCDay())) at += 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
}
/** A China date and HH:MM as an ISO instant. */
export const startsAt = (date: string, time: string) =>
  new Date(Date.parse(`${date}T${time}:00Z`) - 8 * 3600_000).toISOString();

/** Reads until `done` says so, every 100 ms, or fails after `timeoutMs` with the last value read. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
