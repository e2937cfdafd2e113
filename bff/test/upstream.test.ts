import pino from 'pino';
import { UpstreamClient, type UpstreamOptions } from '../src/upstream/client';
import { Metrics } from '../src/upstream/metrics';
import { AgencyCircuitOpenError, AgencyTimeoutError, AgencyUnavailableError } from '../src/upstream/errors';
import { Deadline } from '../src/upstream/deadline';
import { startMockData, type MockData } from './helpers';

/** The upstream client against a real mock-data process, with faults switched per test. */
describe('upstream client', () => {
  let mock: MockData;
  const clients: UpstreamClient[] = [];
  const client = (overrides: Partial<UpstreamOptions> = {}) => {
    const c = new UpstreamClient({
      baseUrl: mock.url,
      timeoutMs: 1000,
      retries: 2,
      maxSockets: 8,
      breaker: { errorPercent: 50, windowMs: 10_000, minCalls: 5, resetMs: 5000 },
      metrics: new Metrics(false),
      logger: pino({ level: 'silent' }),
      ...overrides,
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    mock = await startMockData();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await mock.stop();
  });
  afterEach(() => mock.resetFaults());

  it('returns an agency’s 4xx answer as an answer, not a failure', async () => {
    const c = client();
    const response = await c.request('population', { path: '/v1/persons/11010519491231002X', deadline: null });
    expect(response.status).toBe(404);
    expect(c.stats('population')).toEqual({ calls: 1, failures: 0 });
  });

  it('gives up after its timeout on an agency that hangs', async () => {
    await mock.fault('vehicle', { mode: 'hang' });
    const c = client({ timeoutMs: 300, retries: 0 });
    const started = Date.now();
    await expect(c.request('vehicle', { path: '/healthz', deadline: null })).rejects.toBeInstanceOf(AgencyTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries idempotent reads, and never a write', async () => {
    await mock.fault('social-insurance', { errorRate: 1 });
    // Breaker out of the way: this test counts attempts.
    const c = client({ breaker: { errorPercent: 100, windowMs: 10_000, minCalls: 100, resetMs: 5000 } });
    await expect(c.request('social-insurance', { path: '/healthz', deadline: null })).rejects.toBeInstanceOf(
      AgencyUnavailableError,
    );
    expect(c.stats('social-insurance')).toEqual({ calls: 3, failures: 3 });
    await expect(
      c.request('social-insurance', {
        method: 'POST',
        path: '/v1/insured/batch',
        body: { idNumbers: ['x'] },
        deadline: null,
      }),
    ).rejects.toMatchObject({ code: 'AGENCY_UNAVAILABLE' });
    expect(c.stats('social-insurance')).toEqual({ calls: 4, failures: 4 });
    await expect(
      c.request('social-insurance', {
        method: 'POST',
        path: '/v1/insured/batch',
        body: { idNumbers: ['x'] },
        idempotent: true,
        deadline: null,
      }),
    ).rejects.toBeInstanceOf(AgencyUnavailableError);
    expect(c.stats('social-insurance')).toEqual({ calls: 7, failures: 7 });
  });

  it('recovers by retrying when an agency fails only sometimes', async () => {
    await mock.fault('licences', { errorRate: 0.3 });
    // The agency's failures come from its seeded sequence (MOCK_SEED), so which calls fail is the same every run.
    // The breaker is set not to trip at 30%, and the retry budget not to stop this test's retries.
    const c = client({
      retries: 8,
      retryBudget: { percent: 100, minPerSecond: 10 },
      breaker: { errorPercent: 90, windowMs: 10_000, minCalls: 20, resetMs: 5000 },
    });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        c.request('licences', { path: '/healthz', query: { n: String(i) }, deadline: null }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(c.stats('licences').failures).toBeGreaterThan(0);
    // Up to eight backoffs of up to 2 s each when one request is unlucky: more than jest's default 5 s.
  }, 20_000);

  it('counts one request once towards opening the breaker, however many attempts it made', async () => {
    await mock.fault('alipay', { errorRate: 1 });
    const c = client({ retries: 2, breaker: { errorPercent: 50, windowMs: 10_000, minCalls: 3, resetMs: 5000 } });
    await expect(c.request('alipay', { path: '/healthz', deadline: null })).rejects.toBeInstanceOf(
      AgencyUnavailableError,
    );
    // Three failed attempts, one failed request: below the three calls the breaker needs.
    expect(c.stats('alipay').calls).toBe(3);
    expect(c.breakerState('alipay')).toBe('CLOSED');
    for (let i = 0; i < 2; i++)
      await expect(
        c.request('alipay', { path: '/healthz', query: { i: String(i) }, deadline: null }),
      ).rejects.toBeInstanceOf(AgencyUnavailableError);
    expect(c.breakerState('alipay')).toBe('OPEN');
    await expect(c.request('alipay', { path: '/healthz', deadline: null })).rejects.toBeInstanceOf(
      AgencyCircuitOpenError,
    );
    expect(c.stats('alipay').calls).toBe(9);
  });

  it('keeps attempts, retries and waits within the request’s deadline', async () => {
    await mock.fault('vehicle', { mode: 'hang' });
    const c = client({ timeoutMs: 3000, retries: 2 });
    const started = Date.now();
    await expect(
      c.request('vehicle', { path: '/healthz', deadline: new Deadline(Date.now(), 400) }),
    ).rejects.toBeInstanceOf(AgencyTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(Date.now() - started).toBeLessThan(900);
    // A spent deadline makes no call at all.
    const before = c.stats('vehicle').calls;
    await expect(
      c.request('vehicle', { path: '/healthz', deadline: new Deadline(Date.now() - 10, 5) }),
    ).rejects.toBeInstanceOf(AgencyTimeoutError);
    expect(c.stats('vehicle').calls).toBe(before);
  });

  it('honours 429 with Retry-After within the deadline, and does not count it against the breaker', async () => {
    await mock.fault('tax', { mode: 'throttle' });
    const c = client({ retries: 2, breaker: { errorPercent: 50, windowMs: 10_000, minCalls: 1, resetMs: 5000 } });
    // Retry-After: 1 s does not fit a 500 ms deadline: no wait, no retry, the agency's answer at once.
    let started = Date.now();
    await expect(c.request('tax', { path: '/healthz', deadline: new Deadline(Date.now(), 500) })).rejects.toMatchObject(
      { code: 'AGENCY_UNAVAILABLE' },
    );
    expect(Date.now() - started).toBeLessThan(300);
    expect(c.stats('tax')).toEqual({ calls: 1, failures: 0 });
    expect(c.breakerState('tax')).toBe('CLOSED');
    // With time for it, the retry waits as long as asked, and then gets through.
    setTimeout(() => void mock.resetFaults(), 300);
    started = Date.now();
    expect((await c.request('tax', { path: '/healthz', deadline: new Deadline(Date.now(), 3000) })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('stops retrying an agency that fails for everyone once its retry budget is spent', async () => {
    await mock.fault('housing', { errorRate: 1 });
    // 10% of requests plus 5 per 10 s; the breaker out of the way.
    const c = client({
      retries: 2,
      retryBudget: { percent: 10, minPerSecond: 0.5 },
      breaker: { errorPercent: 100, windowMs: 10_000, minCalls: 1000, resetMs: 5000 },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        c.request('housing', { path: '/healthz', query: { i: String(i) }, deadline: null }),
      ),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // Without a budget: 90 calls (30 × 3). With it: 30 + at most 5 + 10% of 30.
    expect(c.stats('housing').calls).toBeGreaterThanOrEqual(30);
    expect(c.stats('housing').calls).toBeLessThanOrEqual(38);
  });

  it('gives each agency a pool of its own: one hanging agency does not hold up the others', async () => {
    await mock.fault('education', { mode: 'hang' });
    const c = client({ maxSockets: 4, timeoutMs: 1500, retries: 0 });
    // Eight calls hang on education, twice its sockets; a shared pool of four would make population wait behind them.
    const hanging = Array.from({ length: 8 }, (_, i) =>
      c.request('education', { path: '/healthz', query: { i: String(i) }, deadline: null }).catch((e) => e),
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        c.request('population', { path: '/healthz', query: { i: String(i) }, deadline: null }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(Date.now() - started).toBeLessThan(500);
    expect((await Promise.all(hanging)).every((e) => e instanceof AgencyTimeoutError)).toBe(true);
  });

  it('opens the breaker after repeated failures, refuses without calling, and closes after recovery', async () => {
    await mock.fault('provident-fund', { errorRate: 1 });
    const c = client({ retries: 0, breaker: { errorPercent: 50, windowMs: 10_000, minCalls: 3, resetMs: 400 } });
    for (let i = 0; i < 3; i++)
      await expect(
        c.request('provident-fund', { path: '/healthz', query: { i: String(i) }, deadline: null }),
      ).rejects.toBeInstanceOf(AgencyUnavailableError);
    expect(c.breakerState('provident-fund')).toBe('OPEN');
    const before = c.stats('provident-fund').calls;
    await expect(c.request('provident-fund', { path: '/healthz', deadline: null })).rejects.toBeInstanceOf(
      AgencyCircuitOpenError,
    );
    expect(c.stats('provident-fund').calls).toBe(before);
    // Other agencies are unaffected.
    expect((await c.request('population', { path: '/healthz', deadline: null })).status).toBe(200);

    await mock.resetFaults();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(c.breakerState('provident-fund')).toBe('HALF_OPEN');
    expect((await c.request('provident-fund', { path: '/healthz', deadline: null })).status).toBe(200);
    expect(c.breakerState('provident-fund')).toBe('CLOSED');
  });

  it('makes one call for identical reads in flight at once', async () => {
    await mock.fault('licences', { latencyMs: 200 });
    const c = client();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => c.request('licences', { path: '/healthz', deadline: null })),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(c.stats('licences').calls).toBe(1);
    // Writes are never shared.
    await Promise.all(
      Array.from({ length: 3 }, () =>
        c.request('sms', {
          method: 'POST',
          path: '/v1/messages',
          body: { phone: '13800000000', templateId: 'T' },
          deadline: null,
        }),
      ),
    );
    expect(c.stats('sms').calls).toBe(3);
  });
});
