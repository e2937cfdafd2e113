import { Agent, request as undiciRequest, errors as undiciErrors } from 'undici';
import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import { AGENCIES, type AgencyName } from '@citizen/shared';
import type { Metrics } from './metrics';
import { AgencyCircuitOpenError, AgencyTimeoutError, AgencyUnavailableError } from './errors';

export interface UpstreamOptions {
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  maxSockets: number;
  breaker: { errorPercent: number; windowMs: number; minCalls: number; resetMs: number };
  metrics: Metrics;
  logger: Logger;
}

export interface UpstreamRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Reads that may be retried and deduplicated. GETs are; a POST read (batch lookup) says so. Writes never are. */
  idempotent?: boolean;
  timeoutMs?: number;
  /** Probes skip retries: they should report the agency as it is now. */
  retries?: number;
  /** Extra headers, e.g. an Idempotency-Key that makes a retried write safe at the agency. */
  headers?: Record<string, string>;
}

export interface UpstreamResponse<T> {
  status: number;
  body: T;
}

export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** An answer that counts as the agency failing: thrown inside the breaker so it counts. */
class FailedAttempt extends Error {
  constructor(readonly kind: 'timeout' | 'network_error' | 'server_error', readonly status?: number, readonly retryAfterMs?: number) {
    super(kind);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one way the BFF calls an agency. Per call: a timeout. For idempotent reads:
 * retries with exponential backoff and jitter that honour Retry-After, and
 * deduplication of identical calls in flight. Per agency: a circuit breaker and
 * counters. 4xx answers are the agency's answer (e.g. not found) and are returned;
 * 5xx, timeouts and connection failures are thrown as coded upstream errors.
 */
export class UpstreamClient {
  private readonly dispatcher: Agent;
  private readonly breakers = new Map<AgencyName, CircuitBreaker<[() => Promise<UpstreamResponse<unknown>>], UpstreamResponse<unknown>>>();
  private readonly inFlight = new Map<string, Promise<UpstreamResponse<unknown>>>();
  private readonly counts = new Map<AgencyName, { calls: number; failures: number }>();

  constructor(private readonly options: UpstreamOptions) {
    this.dispatcher = new Agent({ connections: options.maxSockets, keepAliveTimeout: 10_000, pipelining: 1 });
    for (const agency of AGENCIES) {
      const breaker = new CircuitBreaker((attempt: () => Promise<UpstreamResponse<unknown>>) => attempt(), {
        timeout: false, // each attempt has its own timeout
        errorThresholdPercentage: options.breaker.errorPercent,
        rollingCountTimeout: options.breaker.windowMs,
        volumeThreshold: options.breaker.minCalls,
        resetTimeout: options.breaker.resetMs,
      });
      const gauge = options.metrics.breakerOpen.labels(agency);
      gauge.set(0);
      breaker.on('open', () => { gauge.set(1); options.logger.warn({ agency }, 'circuit opened'); });
      breaker.on('halfOpen', () => gauge.set(0.5));
      breaker.on('close', () => { gauge.set(0); options.logger.info({ agency }, 'circuit closed'); });
      this.breakers.set(agency, breaker);
      this.counts.set(agency, { calls: 0, failures: 0 });
    }
  }

  /** @returns the agency's answer, or throws AgencyTimeoutError / AgencyUnavailableError / AgencyCircuitOpenError. */
  async request<T>(agency: AgencyName, req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? method === 'GET';
    if (!idempotent) return (await this.withRetries(agency, req, 0)) as UpstreamResponse<T>;
    const key = `${agency} ${method} ${req.path} ${JSON.stringify(req.query ?? {})} ${JSON.stringify(req.body ?? null)} ${JSON.stringify(req.headers ?? {})}`;
    const pending = this.inFlight.get(key);
    if (pending) {
      this.options.metrics.upstreamDeduplicated.labels(agency).inc();
      return pending as Promise<UpstreamResponse<T>>;
    }
    const call = this.withRetries(agency, req, req.retries ?? this.options.retries).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call as Promise<UpstreamResponse<T>>;
  }

  breakerState(agency: AgencyName): BreakerState {
    const breaker = this.breakers.get(agency)!;
    return breaker.opened ? 'OPEN' : breaker.halfOpen ? 'HALF_OPEN' : 'CLOSED';
  }

  /** Calls and failures since start, per agency. */
  stats(agency: AgencyName): { calls: number; failures: number } {
    return { ...this.counts.get(agency)! };
  }

  async close(): Promise<void> {
    for (const breaker of this.breakers.values()) breaker.shutdown();
    await this.dispatcher.close();
  }

  private async withRetries(agency: AgencyName, req: UpstreamRequest, retries: number): Promise<UpstreamResponse<unknown>> {
    const breaker = this.breakers.get(agency)!;
    for (let attempt = 0; ; attempt++) {
      try {
        return await breaker.fire(() => this.attempt(agency, req));
      } catch (error) {
        if ((error as { code?: string }).code === 'EOPENBREAKER') {
          this.options.metrics.upstreamCalls.labels(agency, 'circuit_open').inc();
          throw new AgencyCircuitOpenError(agency);
        }
        if (!(error instanceof FailedAttempt)) throw error;
        if (attempt >= retries) {
          throw error.kind === 'timeout' ? new AgencyTimeoutError(agency) : new AgencyUnavailableError(agency, error.status);
        }
        this.options.metrics.upstreamRetries.labels(agency).inc();
        // Exponential backoff with full jitter, but never sooner than the agency asked.
        const backoff = Math.random() * 100 * 2 ** attempt;
        await sleep(Math.min(Math.max(backoff, error.retryAfterMs ?? 0), 2_000));
      }
    }
  }

  /** One HTTP attempt. Throws FailedAttempt for what should count against the agency. */
  private async attempt(agency: AgencyName, req: UpstreamRequest): Promise<UpstreamResponse<unknown>> {
    const counts = this.counts.get(agency)!;
    counts.calls++;
    const url = new URL(`${this.options.baseUrl.replace(/\/$/, '')}/${agency}${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const timer = this.options.metrics.upstreamDuration.labels(agency).startTimer();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const fail = (kind: FailedAttempt['kind'], status?: number, retryAfterMs?: number) => {
      counts.failures++;
      this.options.metrics.upstreamCalls.labels(agency, kind).inc();
      return new FailedAttempt(kind, status, retryAfterMs);
    };
    try {
      const response = await undiciRequest(url, {
        method: req.method ?? 'GET',
        dispatcher: this.dispatcher,
        headers: { accept: 'application/json', ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.body.text();
      if (response.statusCode >= 500) {
        const retryAfter = Number(response.headers['retry-after']);
        throw fail('server_error', response.statusCode, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
      }
      this.options.metrics.upstreamCalls.labels(agency, response.statusCode >= 400 ? 'client_error' : 'ok').inc();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        throw fail('server_error', response.statusCode);
      }
      return { status: response.statusCode, body };
    } catch (error) {
      if (error instanceof FailedAttempt) throw error;
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError' || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
        throw fail('timeout');
      }
      throw fail('network_error');
    } finally {
      timer();
    }
  }
}
