import { sendCarMove } from '../../test-support/car-move';
import { VERIFY_REAL_NAME } from '../../test-support/policies';
import {
  Citizens,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
  type SignedIn,
  waitFor,
} from './helpers';

/**
 * An owner's quiet hours (issue 21), with the clock moved to China mornings: a request in
 * them reaches the owner in the app at once and its SMS waits for their end (an outbox job
 * for then), unless the requester marked it urgent; a blocked exit is always urgent.
 */
const FIELDS = 'id status urgent smsDeferredUntil';
const REQUEST = `mutation($input: CarMoveInput!) { requestCarMove(input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { carMoveRequest(id: $id) { ${FIELDS} } }`;
const SET =
  'mutation($s: String!, $e: String!) { setCarMoveQuietHours(startsAt: $s, endsAt: $e) { startsAt endsAt activeNow activeUntil } }';
const QUERY = '{ myCarMoveQuietHours { startsAt endsAt activeNow activeUntil } }';

jest.setTimeout(120_000);

let mock: MockData;
let plates: string[];
beforeAll(async () => {
  mock = await startMockData();
  // Plates of distinct owners: each test's owner is someone else.
  const candidates: string[] = (await mock.json('/vehicle/dev/vehicles?plateType=02&count=30&offset=200')).vehicles.map(
    (v: { plate: string }) => v.plate,
  );
  const owners = await Promise.all(
    candidates.map(
      async (plate) =>
        (await mock.json(`/vehicle/v1/vehicles/${encodeURIComponent(plate)}/owner?plateType=02`))
          .ownerIdNumber as string,
    ),
  );
  // Not anyone the tests' requesters are drawn from (Citizens from 1500 on).
  const requesters = new Set(
    ((await mock.json('/population/dev/people?count=600&offset=1500')).people as Array<{ idNumber: string }>).map(
      (p) => p.idNumber,
    ),
  );
  plates = candidates.filter((_, i) => owners.indexOf(owners[i]) === i && !requesters.has(owners[i]));
});
afterAll(() => mock.stop());
let keys = 0;
const key = () => `quiet-${Date.now()}-${++keys}`;
const notificationsFor = async (plate: string) =>
  (await mock.json('/vehicle/dev/owner-notifications')).notifications.filter(
    (n: { plate: string }) => n.plate === plate,
  );
/** The instant `hhmm` China time falls on, `days` China days from today. */
const chinaTime = (hhmm: string, days: number) => {
  const date = new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
  return Date.parse(`${date}T${hhmm}:00+08:00`);
};

describe.each(testDatabases())('car-moving quiet hours on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let shiftMs = 0;
  /** Moves the clock to `hhmm` China time on the day after tomorrow (a different day on each backend). */
  const day = database.name === 'sqlite' ? 2 : 3;
  const at = (hhmm: string) => {
    shiftMs = chinaTime(hhmm, day) - Date.now();
  };
  const base = database.name === 'sqlite' ? 0 : 10;
  const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;

  /** The plate's owner, signed in and verified as the register's person. */
  async function ownerOf(plate: string): Promise<SignedIn> {
    const { ownerIdNumber } = await mock.json(`/vehicle/v1/vehicles/${encodeURIComponent(plate)}/owner?plateType=02`);
    const person = await mock.json(`/population/v1/persons/${ownerIdNumber}`);
    const owner = await citizens.signIn();
    const { body } = await bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, owner.accessToken);
    if (!body.data) throw new Error(`owner verification failed: ${JSON.stringify(body.errors)}`);
    return owner;
  }

  beforeAll(async () => {
    at('06:40');
    // Sessions live an hour here: the clock moves by minutes within a test.
    bff = await startBff(
      {
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        OUTBOX_POLL_MS: '200',
        UPSTREAM_RETRIES: '0',
        ACCESS_TOKEN_TTL_S: '3600',
      },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 1500 : 1700);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  beforeEach(() => at('06:40'));

  it('lets only a verified owner of a vehicle set quiet hours, on the hour or half hour', async () => {
    const newcomer = await citizens.signIn();
    expect(codeOf((await bff.gql(SET, { s: '22:00', e: '07:00' }, newcomer.accessToken)).body)).toBe(
      'ASSURANCE_LEVEL_TOO_LOW',
    );
    // Someone the register holds no vehicle of.
    let nobody: SignedIn | null = null;
    for (let tries = 0; !nobody && tries < 20; tries++) {
      const someone = await citizens.verified();
      const { plates: owned } = await mock.json(`/vehicle/v1/owners/${someone.person.idNumber}/vehicles`);
      if (owned.length === 0) nobody = someone;
    }
    expect(codeOf((await bff.gql(SET, { s: '22:00', e: '07:00' }, nobody!.accessToken)).body)).toBe(
      'CAR_MOVE_NOT_VEHICLE_OWNER',
    );
    const owner = await ownerOf(plates[base]);
    for (const [s, e] of [
      ['22:15', '07:00'],
      ['22:00', '7:00'],
      ['22:00', '22:00'],
      ['24:00', '07:00'],
      ['', '07:00'],
    ]) {
      expect([s, e, codeOf((await bff.gql(SET, { s, e }, owner.accessToken)).body)]).toEqual([
        s,
        e,
        'CAR_MOVE_QUIET_HOURS_INVALID',
      ]);
    }
    expect((await bff.gql(QUERY, {}, owner.accessToken)).body.data.myCarMoveQuietHours).toBeNull();
    const set = (await bff.gql(SET, { s: '22:00', e: '07:00' }, owner.accessToken)).body.data.setCarMoveQuietHours;
    expect(set).toEqual({
      startsAt: '22:00',
      endsAt: '07:00',
      activeNow: true,
      activeUntil: new Date(chinaTime('07:00', day)).toISOString(),
    });
    expect((await bff.gql(QUERY, {}, owner.accessToken)).body.data.myCarMoveQuietHours).toEqual(set);
    // Replaced, then off.
    expect(
      (await bff.gql(SET, { s: '12:00', e: '13:30' }, owner.accessToken)).body.data.setCarMoveQuietHours,
    ).toMatchObject({ startsAt: '12:00', endsAt: '13:30', activeNow: false, activeUntil: null });
    expect(
      (await bff.gql('mutation { clearCarMoveQuietHours }', {}, owner.accessToken)).body.data.clearCarMoveQuietHours,
    ).toBe(true);
    expect((await bff.gql(QUERY, {}, owner.accessToken)).body.data.myCarMoveQuietHours).toBeNull();
  });

  it('in quiet hours, tells the owner in the app at once and holds the SMS until they end; a request closed meanwhile is never texted', async () => {
    const plate = plates[base + 1];
    const owner = await ownerOf(plate);
    await bff.gql(SET, { s: '22:00', e: '07:00' }, owner.accessToken);
    const end = new Date(chinaTime('07:00', day)).toISOString();

    const first = await citizens.verified();
    const held = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate, reason: 'DOUBLE_PARKED', idempotencyKey: key() } },
        first.accessToken,
      )
    ).body.data.requestCarMove;
    expect(held).toMatchObject({ status: 'SUBMITTED', urgent: false, smsDeferredUntil: end });
    const second = await citizens.verified();
    const cancelled = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate, reason: 'BLOCKING_GARAGE', idempotencyKey: key() } },
        second.accessToken,
      )
    ).body.data.requestCarMove;
    expect(cancelled.smsDeferredUntil).toBe(end);
    // The owner has both in Messages now; the register has texted nothing.
    const titles = (
      await bff.gql('{ myMessages { items { title } } }', {}, owner.accessToken)
    ).body.data.myMessages.items.map((m: { title: string }) => m.title);
    expect(titles.filter((t: string) => t.startsWith('请您挪车'))).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await notificationsFor(plate)).toEqual([]);
    expect((await bff.gql(GET, { id: held.id }, first.accessToken)).body.data.carMoveRequest.status).toBe('SUBMITTED');
    await bff.gql('mutation($id: ID!) { cancelCarMove(id: $id) { id } }', { id: cancelled.id }, second.accessToken);

    // 07:01: the held SMS goes out (one: the cancelled request's is dropped) and the request reads NOTIFIED.
    at('07:01');
    await waitFor(
      () => notificationsFor(plate),
      (list) => list.length >= 1,
      15_000,
    );
    const notified = await waitFor(
      async () => (await bff.gql(GET, { id: held.id }, first.accessToken)).body.data.carMoveRequest,
      (r) => r.status === 'NOTIFIED',
      15_000,
    );
    expect(notified.smsDeferredUntil).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await notificationsFor(plate)).toHaveLength(1);
  });

  it('texts at once in quiet hours when the requester marks it urgent, and for a blocked exit (always urgent)', async () => {
    const plate = plates[base + 2];
    const owner = await ownerOf(plate);
    await bff.gql(SET, { s: '22:00', e: '07:00' }, owner.accessToken);
    const a = await citizens.verified();
    const urgent = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate, reason: 'OTHER', urgent: true, idempotencyKey: key() } },
        a.accessToken,
      )
    ).body.data.requestCarMove;
    expect(urgent).toMatchObject({ urgent: true, smsDeferredUntil: null });
    const b = await citizens.verified();
    const exit = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate, reason: 'BLOCKING_EXIT', idempotencyKey: key() } },
        b.accessToken,
      )
    ).body.data.requestCarMove;
    expect(exit).toMatchObject({ urgent: true, smsDeferredUntil: null });
    await waitFor(
      () => notificationsFor(plate),
      (list) => list.length === 2,
    );
  });

  it('texts at once outside quiet hours, and once they are cleared', async () => {
    const plate = plates[base + 3];
    const owner = await ownerOf(plate);
    await bff.gql(SET, { s: '22:00', e: '07:00' }, owner.accessToken);
    at('07:05');
    const a = await citizens.verified();
    expect(
      (await sendCarMove(bff, REQUEST, { input: { plate, reason: 'OTHER', idempotencyKey: key() } }, a.accessToken))
        .body.data.requestCarMove,
    ).toMatchObject({ urgent: false, smsDeferredUntil: null });
    await waitFor(
      () => notificationsFor(plate),
      (list) => list.length === 1,
    );
    at('06:50');
    await bff.gql('mutation { clearCarMoveQuietHours }', {}, owner.accessToken);
    const b = await citizens.verified();
    expect(
      (await sendCarMove(bff, REQUEST, { input: { plate, reason: 'OTHER', idempotencyKey: key() } }, b.accessToken))
        .body.data.requestCarMove.smsDeferredUntil,
    ).toBeNull();
    await waitFor(
      () => notificationsFor(plate),
      (list) => list.length === 2,
    );
  });
});
