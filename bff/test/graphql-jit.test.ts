import { parse } from 'graphql';
import { documentStringMap } from '@envelop/core';
import type { Plugin } from 'graphql-yoga';
import {
  ApplicationFormDocument,
  DashboardDocument,
  HomeScreenDocument,
  MeDocument,
  MyApplicationsDocument,
  MyLicencesDocument,
  SubmitApplicationDocument,
} from '@citizen/shared';
import { useJitForAppOperations } from '../src/http/graphqlPlugins';
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
