import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
  type TracerProvider,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type Span as SdkSpan,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { useOpenTelemetry } from '@envelop/opentelemetry';
import type { Plugin } from 'graphql-yoga';
import type { Middleware } from 'koa';
import type { LogEvent } from 'kysely';
import { requestIdOf } from './requestId';

const TRACER = 'citizen-bff';
let registered: BasicTracerProvider | null = null;

/**
 * OpenTelemetry tracing, off unless an OTLP endpoint is set. On, one trace per HTTP
 * request (its request id an attribute, the caller's `traceparent` continued) holds
 * the GraphQL operation and its resolvers (the envelop plugin), every agency call and
 * every database query. Spans leave in batches over OTLP/HTTP; nothing personal is put
 * on them: no variables, no results, SQL with its parameters left out.
 * Off, the API's no-op tracer makes each helper below cost a function call.
 */
export class Tracing {
  private constructor(private readonly provider: BasicTracerProvider | null) {}

  static start(options: { endpoint?: string; serviceName: string; instance?: string }): Tracing {
    if (!options.endpoint) return new Tracing(null);
    // One provider per process (the API's global is set once): a second app in it (tests) shares it.
    if (registered) return new Tracing(registered);
    const provider = new BasicTracerProvider({
      resource: new Resource({
        'service.name': options.serviceName,
        ...(options.instance ? { 'service.instance.id': options.instance } : {}),
      }),
    });
    // First: no span leaves with a resolver's arguments (see ArgumentsLeftOut).
    provider.addSpanProcessor(new ArgumentsLeftOut());
    provider.addSpanProcessor(
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/$/, '')}/v1/traces` }), {
        scheduledDelayMillis: 1000,
      }),
    );
    // Global: agency calls and queries find the tracer without being handed it. A second
    // app in one process (tests) keeps the first registration.
    provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
    registered = provider;
    return new Tracing(provider);
  }

  get enabled(): boolean {
    return this.provider !== null;
  }

  /** The envelop plugin: a span per operation and per resolver (default resolvers left out). */
  plugins(): Plugin[] {
    if (!this.provider) return [];
    return [
      useOpenTelemetry(
        { resolvers: true, defaultResolvers: false, variables: false, result: false, document: false },
        this.provider as unknown as TracerProvider,
      ) as Plugin,
    ];
  }

  /** The HTTP request's span, made active for everything served under it. */
  middleware(): Middleware {
    return async (ctx, next) => {
      if (!this.provider) return next();
      const parent = propagation.extract(context.active(), ctx.headers);
      const path = spanPath(ctx.path);
      const span = trace.getTracer(TRACER).startSpan(
        `${ctx.method} ${path}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': ctx.method, 'url.path': path, 'request.id': requestIdOf(ctx) ?? '' },
        },
        parent,
      );
      try {
        await context.with(trace.setSpan(parent, span), next);
      } finally {
        span.setAttribute('http.response.status_code', ctx.status);
        if (ctx.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    };
  }

  /** Sends what is still buffered; the instance is going away. */
  async shutdown(): Promise<void> {
    await this.provider?.forceFlush().catch(() => undefined);
  }
}

/**
 * The envelop plugin writes every resolver's arguments on its span
 * (`graphql.resolver.args`), with no option to stop it: `verifyRealName`'s would carry a
 * name and an ID number out to the collector. This processor runs first, when each span
 * starts, and overwrites them.
 */
class ArgumentsLeftOut implements SpanProcessor {
  onStart(span: SdkSpan): void {
    if (span.attributes['graphql.resolver.args'] !== undefined)
      span.setAttribute('graphql.resolver.args', '[not recorded]');
  }
  onEnd(_span: ReadableSpan): void {}
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** A path segment a span may carry as it is: a word of the API (`v1`, `vehicles`, `relay-bindings`). */
const WORD = /^[a-z][a-z-]*$|^v\d+$/;

/**
 * A path as a span carries it: the API's words kept, every other segment (an ID number,
 * a plate, a phone, a code's token, a record id) replaced by `:param`, the query dropped.
 * Spans leave the process (OTLP) and are kept by other people's systems: they hold no
 * personal data and no secrets, and one route is one name rather than one per citizen.
 */
export function spanPath(path: string): string {
  return path
    .split('?')[0]!
    .split('/')
    .map((segment) => (segment === '' || WORD.test(segment) ? segment : ':param'))
    .join('/');
}

/** An agency call as a client span, child of whatever is active (the operation, or background work). */
export async function traceAgencyCall<T>(
  agency: string,
  method: string,
  path: string,
  call: (span: Span) => Promise<T>,
): Promise<T> {
  return trace.getTracer(TRACER).startActiveSpan(
    `${agency} ${method}`,
    {
      kind: SpanKind.CLIENT,
      attributes: { agency: agency, 'http.request.method': method, 'url.path': spanPath(path) },
    },
    async (span) => {
      try {
        return await call(span);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Kysely's log hook: each query, once done, as a span that started when it did.
 * Only the statement's text (placeholders, never the values).
 */
export function traceQuery(event: LogEvent): void {
  const tracer = trace.getTracer(TRACER);
  const end = Date.now();
  const span = tracer.startSpan('db.query', {
    kind: SpanKind.CLIENT,
    startTime: end - event.queryDurationMillis,
    attributes: { 'db.query.text': event.query.sql.slice(0, 500) },
  });
  if (event.level === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(end);
}
