import {
  Citizens,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
  type SignedIn,
} from './helpers';

/**
 * One agency hanging, measured in one run: the home screen keeps its normal time (it
 * reads the background agency status), a form that needs the hanging agency answers
 * within the request's deadline with that agency's fields coded AGENCY_TIMEOUT, and
 * forms of other agencies keep their time (the hanging agency has a pool of its own).
 */
const HOME = `query { serviceTiles(platform: H5) { id available } }`;
const FORM = `query($s: ID!) { applicationForm(serviceId: $s) { prefilled { fieldId } unfilled { fieldId source code } } }`;
const DEADLINE_MS = 1500;

jest.setTimeout(90_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

describe.each(testDatabases())('an agency hanging, on $name', (database) => {
  let bff: RunningBff;
  let session: SignedIn;
  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      REQUEST_DEADLINE_MS: String(DEADLINE_MS),
      UPSTREAM_TIMEOUT_MS: '3000',
      DEPARTMENT_POLL_MS: '600000',
    });
    session = await new Citizens(
      bff,
      mock,
      database.name === 'sqlite' ? 400 : 600,
      'provident-fund,social-insurance',
    ).faceVerified();
  });
  afterAll(async () => {
    await mock.resetFaults();
    await bff.stop();
    await database.cleanup();
  });

  /** Milliseconds of each of `count` runs of `query`, four at a time; every answer checked by `check`. */
  const timed = async (
    count: number,
    query: string,
    variables: Record<string, unknown>,
    token: string | undefined,
    check: (body: any) => void,
  ) => {
    const times: number[] = [];
    for (let i = 0; i < count; i += 4) {
      await Promise.all(
        Array.from({ length: Math.min(4, count - i) }, async () => {
          const started = performance.now();
          const { body } = await bff.gql(query, variables, token);
          times.push(performance.now() - started);
          check(body);
        }),
      );
    }
    return times;
  };
  // What the agencies could not fill (the citizen's own phone is not bound here).
  const agencyUnfilled = (body: any) =>
    body.data.applicationForm.unfilled.filter((u: { source: string }) => u.source !== 'account');
  const tilesOk = (body: any) => expect(body.errors).toBeUndefined();
  const siForm = (body: any) => {
    expect(body.errors).toBeUndefined();
    expect(agencyUnfilled(body)).toEqual([]);
  };

  it('home and other agencies’ forms keep their time; the hanging agency’s fields are AGENCY_TIMEOUT within the deadline', async () => {
    // Step 1: the figures with every agency answering.
    await timed(8, HOME, {}, undefined, tilesOk); // warm up
    const homeBefore = await timed(40, HOME, {}, undefined, tilesOk);
    const formBefore = await timed(20, FORM, { s: 'si-payment-record' }, session.accessToken, siForm);

    // Step 2: the provident fund hangs. A form that needs it answers at the deadline, its other fields filled.
    await mock.fault('provident-fund', { mode: 'hang' });
    let started = performance.now();
    const { body } = await bff.gql(FORM, { s: 'talent-housing-subsidy' }, session.accessToken);
    const hangingForm = performance.now() - started;
    expect(body.errors).toBeUndefined();
    expect(agencyUnfilled(body)).toEqual([{ fieldId: 'employer', source: 'provident-fund', code: 'AGENCY_TIMEOUT' }]);
    expect(body.data.applicationForm.prefilled.map((p: { fieldId: string }) => p.fieldId)).toEqual(
      expect.arrayContaining(['name', 'idNumber', 'insuredCity']),
    );
    expect(hangingForm).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
    expect(hangingForm).toBeLessThan(DEADLINE_MS + 500);

    // Step 3: once the background check has seen it, its tiles are grey; the home screen does not wait for it.
    started = performance.now();
    await bff.built.services.agencyStatus.refresh();
    const refresh = performance.now() - started;
    const tiles = (await bff.gql(HOME)).body.data.serviceTiles as Array<{ id: string; available: boolean | null }>;
    expect(tiles.find((t) => t.id === 'pf-balance')?.available).toBe(false);
    expect(tiles.find((t) => t.id === 'car-move')?.available).toBe(true);
    const homeDuring = await timed(40, HOME, {}, undefined, tilesOk);
    const formDuring = await timed(20, FORM, { s: 'si-payment-record' }, session.accessToken, siForm);

    const figures = {
      homeP99: [percentile(homeBefore, 99), percentile(homeDuring, 99)],
      siFormP99: [percentile(formBefore, 99), percentile(formDuring, 99)],
    };
    console.log(
      `[${database.name}] provident fund hanging (before → during, ms): home p99 ${figures.homeP99.map((v) => v.toFixed(0)).join(' → ')}, ` +
        `social-insurance form p99 ${figures.siFormP99.map((v) => v.toFixed(0)).join(' → ')}; talent form with the hanging agency ${hangingForm.toFixed(0)} (deadline ${DEADLINE_MS}); background check ${refresh.toFixed(0)}`,
    );
    // What a hanging agency would do to a screen that waited on it: every answer at the deadline
    // or later. So the typical answer (p50) keeps its time and even the slowest (p99) stays
    // under the deadline; how fast exactly is the bench's business (one answer of 981 ms on a
    // machine busy with a browser build failed an earlier p99 × 3 bound here).
    const typical = {
      home: [percentile(homeBefore, 50), percentile(homeDuring, 50)],
      siForm: [percentile(formBefore, 50), percentile(formDuring, 50)],
    };
    for (const [before, during] of Object.values(typical))
      expect(during).toBeLessThan(Math.max(before * 3, before + 250));
    for (const [, during] of Object.values(figures)) expect(during).toBeLessThan(DEADLINE_MS);
  });

  it('hands the deadline to an agency call a service makes on its own: bus stops with transit hanging', async () => {
    // Not a loader: the records service calls transit itself, with the deadline its resolver passed.
    // Without it the call would wait for its own 3 s timeout (and a retry).
    await mock.resetFaults();
    await mock.fault('transit', { mode: 'hang' });
    const started = performance.now();
    const { body } = await bff.gql('query { busStops(query: "人民") { id } }');
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS + 400);
    expect(body.errors?.[0]).toMatchObject({
      path: ['busStops'],
      extensions: { code: 'AGENCY_TIMEOUT', agency: 'transit' },
    });
    await mock.resetFaults();
  });

  it('gives a mutation the write budget: a submission reads a slow agency the query deadline would cut', async () => {
    await mock.resetFaults();
    await mock.fault('social-insurance', { latencyMs: DEADLINE_MS + 300 });
    let started = performance.now();
    const opened = (await bff.gql(FORM, { s: 'si-payment-record' }, session.accessToken)).body;
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS + 400);
    expect(agencyUnfilled(opened)).toEqual([
      { fieldId: 'insuredCity', source: 'social-insurance', code: 'AGENCY_TIMEOUT' },
    ]);
    started = performance.now();
    const submitted = (
      await bff.gql(
        'mutation($a: JSONObject!, $k: String!) { submitApplication(serviceId: "si-payment-record", answers: $a, idempotencyKey: $k) { number answers { fieldId prefilled } } }',
        { a: { months: '12', purpose: 'home', delivery: 'electronic' }, k: `deadline-${Date.now()}` },
        session.accessToken,
      )
    ).body;
    expect(submitted.errors).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThan(DEADLINE_MS);
    expect(submitted.data.submitApplication.answers).toContainEqual({ fieldId: 'insuredCity', prefilled: true });
  });
});
