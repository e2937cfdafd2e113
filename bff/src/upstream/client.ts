import { Agent, request as undiciRequest, errors as undiciErrors } from 'undici';
import CircuitBreaker from 'opossum';
import type { Logger } from 'pino';
import { AGENCIES, type AgencyName } from '@citizen/shared';
import type { Metrics } from './metrics';
import { AgencyCircuitOpenError, AgencyTimeoutError, AgencyUnavailableError } from './errors';
import type { Deadline } from './deadline';
import { RetryBudget } from './budget';
import { context, propagation } from '@opentelemetry/api';
import { REQUEST_ID_HEADER } from '../observability/requestId';
import { traceAgencyCall } from '../observability/tracing';

function correlationHeaders(deadline: Deadline | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const requestId = deadline?.requestId;
  if (requestId) headers[REQUEST_ID_HEADER] = requestId;
  propagation.inject(context.active(), headers);
  return headers;
}

export interface UpstreamOptions {
  baseUrl: string;
  timeoutMs: number;
  retries: number;
  /** Keep-alive connections per agency: each agency has a pool of its own (a bulkhead). */
  maxSockets: number;
  /** Retries may add at most `percent` of an agency's requests (plus `minPerSecond`, default 1, over a 10 s window). */
  retryBudget?: { percent: number; minPerSecond?: number };
  breaker: { errorPercent: number; windowMs: number; minCalls: number; resetMs: number };
  metrics: Metrics;
  logger: Logger;
}

export interface UpstreamRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A form-encoded body instead of JSON (Alipay's gateway takes its parameters so). */
  form?: Record<string, string>;
  /** Reads that may be retried and deduplicated. GETs are; a POST read (batch lookup) says so. Writes never are. */
  idempotent?: boolean;
  timeoutMs?: number;
  /** Probes skip retries: they should report the agency as it is now. */
  retries?: number;
  /** Extra headers, e.g. an Idempotency-Key that makes a retried write safe at the agency. */
  headers?: Record<string, string>;
  /**
   * The deadline of the request this call is made for: attempts, retries and Retry-After
   * waits stay within it, and its request id goes to the agency. null: not request-bound
   * (outbox, probes, background work): only the per-call timeout applies. Required, so
   * that no call made for a request can forget its budget.
   */
  deadline: Deadline | null;
}

export interface UpstreamResponse<T> {
  status: number;
  body: T;
}

export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

type FailureKind = 'timeout' | 'network_error' | 'server_error' | 'throttled' | 'deadline';

/**
 * An attempt that did not give an answer. Thrown inside the breaker so it counts,
 * except `throttled` (the agency is alive and asked us to slow down) and `deadline`
 * (no time was left to call at all).
 */
class FailedAttempt extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(kind);
  }
}

/** The longest wait before a retry, inside a request or not: past it, the caller answers now (or, outside a request, tries again later). */
const MAX_UNBOUND_WAIT_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * The one way the BFF calls an agency. Per call: a timeout, cut to what is left of
 * the request's deadline. For idempotent reads: retries with exponential backoff and
 * jitter that honour Retry-After (429 and 5xx), within the deadline and the agency's
 * retry budget, and deduplication of identical calls in flight. Per agency: its own
 * connection pool (so one hanging agency cannot take the sockets of the others), a
 * circuit breaker that counts each request once however many attempts it made, and
 * counters. 4xx answers other than 429 are the agency's answer (e.g. not found) and
 * are returned; 5xx, 429, timeouts and connection failures are thrown as coded errors.
 */
export class UpstreamClient {
  private readonly dispatchers = new Map<AgencyName, Agent>();
  private readonly breakers = new Map<
    AgencyName,
    CircuitBreaker<[() => Promise<UpstreamResponse<unknown>>], UpstreamResponse<unknown>>
  >();
  private readonly inFlight = new Map<string, Promise<UpstreamResponse<unknown>>>();
  private readonly counts = new Map<AgencyName, { calls: number; failures: number }>();
  private readonly budget: RetryBudget;

  constructor(private readonly options: UpstreamOptions) {
    this.budget = new RetryBudget(options.retryBudget?.percent ?? 10, options.retryBudget?.minPerSecond ?? 1);
    for (const agency of AGENCIES) {
      this.dispatchers.set(
        agency,
        new Agent({ connections: options.maxSockets, keepAliveTimeout: 10_000, pipelining: 1 }),
      );
      const breaker = new CircuitBreaker((call: () => Promise<UpstreamResponse<unknown>>) => call(), {
        timeout: false, // each attempt has its own timeout
        errorThresholdPercentage: options.breaker.errorPercent,
        rollingCountTimeout: options.breaker.windowMs,
        volumeThreshold: options.breaker.minCalls,
        resetTimeout: options.breaker.resetMs,
        // Filtered errors count as successes: only for answers that prove the agency alive.
        errorFilter: (error: unknown) => error instanceof FailedAttempt && error.kind === 'throttled',
      });
      const gauge = options.metrics.breakerOpen.labels(agency);
      gauge.set(0);
      breaker.on('open', () => {
        gauge.set(1);
        options.logger.warn({ agency }, 'circuit opened');
      });
      breaker.on('halfOpen', () => gauge.set(0.5));
      breaker.on('close', () => {
        gauge.set(0);
        options.logger.info({ agency }, 'circuit closed');
      });
      this.breakers.set(agency, breaker);
      this.counts.set(agency, { calls: 0, failures: 0 });
    }
  }

  /** @returns the agency's answer, or throws AgencyTimeoutError / AgencyUnavailableError / AgencyCircuitOpenError. */
  async request<T>(agency: AgencyName, req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? method === 'GET';
    const deadline = req.deadline ?? undefined;
    if (deadline?.expired()) {
      this.options.metrics.upstreamCalls.labels(agency, 'deadline').inc();
      throw new AgencyTimeoutError(agency);
    }
    this.budget.request(agency);
    if (!idempotent) return (await this.guarded(agency, req, 0, deadline)) as UpstreamResponse<T>;
    const key = `${agency} ${method} ${req.path} ${JSON.stringify(req.query ?? {})} ${JSON.stringify(req.body ?? req.form ?? null)} ${JSON.stringify(req.headers ?? {})}`;
    const pending = this.inFlight.get(key);
    if (pending) {
      this.options.metrics.upstreamDeduplicated.labels(agency).inc();
      // The call in flight runs on its first caller's deadline; a caller with less time left stops waiting at its own.
      return (deadline ? this.within(pending, deadline, agency) : pending) as Promise<UpstreamResponse<T>>;
    }
    const call = this.guarded(agency, req, req.retries ?? this.options.retries, deadline).finally(() =>
      this.inFlight.delete(key),
    );
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
    await Promise.all([...this.dispatchers.values()].map((d) => d.close()));
  }

  /** One request through the breaker: it counts once, however many attempts it takes. */
  private async guarded(
    agency: AgencyName,
    req: UpstreamRequest,
    retries: number,
    deadline: Deadline | undefined,
  ): Promise<UpstreamResponse<unknown>> {
    try {
      return await this.breakers.get(agency)!.fire(() => this.withRetries(agency, req, retries, deadline));
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        this.options.metrics.upstreamCalls.labels(agency, 'circuit_open').inc();
        throw new AgencyCircuitOpenError(agency);
      }
      if (!(error instanceof FailedAttempt)) throw error;
      throw error.kind === 'timeout' || error.kind === 'deadline'
        ? new AgencyTimeoutError(agency)
        : new AgencyUnavailableError(agency, error.status);
    }
  }

  private async withRetries(
    agency: AgencyName,
    req: UpstreamRequest,
    retries: number,
    deadline: Deadline | undefined,
  ): Promise<UpstreamResponse<unknown>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(agency, req, deadline);
      } catch (error) {
        if (!(error instanceof FailedAttempt) || error.kind === 'deadline' || attempt >= retries) throw error;
        // Exponential backoff with full jitter, but never sooner than the agency asked.
        const wait = Math.max(Math.random() * 100 * 2 ** attempt, error.retryAfterMs ?? 0);
        // A retry that could not finish in time is not made: the request answers now with what failed.
        // Nor is one the agency asks us to hold back for longer than a person would wait for a
        // screen (e.g. "down, Retry-After: 5"): that answer is final for this request.
        if (wait >= Math.min(deadline ? deadline.remaining() : Infinity, MAX_UNBOUND_WAIT_MS)) throw error;
        if (!this.budget.tryRetry(agency)) {
          this.options.metrics.upstreamRetryBudgetExhausted.labels(agency).inc();
          throw error;
        }
        this.options.metrics.upstreamRetries.labels(agency).inc();
        await sleep(wait);
      }
    }
  }

  /** Resolves or rejects with `call`, or rejects with AgencyTimeoutError when the deadline comes first. */
  private within<T>(call: Promise<T>, deadline: Deadline, agency: AgencyName): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AgencyTimeoutError(agency)), deadline.remaining());
    });
    return Promise.race([call, expiry]).finally(() => clearTimeout(timer));
  }

  /** One HTTP attempt, traced as a client span. Throws FailedAttempt for what is not an answer. */
  private attempt(
    agency: AgencyName,
    req: UpstreamRequest,
    deadline: Deadline | undefined,
  ): Promise<UpstreamResponse<unknown>> {
    return traceAgencyCall(agency, req.method ?? 'GET', req.path, () => this.untracedAttempt(agency, req, deadline));
  }

  private async untracedAttempt(
    agency: AgencyName,
    req: UpstreamRequest,
    deadline: Deadline | undefined,
  ): Promise<UpstreamResponse<unknown>> {
    const remaining = deadline ? deadline.remaining() : Infinity;
    if (remaining <= 0) {
      this.options.metrics.upstreamCalls.labels(agency, 'deadline').inc();
      throw new FailedAttempt('deadline');
    }
    const counts = this.counts.get(agency)!;
    counts.calls++;
    const url = new URL(`${this.options.baseUrl.replace(/\/$/, '')}/${agency}${req.path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const timer = this.options.metrics.upstreamDuration.labels(agency).startTimer();
    const timeoutMs = Math.min(req.timeoutMs ?? this.options.timeoutMs, remaining);
    const fail = (kind: FailureKind, status?: number, retryAfter?: number) => {
      if (kind !== 'throttled') counts.failures++;
      this.options.metrics.upstreamCalls.labels(agency, kind).inc();
      return new FailedAttempt(kind, status, retryAfter);
    };
    try {
      const response = await undiciRequest(url, {
        method: req.method ?? 'GET',
        dispatcher: this.dispatchers.get(agency)!,
        // The request id and trace context, so an agency's logs and spans join ours (no request id in background work).
        headers: {
          accept: 'application/json',
          ...(req.form
            ? { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }
            : req.body !== undefined
              ? { 'content-type': 'application/json' }
              : {}),
          ...correlationHeaders(deadline),
          ...req.headers,
        },
        body: req.form
          ? new URLSearchParams(req.form).toString()
          : req.body !== undefined
            ? JSON.stringify(req.body)
            : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.body.text();
      if (response.statusCode >= 500)
        throw fail('server_error', response.statusCode, retryAfterMs(response.headers['retry-after']));
      if (response.statusCode === 429) throw fail('throttled', 429, retryAfterMs(response.headers['retry-after']));
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
      // An attempt cut by the deadline counts as a timeout too: a hanging agency must still open its breaker.
      if (
        name === 'TimeoutError' ||
        name === 'AbortError' ||
        error instanceof undiciErrors.HeadersTimeoutError ||
        error instanceof undiciErrors.BodyTimeoutError
      ) {
        throw fail('timeout');
      }
      throw fail('network_error');
    } finally {
      timer();
    }
  }
}
