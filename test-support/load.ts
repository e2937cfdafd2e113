/**
 * Steady mixed load against a BFF (through the balancer): reads and submissions at a
 * fixed rate, each request's outcome recorded, for the rolling-restart test and bench.
 * A submission is `submitApplication` of the social-insurance payment record with a key
 * of its own; the caller checks afterwards that each one answered is stored once.
 */
import { request } from 'undici';

export interface LoadSession {
  accessToken: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  failed: number;
  failures: string[];
  /** Submissions answered with an application: key → application id. */
  submitted: Map<string, string>;
  /** Keys of submissions sent (answered or not). */
  keys: string[];
  latenciesMs: number[];
}

const READS = [
  { query: '{ serviceCategories { id name } }', needsToken: false },
  { query: 'query { myApplications(first: 5) { items { id number status } } }', needsToken: true },
  { query: 'query { me { level realName { maskedName } } }', needsToken: true },
];
const SUBMIT =
  'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number status } }';
const ANSWERS = { months: '12', purpose: 'other', purposeOther: '积分入户', delivery: 'electronic' };

export async function steadyLoad(options: {
  url: string;
  sessions: LoadSession[];
  perSecond: number;
  durationMs: number;
  submitShare?: number;
  while?: Promise<unknown>;
}): Promise<LoadResult> {
  const result: LoadResult = {
    sent: 0,
    ok: 0,
    failed: 0,
    failures: [],
    submitted: new Map(),
    keys: [],
    latenciesMs: [],
  };
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  const prefix = `load-${process.pid}-${started.toString(36)}`;
  const one = async (n: number) => {
    const session = options.sessions[n % options.sessions.length];
    const submit = n % 100 < (options.submitShare ?? 0.3) * 100;
    const read = READS[n % READS.length];
    const key = `${prefix}-${n}`;
    const body = submit
      ? { query: SUBMIT, variables: { s: 'si-payment-record', a: ANSWERS, k: key } }
      : { query: read.query };
    if (submit) result.keys.push(key);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (submit || read.needsToken) headers.authorization = `Bearer ${session.accessToken}`;
    const t0 = performance.now();
    result.sent++;
    try {
      // A connection per request (`reset`): a browser resends a request whose kept-alive
      // connection the balancer closed as it reloaded; this client does not, so it keeps none.
      const response = await request(`${options.url}/graphql`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        reset: true,
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      const text = await response.body.text();
      const json = (response.headers['content-type'] ?? '').includes('json')
        ? (JSON.parse(text) as { data?: Record<string, any>; errors?: Array<{ extensions?: { code?: string } }> })
        : {};
      if (response.statusCode !== 200 || !json.data || json.errors?.length) {
        result.failed++;
        result.failures.push(
          `${response.statusCode} ${json.errors?.map((e) => e.extensions?.code).join(',') ?? text.slice(0, 80)}`,
        );
      } else {
        result.ok++;
        if (submit) result.submitted.set(key, json.data!.submitApplication.id);
      }
    } catch (error) {
      result.failed++;
      result.failures.push(`network ${(error as Error).message}`);
    } finally {
      result.latenciesMs.push(performance.now() - t0);
    }
  };
  const intervalMs = 1000 / options.perSecond;
  for (let n = 0; ; n++) {
    const due = started + n * intervalMs;
    if (due - started >= options.durationMs) break;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const p: Promise<void> = one(n).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  await options.while;
  return result;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
