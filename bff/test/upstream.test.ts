import pino from 'pino';
import { UpstreamClient, type UpstreamOptions } from '../src/upstream/client';
import { Metrics } from '../src/upstream/metrics';
import { AgencyCircuitOpenError, AgencyTimeoutError, AgencyUnavailableError } from '../src/upstream/errors';
import { startMockData, type MockData } from './helpers';

/** The upstream client against a real mock-data process, with faults switched per test. */
describe('upstream client', () => {
  let mock: MockData;
  const clients: UpstreamClient[] = [];
  const client = (overrides: Partial<UpstreamOptions> = {}) => {
    const c = new UpstreamClient({
      baseUrl: mock.url, timeoutMs: 1000, retries: 2, maxSockets: 8,
      breaker: { errorPercent: 50, windowMs: 10_000, minCalls: 5, resetMs: 5000 },
      metrics: new Metrics(false), logger: pino({ level: 'silent' }), ...overrides,
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
    const response = await c.request('population', { path: '/v1/persons/11010519491231002X' });
    expect(response.status).toBe(404);
    expect(c.stats('population')).toEqual({ calls: 1, failures: 0 });
  });

  it('gives up after its timeout on an agency that hangs', async () => {
    await mock.fault('vehicle', { mode: 'hang' });
    const c = client({ timeoutMs: 300, retries: 0 });
    const started = Date.now();
    await expect(c.request('vehicle', { path: '/healthz' })).rejects.toBeInstanceOf(AgencyTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries idempotent reads, and never a write', async () => {
    await mock.fault('social-insurance', { errorRate: 1 });
    // Breaker out of the way: this test counts attempts.
    const c = client({ breaker: { errorPercent: 100, windowMs: 10_000, minCalls: 100, resetMs: 5000 } });
    await expect(c.request('social-insurance', { path: '/healthz' })).rejects.toBeInstanceOf(AgencyUnavailableError);
    expect(c.stats('social-insurance')).toEqual({ calls: 3, failures: 3 });
    await expect(c.request('social-insurance', { method: 'POST', path: '/v1/insured/batch', body: { idNumbers: ['x'] } })).rejects.toMatchObject({ code: 'AGENCY_UNAVAILABLE' });
    expect(c.stats('social-insurance')).toEqual({ calls: 4, failures: 4 });
    await expect(c.request('social-insurance', { method: 'POST', path: '/v1/insured/batch', body: { idNumbers: ['x'] }, idempotent: true })).rejects.toBeInstanceOf(AgencyUnavailableError);
    expect(c.stats('social-insurance')).toEqual({ calls: 7, failures: 7 });
  });

  it('recovers by retrying when an agency fails only sometimes', async () => {
    await mock.fault('licences', { errorRate: 0.3 });
    // Nine attempts at 30% failure: all failing is 2 in 100,000 a request. Thirty requests, so that
    // none failing even once (0.7^30, 2 in 100,000) cannot pass for recovery. The breaker is set not to trip at 30%.
    const c = client({ retries: 8, breaker: { errorPercent: 90, windowMs: 10_000, minCalls: 20, resetMs: 5000 } });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => c.request('licences', { path: '/healthz', query: { n: String(i) } })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(c.stats('licences').failures).toBeGreaterThan(0);
    // Up to eight backoffs of up to 2 s each when one request is unlucky: more than jest's default 5 s.
  }, 20_000);

  it('counts every failed attempt, retries included, towards opening the breaker', async () => {
    await mock.fault('alipay', { errorRate: 1 });
    const c = client({ retries: 2, breaker: { errorPercent: 50, windowMs: 10_000, minCalls: 3, resetMs: 5000 } });
    await expect(c.request('alipay', { path: '/healthz' })).rejects.toBeInstanceOf(AgencyUnavailableError);
    expect(c.breakerState('alipay')).toBe('OPEN');
    await expect(c.request('alipay', { path: '/healthz' })).rejects.toBeInstanceOf(AgencyCircuitOpenError);
    expect(c.stats('alipay').calls).toBe(3);
  });

  it('opens the breaker after repeated failures, refuses without calling, and closes after recovery', async () => {
    await mock.fault('provident-fund', { errorRate: 1 });
    const c = client({ retries: 0, breaker: { errorPercent: 50, windowMs: 10_000, minCalls: 3, resetMs: 400 } });
    for (let i = 0; i < 3; i++) await expect(c.request('provident-fund', { path: '/healthz', query: { i: String(i) } })).rejects.toBeInstanceOf(AgencyUnavailableError);
    expect(c.breakerState('provident-fund')).toBe('OPEN');
    const before = c.stats('provident-fund').calls;
    await expect(c.request('provident-fund', { path: '/healthz' })).rejects.toBeInstanceOf(AgencyCircuitOpenError);
    expect(c.stats('provident-fund').calls).toBe(before);
    // Other agencies are unaffected.
    expect((await c.request('population', { path: '/healthz' })).status).toBe(200);

    await mock.resetFaults();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(c.breakerState('provident-fund')).toBe('HALF_OPEN');
    expect((await c.request('provident-fund', { path: '/healthz' })).status).toBe(200);
    expect(c.breakerState('provident-fund')).toBe('CLOSED');
  });

  it('makes one call for identical reads in flight at once', async () => {
    await mock.fault('licences', { latencyMs: 200 });
    const c = client();
    const responses = await Promise.all(Array.from({ length: 5 }, () => c.request('licences', { path: '/healthz' })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(c.stats('licences').calls).toBe(1);
    // Writes are never shared.
    await Promise.all(Array.from({ length: 3 }, () => c.request('sms', { method: 'POST', path: '/v1/messages', body: { phone: '13800000000', templateId: 'T' } })));
    expect(c.stats('sms').calls).toBe(3);
  });
});
