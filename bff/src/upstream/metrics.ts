import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one BFF instance; served at /metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly upstreamCalls = new Counter({
    name: 'bff_upstream_calls_total',
    help: 'Agency calls by outcome (ok, client_error, server_error, throttled, timeout, network_error, circuit_open, deadline: not made, no time left)',
    labelNames: ['agency', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly upstreamDuration = new Histogram({
    name: 'bff_upstream_call_seconds',
    help: 'Duration of one agency HTTP call attempt',
    labelNames: ['agency'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly upstreamRetries = new Counter({
    name: 'bff_upstream_retries_total',
    help: 'Retries of idempotent agency reads',
    labelNames: ['agency'] as const,
    registers: [this.registry],
  });
  readonly upstreamRetryBudgetExhausted = new Counter({
    name: 'bff_upstream_retry_budget_exhausted_total',
    help: 'Retries not made because the agency’s retry budget was spent',
    labelNames: ['agency'] as const,
    registers: [this.registry],
  });
  readonly agencyReachable = new Gauge({
    name: 'bff_agency_reachable',
    help: '1 when the agency answered its last background health check, 0 when not',
    labelNames: ['agency'] as const,
    registers: [this.registry],
  });
  readonly upstreamDeduplicated = new Counter({
    name: 'bff_upstream_deduplicated_total',
    help: 'Agency reads answered by an identical call already in flight',
    labelNames: ['agency'] as const,
    registers: [this.registry],
  });
  /** RED per GraphQL operation (observability/operationMetrics.ts); per agency, the upstream series above. */
  readonly graphqlOperations = new Counter({
    name: 'bff_graphql_operations_total',
    help: 'GraphQL operations executed, by type, name and outcome (ok, or error: any error in the result)',
    labelNames: ['type', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'bff_graphql_operation_seconds',
    help: 'Time to execute one GraphQL operation',
    labelNames: ['type', 'operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly leader = new Gauge({
    name: 'bff_leader',
    help: '1 while this instance holds the lease for background work (feeds, purges)',
    registers: [this.registry],
  });
  readonly breakerOpen = new Gauge({
    name: 'bff_breaker_open',
    help: '1 when the agency’s breaker is open, 0.5 half-open, 0 closed',
    labelNames: ['agency'] as const,
    registers: [this.registry],
  });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry, prefix: 'bff_' });
  }
}
