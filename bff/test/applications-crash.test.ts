import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../../test-support/stack';
import { Citizens, startMockData, type MockData, type RunningBff } from './helpers';

/**
 * Submission survives a crash: a real BFF process is killed (SIGKILL, no goodbye) while
 * submissions and hand-offs are in flight, and a new process on the same database takes
 * over. Every application a citizen was given a number for is there; every retry of a
 * submission finds its first answer; each department has each application exactly once.
 */
const SUBMIT = `mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number } }`;
const APP = `query($id: ID!) { application(id: $id) { number departments { receiptNo } } }`;
const ANSWERS = { months: '12', purpose: 'home', delivery: 'electronic' };
const COUNT = 40;

/** The BFF as one node process (no tsx wrapper in between), so SIGKILL kills the server itself. */
function startBff(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bff/src/server.ts'], {
      cwd: REPO,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/bff listening on (http:\/\/[\d.:]+)/);
      if (match) resolve({ url: match[1]!, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`bff exited with ${code}:\n${output}`)));
  });
}

const client = (url: string) => ({
  async gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  },
});

let mock: MockData;
let dataDir: string;
const children: ChildProcess[] = [];
beforeAll(async () => {
  // The department answers slowly, so hand-offs are in flight when the process dies.
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0', MOCK_FAULTS: 'social-insurance=latency:120' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-crash-'));
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await mock.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('loses no acknowledged application and hands none to a department twice when the BFF is killed mid-flight', async () => {
  const env = {
    DATA_DIR: dataDir,
    AGENCY_BASE_URL: mock.url,
    OUTBOX_POLL_MS: '50',
    OUTBOX_LEASE_MS: '1500',
    DEPARTMENT_POLL_MS: '200',
    UPSTREAM_RETRIES: '0',
  };
  const first = await startBff(env);
  children.push(first.child);
  const citizens = new Citizens(client(first.url) as unknown as RunningBff, mock, 1000, 'social-insurance');
  const session = await citizens.verified();
  const keys = Array.from({ length: COUNT }, (_, i) => `crash-${Date.now()}-${i}`);

  // Submissions in a steady stream; the process is killed after the tenth answer.
  const acknowledged = new Map<string, string>();
  let killed = false;
  await Promise.all(
    keys.map(async (key, i) => {
      await new Promise((r) => setTimeout(r, i * 15));
      if (killed) return;
      try {
        const { body } = await client(first.url).gql(
          SUBMIT,
          { s: 'si-payment-record', a: ANSWERS, k: key },
          session.accessToken,
        );
        if (body.data?.submitApplication) acknowledged.set(key, body.data.submitApplication.number);
      } catch {
        // the connection died with the process: not acknowledged
      }
      if (acknowledged.size >= 10 && !killed) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    }),
  );
  expect(killed).toBe(true);
  expect(acknowledged.size).toBeGreaterThanOrEqual(10);
  expect(acknowledged.size).toBeLessThan(COUNT);

  // A new process on the same database; the app retries every submission with its key.
  const second = await startBff(env);
  children.push(second.child);
  const api = client(second.url);
  const applications = new Map<string, { id: string; number: string }>();
  for (const key of keys) {
    const { body } = await api.gql(SUBMIT, { s: 'si-payment-record', a: ANSWERS, k: key }, session.accessToken);
    expect(body.errors).toBeUndefined();
    applications.set(key, body.data.submitApplication);
  }
  // Whatever was acknowledged before the crash is the same application now.
  for (const [key, number] of acknowledged) expect(applications.get(key)!.number).toBe(number);
  expect(new Set([...applications.values()].map((a) => a.id)).size).toBe(COUNT);

  // Every application reaches the department once: one case per number, the receipt we hold.
  const numbers = new Set([...applications.values()].map((a) => a.number));
  const started = Date.now();
  let cases: Array<{ reference: string; receiptNo: string }> = [];
  for (;;) {
    cases = ((await mock.json('/social-insurance/dev/applications')).applications as typeof cases).filter((c) =>
      numbers.has(c.reference),
    );
    if (cases.length >= COUNT || Date.now() - started > 30_000) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(cases).toHaveLength(COUNT);
  expect(new Set(cases.map((c) => c.reference)).size).toBe(COUNT);
  for (const application of applications.values()) {
    const receipt = await (async () => {
      for (let i = 0; i < 50; i++) {
        const { body } = await api.gql(APP, { id: application.id }, session.accessToken);
        const held = body.data.application.departments[0].receiptNo;
        if (held) return held as string;
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    })();
    expect(receipt).toBe(cases.find((c) => c.reference === application.number)!.receiptNo);
  }
}, 90_000);
