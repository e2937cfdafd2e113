import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one BFF instance; served at /metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly upstreamCalls = new Counter({
    name: 'bff_upstream_calls_total', help: 'Agency calls by outcome (ok, client_error, server_error, timeout, network_error, circuit_open)',
    labelNames: ['agency', 'outcome'] as const, registers: [this.registry],
  });
  readonly upstreamDuration = new Histogram({
    name: 'bff_upstream_call_seconds', help: 'Duration of one agency HTTP call attempt',
    labelNames: ['agency'] as const, buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry],
  });
  readonly upstreamRetries = new Counter({ name: 'bff_upstream_retries_total', help: 'Retries of idempotent agency reads', labelNames: ['agency'] as const, registers: [this.registry] });
  readonly upstreamDeduplicated = new Counter({ name: 'bff_upstream_deduplicated_total', help: 'Agency reads answered by an identical call already in flight', labelNames: ['agency'] as const, registers: [this.registry] });
  readonly breakerOpen = new Gauge({ name: 'bff_breaker_open', help: '1 when the agency’s breaker is open, 0.5 half-open, 0 closed', labelNames: ['agency'] as const, registers: [this.registry] });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'bff_' });
  }
}
