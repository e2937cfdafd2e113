import Router from 'koa-router';

/** One simulated agency: its path prefix, its routes and its OpenAPI 3 description. */
export interface Agency {
  name: string;
  title: string;
  router: Router;
  openapi: Record<string, unknown>;
}

type Json = Record<string, unknown>;

/** A compact way to write an OpenAPI path entry; schemas stay plain JSON Schema. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  params?: string[];
  query?: string[];
  /** Required request headers, e.g. Idempotency-Key. */
  headers?: string[];
  body?: Json;
  response: Json;
  /** Success statuses that answer with `response`, when not just 200 OK. */
  success?: Record<string, string>;
  errors?: Record<string, string>;
}

export function openapiDocument(name: string, title: string, operations: Operation[]): Json {
  const paths: Record<string, Json> = {};
  for (const op of operations) {
    const parameters = [
      ...(op.params ?? []).map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } })),
      ...(op.query ?? []).map((p) => ({ name: p, in: 'query', required: false, schema: { type: 'string' } })),
      ...(op.headers ?? []).map((p) => ({ name: p, in: 'header', required: true, schema: { type: 'string' } })),
    ];
    const responses: Json = {};
    for (const [status, description] of Object.entries(op.success ?? { '200': 'OK' })) {
      responses[status] = { description, content: { 'application/json': { schema: op.response } } };
    }
    for (const [status, description] of Object.entries(op.errors ?? {})) {
      responses[status] = {
        description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    responses['503'] = { description: 'Agency unavailable (simulated fault)' };
    const openapiPath = `/${name}${op.path.replace(/:(\w+)/g, '{$1}')}`;
    paths[openapiPath] = {
      ...(paths[openapiPath] ?? {}),
      [op.method]: {
        summary: op.summary,
        operationId: `${op.method}${op.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        ...(parameters.length ? { parameters } : {}),
        ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title,
      version: '1.0.0',
      description: `Simulated ${title}: same shape as the real service, generated data.`,
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: { error: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  };
}

/** Schema helpers for the OpenAPI descriptions. */
export const s = {
  str: { type: 'string' },
  int: { type: 'integer' },
  bool: { type: 'boolean' },
  obj: (properties: Json, required: string[] = Object.keys(properties)): Json => ({
    type: 'object',
    properties,
    required,
  }),
  arr: (items: Json): Json => ({ type: 'array', items }),
  nullable: (schema: Json): Json => ({ ...schema, nullable: true }),
};

/** Reads `idNumbers` from a batch body; at most 100 per call, like real agency batch APIs. */
export function batchIds(body: unknown): string[] | null {
  const ids = (body as { idNumbers?: unknown })?.idNumbers;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100 || !ids.every((id) => typeof id === 'string'))
    return null;
  return ids as string[];
}

export const BAD_BATCH = { error: 'BAD_REQUEST', message: 'idNumbers must be an array of 1 to 100 strings' };
