import { parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { documentStringMap } from '@envelop/core';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import pino from 'pino';
import * as shared from '@citizen/shared';
import {
  ApplicationFormDocument,
  DashboardDocument,
  HomeScreenDocument,
  MeDocument,
  MyApplicationsDocument,
  MyLicencesDocument,
  SubmitApplicationDocument,
} from '@citizen/shared';
import { maskError, useErrorCodes, useJitForAppOperations } from '../src/http/graphqlPlugins';
import { buildSchema } from '../src/schema';
import { Deadline } from '../src/upstream/deadline';
import { AppError } from '../src/errors';
import { Citizens, mockDataInProcess, startBff, testDatabases, type MockData, type RunningBff } from './helpers';

/**
 * The app's own operations run compiled by graphql-jit (issue 12); every other text runs
 * on graphql-js. The gate is what keeps a stranger from making the server compile code for
 * each new text, and the answers must not depend on which executor gave them.
 */
jest.setTimeout(90_000);

describe('which operations graphql-jit compiles', () => {
  type OnExecute = NonNullable<Plugin['onExecute']>;
  const plugin = useJitForAppOperations();
  /** Whether the plugin replaced the executor for this text, parsed as Yoga parses it (its text recorded). */
  const compiles = (text: string) => {
    const document = parse(text);
    documentStringMap.set(document, text);
    let replaced = false;
    void (plugin.onExecute as OnExecute)({
      args: { document },
      setExecuteFn: () => {
        replaced = true;
      },
    } as unknown as Parameters<OnExecute>[0]);
    return replaced;
  };

  it('compiles the texts the app sends, byte for byte, and nothing else', () => {
    expect(compiles(MyApplicationsDocument.toString())).toBe(true);
    expect(compiles(DashboardDocument.toString())).toBe(true);
    // The same operation in another text: a stranger's, run by graphql-js.
    expect(compiles(`${MyApplicationsDocument.toString()}\n# another text`)).toBe(false);
    expect(compiles('query { __typename }')).toBe(false);
  });

  it('compiles every document the app sends, against the BFF’s schema', () => {
    const schema = buildSchema();
    const texts = Object.values(shared)
      .filter((value) => value instanceof shared.TypedDocumentString)
      .map(String);
    // Fragments are exported on their own too; only operations are sent.
    const operations = texts.filter((text) => parse(text).definitions.some((d) => d.kind === 'OperationDefinition'));
    expect(operations.length).toBeGreaterThan(100);
    const failed = operations.filter((text) => !isCompiledQuery(compileQuery(schema, parse(text))));
    expect(failed).toEqual([]);
  });
});

describe('unexpected resolver errors', () => {
  it('are logged once, before masking, with the request’s id; expected ones are not', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { broken: String, refused: String }',
        resolvers: {
          Query: {
            broken: () => {
              throw new TypeError('a bug');
            },
            refused: () => {
              throw new AppError('NOT_FOUND');
            },
          },
        },
      }),
      maskedErrors: { maskError },
      logging: false,
      context: () => ({ deadline: new Deadline(Date.now(), 5000, 'req-unexpected-1') }),
      plugins: [useErrorCodes(logger)],
    });
    const response = await yoga.fetch('http://bff.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ broken refused }' }),
    });
    const body = await response.json();
    // The client sees codes and no detail of the bug.
    expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code).sort()).toEqual([
      'INTERNAL_SERVER_ERROR',
      'NOT_FOUND',
    ]);
    expect(JSON.stringify(body)).not.toContain('a bug');
    const logged = lines.filter((line) => line.msg === 'unexpected resolver error');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ requestId: 'req-unexpected-1', path: ['broken'], err: { message: 'a bug' } });
  });
});

let mock: MockData;
beforeAll(async () => {
  mock = await mockDataInProcess({});
});
afterAll(() => mock.stop());

describe.each(testDatabases())('answers of compiled and uncompiled operations on $name', (database) => {
  let bff: RunningBff;
  beforeAll(async () => {
    bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url });
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  it('are the same, data and errors, for a citizen’s screens', async () => {
    const citizens = new Citizens(
      bff,
      mock,
      database.name === 'sqlite' ? 2300 : 2400,
      'provident-fund,social-insurance',
    );
    const session = await citizens.faceVerified();
    const submitted = (
      await bff.gql(
        SubmitApplicationDocument.toString(),
        {
          serviceId: 'si-payment-record',
          answers: { months: '12', purpose: 'home', delivery: 'electronic' },
          idempotencyKey: `jit-${database.name}-${Date.now()}`,
        },
        session.accessToken,
      )
    ).body;
    expect(submitted.errors).toBeUndefined();
    const cases: Array<[string, Record<string, unknown>, string | undefined]> = [
      [HomeScreenDocument.toString(), { platform: 'WECHAT' }, undefined],
      [MeDocument.toString(), {}, session.accessToken],
      [DashboardDocument.toString(), {}, session.accessToken],
      [MyLicencesDocument.toString(), {}, session.accessToken],
      [ApplicationFormDocument.toString(), { serviceId: 'si-payment-record' }, session.accessToken],
      [MyApplicationsDocument.toString(), { first: 20 }, session.accessToken],
      // Errors too: a page size out of range, and a signed-out caller.
      [MyApplicationsDocument.toString(), { first: 0 }, session.accessToken],
      [DashboardDocument.toString(), {}, undefined],
    ];
    // A compiled operation's field errors carry no locations (graphqlPlugins.ts); all else is the same.
    const withoutLocations = (body: { errors?: Array<Record<string, unknown>> }) => ({
      ...body,
      ...(body.errors ? { errors: body.errors.map(({ locations: _locations, ...rest }) => rest) } : {}),
    });
    for (const [text, variables, token] of cases) {
      const compiled = (await bff.gql(text, variables, token)).body;
      const interpreted = (await bff.gql(`${text}\n# not the app's text`, variables, token)).body;
      expect(withoutLocations(compiled)).toEqual(withoutLocations(interpreted));
    }
    // A variable of the wrong type: refused by both with the same code (graphql-jit words the message its own way).
    const badVariable = { serviceId: { not: 'an id' } };
    const text = ApplicationFormDocument.toString();
    for (const body of [
      (await bff.gql(text, badVariable, session.accessToken)).body,
      (await bff.gql(`${text}\n# not the app's text`, badVariable, session.accessToken)).body,
    ]) {
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('Variable "$serviceId" got invalid value'),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
    // The cases did reach data and errors both.
    const page = (await bff.gql(MyApplicationsDocument.toString(), { first: 20 }, session.accessToken)).body;
    expect(page.data.myApplications.items).toEqual([
      expect.objectContaining({ number: submitted.data.submitApplication.number, status: expect.any(String) }),
    ]);
    const refused = (await bff.gql(DashboardDocument.toString(), {})).body;
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const dashboard = (await bff.gql(DashboardDocument.toString(), {}, session.accessToken)).body;
    expect(dashboard.data.dashboard.summaries.length).toBeGreaterThan(0);
  });
});
