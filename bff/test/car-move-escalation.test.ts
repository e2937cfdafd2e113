import { Citizens, startBff, startMockData, testDatabases, type MockData, type RunningBff, waitFor } from './helpers';
import { sendCarMove } from '../../test-support/car-move';

/** Escalation when nobody answers (issue 21): reminder → voice call → 122 → expiry, with the clock moved. */
const FIELDS = 'id status caseNumber hotline nextStep { kind availableAt } timeline { status at }';
const REQUEST = `mutation($input: CarMoveInput!) { requestCarMove(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { carMoveRequest(id: $id) { ${FIELDS} } }`;
const REMIND = `mutation($id: ID!) { remindCarMove(id: $id) { ${FIELDS} } }`;
const CALL = `mutation($id: ID!) { callCarMoveOwner(id: $id) { ${FIELDS} } }`;
const HOTLINE = `mutation($id: ID!) { escalateCarMoveToHotline(id: $id) { ${FIELDS} } }`;

let mock: MockData;
let plates: string[];
beforeAll(async () => {
  mock = await startMockData();
  plates = (await mock.json('/vehicle/dev/vehicles?plateType=02&count=40')).vehicles.map(
    (v: { plate: string }) => v.plate,
  );
});
afterAll(() => mock.stop());
let keys = 0;
const key = () => `esc-${Date.now()}-${++keys}`;

describe.each(testDatabases())('car-moving escalation on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let shiftMs = 0;
  const base = database.name === 'sqlite' ? 0 : 20;

  beforeAll(async () => {
    bff = await startBff(
      { ...(await database.env()), AGENCY_BASE_URL: mock.url, OUTBOX_POLL_MS: '200', UPSTREAM_RETRIES: '0' },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 1000 : 1400);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => {
    shiftMs = 0;
  });
  const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;
  const steps = (r: { timeline: Array<{ status: string }> }) => r.timeline.map((e) => e.status);

  it('offers the reminder, then a voice call through the relay, then 122 with the case number; the timeline shows each; expiry says what next', async () => {
    const plate = plates[base];
    const requester = await citizens.verified();
    const made = (
      await sendCarMove(
        bff,
        REQUEST,
        {
          input: { plate, plateType: 'SMALL', reason: 'BLOCKING_EXIT', place: '天河路地库出口', idempotencyKey: key() },
        },
        requester.accessToken,
      )
    ).body.data.requestCarMove;
    expect(made.nextStep.kind).toBe('REMIND');
    expect(made.caseNumber).toMatch(/^NC\d{8}[0-9A-F]{8}$/);
    expect(made.hotline).toBeNull();
    await waitFor(
      async () => (await bff.gql(GET, { id: made.id }, requester.accessToken)).body.data.carMoveRequest.status,
      (s) => s === 'NOTIFIED',
    );

    // Too soon for the voice call: the reminder comes first.
    expect(codeOf((await bff.gql(CALL, { id: made.id }, requester.accessToken)).body)).toBe('CAR_MOVE_STEP_TOO_SOON');
    shiftMs = 11 * 60_000;
    const reminded = (await bff.gql(REMIND, { id: made.id }, requester.accessToken)).body.data.remindCarMove;
    expect(reminded.nextStep.kind).toBe('VOICE_CALL');
    expect(steps(reminded)).toEqual(['SUBMITTED', 'NOTIFIED', 'REMINDED']);
    const tooSoon = (await bff.gql(CALL, { id: made.id }, requester.accessToken)).body;
    expect(tooSoon.errors?.[0].extensions).toMatchObject({
      code: 'CAR_MOVE_STEP_TOO_SOON',
      availableAt: reminded.nextStep.availableAt,
    });

    // Five minutes after the reminder, unanswered: the owner is rung through the relay, once.
    shiftMs = 17 * 60_000;
    const called = (await bff.gql(CALL, { id: made.id }, requester.accessToken)).body.data.callCarMoveOwner;
    expect(steps(called)).toEqual(['SUBMITTED', 'NOTIFIED', 'REMINDED', 'VOICE_CALLED']);
    expect(called.nextStep.kind).toBe('HOTLINE');
    const calls = (await mock.json('/vehicle/dev/voice-calls')).calls.filter(
      (c: { plate: string }) => c.plate === plate,
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ plateType: '02', templateId: 'CAR_MOVE_VOICE' });
    expect(JSON.stringify(calls[0].params)).not.toContain(plate);
    expect(codeOf((await bff.gql(CALL, { id: made.id }, requester.accessToken)).body)).toBe(
      'CAR_MOVE_STEP_NOT_AVAILABLE',
    );
    expect(codeOf((await bff.gql(HOTLINE, { id: made.id }, requester.accessToken)).body)).toBe(
      'CAR_MOVE_STEP_TOO_SOON',
    );

    // Then 122, with the request's number for the officer.
    shiftMs = 23 * 60_000;
    const handed = (await bff.gql(HOTLINE, { id: made.id }, requester.accessToken)).body.data.escalateCarMoveToHotline;
    expect(handed).toMatchObject({ hotline: '122', nextStep: null, status: 'NOTIFIED' });
    expect(steps(handed)).toEqual(['SUBMITTED', 'NOTIFIED', 'REMINDED', 'VOICE_CALLED', 'HOTLINE']);
    const cases = (await mock.json('/vehicle/dev/hotline-cases')).cases.filter(
      (c: { caseNumber: string }) => c.caseNumber === made.caseNumber,
    );
    expect(cases).toEqual([
      expect.objectContaining({ plate, plateType: '02', place: '天河路地库出口', reason: '挡住出口' }),
    ]);
    expect(JSON.stringify(cases)).not.toContain(requester.person.idNumber);

    // Past its time the request reads EXPIRED and still names the hotline; the expiry job records it.
    shiftMs = 31 * 60_000;
    const expired = await waitFor(
      async () => (await bff.gql(GET, { id: made.id }, requester.accessToken)).body.data.carMoveRequest,
      (r) => steps(r).includes('EXPIRED'),
    );
    expect(expired).toMatchObject({ status: 'EXPIRED', hotline: '122', nextStep: null });
  });

  it('after expiry without escalation, offers 122 at once, and only to its requester', async () => {
    const requester = await citizens.verified();
    const made = (
      await sendCarMove(
        bff,
        REQUEST,
        {
          input: {
            plate: plates[base + 1],
            plateType: 'SMALL',
            reason: 'DOUBLE_PARKED',
            place: '小区门口',
            idempotencyKey: key(),
          },
        },
        requester.accessToken,
      )
    ).body.data.requestCarMove;
    shiftMs = 31 * 60_000;
    const expired = (await bff.gql(GET, { id: made.id }, requester.accessToken)).body.data.carMoveRequest;
    expect(expired).toMatchObject({ status: 'EXPIRED', hotline: '122', nextStep: { kind: 'HOTLINE' } });
    expect(codeOf((await bff.gql(CALL, { id: made.id }, requester.accessToken)).body)).toBe(
      'CAR_MOVE_STEP_NOT_AVAILABLE',
    );
    const handed = (await bff.gql(HOTLINE, { id: made.id }, requester.accessToken)).body.data.escalateCarMoveToHotline;
    expect(handed).toMatchObject({ status: 'EXPIRED', hotline: '122', nextStep: null });
    expect(steps(handed)).toContain('HOTLINE');

    // Someone else cannot escalate it.
    const other = await citizens.verified();
    expect(codeOf((await bff.gql(HOTLINE, { id: made.id }, other.accessToken)).body)).toBe('CAR_MOVE_NOT_FOUND');
  });
});
