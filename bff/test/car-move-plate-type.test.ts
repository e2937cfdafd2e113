import { maskPlate } from '@citizen/shared';
import { Citizens, startBff, startMockData, testDatabases, type MockData, type RunningBff, waitFor } from './helpers';
import { VERIFY_REAL_NAME } from '../../test-support/policies';
import { sendCarMove } from '../../test-support/car-move';

/** 号牌种类 (issue 21): the register keys a vehicle by plate and type; the requester picks the type. */
const REQUEST = `mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id maskedPlate plateType vehicle status } }`;

let mock: MockData;
let twins: string[];
let blueOnly: string[];
beforeAll(async () => {
  mock = await startMockData();
  // Characters the register holds on a yellow (01) and a blue (02) plate: two vehicles.
  twins = (await mock.json('/vehicle/dev/vehicles?plateType=01&twins=1&count=20')).vehicles.map(
    (v: { plate: string }) => v.plate,
  );
  const yellow = new Set(twins);
  blueOnly = (await mock.json('/vehicle/dev/vehicles?plateType=02&count=200')).vehicles
    .map((v: { plate: string }) => v.plate)
    .filter((p: string) => !yellow.has(p));
});
afterAll(() => mock.stop());

type Notification = { plate: string; plateType: string; templateId: string };
const notificationsFor = async (plate: string): Promise<Notification[]> =>
  (await mock.json('/vehicle/dev/owner-notifications')).notifications.filter((n: Notification) => n.plate === plate);
let keys = 0;
const key = () => `type-${Date.now()}-${++keys}`;

describe.each(testDatabases())('plate types in car moving on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  const offset = database.name === 'sqlite' ? 0 : 10;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '200',
      UPSTREAM_RETRIES: '0',
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 1200 : 1500);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  const errorOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions;

  it('finds two vehicles for the same characters on a blue and a yellow plate, each owner told once', async () => {
    const plate = twins[offset];
    const owners = await Promise.all(
      ['01', '02'].map(
        async (code) =>
          (await mock.json(`/vehicle/v1/vehicles/${encodeURIComponent(plate)}/owner?plateType=${code}`)).ownerIdNumber,
      ),
    );
    expect(owners[0]).not.toBe(owners[1]);

    const made = [];
    for (const plateType of ['SMALL', 'LARGE']) {
      const requester = await citizens.verified();
      const { body } = await sendCarMove(
        bff,
        REQUEST,
        { input: { plate, plateType, reason: 'BLOCKING_EXIT', place: '天河路地库出口', idempotencyKey: key() } },
        requester.accessToken,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data.requestCarMove).toMatchObject({ maskedPlate: maskPlate(plate), plateType });
      made.push(body.data.requestCarMove);
    }
    // Two different vehicles from the register (a car and a truck or bus).
    expect(made[0].vehicle).not.toBe(made[1].vehicle);
    const sent = await waitFor(
      () => notificationsFor(plate),
      (list) => list.length === 2,
    );
    expect(sent.map((n) => n.plateType).sort()).toEqual(['01', '02']);
    // And two owners' phones.
    const sms = (await mock.json('/sms/dev/outbox')).messages.filter(
      (m: { templateId: string; params: Record<string, string> }) =>
        m.templateId === 'CAR_MOVE' && m.params.plate === maskPlate(plate),
    );
    expect(new Set(sms.map((m: { phone: string }) => m.phone)).size).toBe(2);
  });

  it('refuses a wrong type with a hint to check the colour, and sends nothing', async () => {
    const plate = blueOnly[offset];
    const requester = await citizens.verified();
    const wrong = await sendCarMove(
      bff,
      REQUEST,
      { input: { plate, plateType: 'LARGE', reason: 'BLOCKING_EXIT', place: '天河路地库出口', idempotencyKey: key() } },
      requester.accessToken,
    );
    expect(errorOf(wrong.body)).toMatchObject({ code: 'VEHICLE_NOT_FOUND', hint: 'CHECK_PLATE_COLOUR' });
    expect(wrong.body.errors?.[0].message).toMatch(/colour \(type\) of the plate|号牌颜色/);
    // Characters a type cannot carry are refused before anyone is asked.
    const green = await sendCarMove(
      bff,
      REQUEST,
      {
        input: {
          plate,
          plateType: 'NEW_ENERGY_SMALL',
          reason: 'BLOCKING_EXIT',
          place: '天河路地库出口',
          idempotencyKey: key(),
        },
      },
      requester.accessToken,
    );
    expect(errorOf(green.body)).toMatchObject({ code: 'PLATE_TYPE_MISMATCH', field: 'plateType' });
    const police = await sendCarMove(
      bff,
      REQUEST,
      {
        input: {
          plate: '粤A1234警',
          plateType: 'SMALL',
          reason: 'BLOCKING_EXIT',
          place: '天河路地库出口',
          idempotencyKey: key(),
        },
      },
      requester.accessToken,
    );
    expect(errorOf(police.body)?.code).toBe('PLATE_TYPE_UNSUPPORTED');
    const unknownType = await sendCarMove(
      bff,
      REQUEST,
      { input: { plate, plateType: 'POLICE', reason: 'BLOCKING_EXIT', idempotencyKey: key() } },
      requester.accessToken,
    );
    expect(unknownType.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await notificationsFor(plate)).toEqual([]);
    // The right type goes through.
    const right = await sendCarMove(
      bff,
      REQUEST,
      { input: { plate, plateType: 'SMALL', reason: 'BLOCKING_EXIT', place: '天河路地库出口', idempotencyKey: key() } },
      requester.accessToken,
    );
    expect(right.body.data?.requestCarMove.plateType).toBe('SMALL');
  });

  it('serves trailers and driving-school cars by their own types', async () => {
    for (const [code, plateType] of [
      ['15', 'TRAILER'],
      ['16', 'COACH'],
      ['51', 'NEW_ENERGY_LARGE'],
    ]) {
      const [{ plate }] = (
        await mock.json(`/vehicle/dev/vehicles?plateType=${code}&count=1&offset=${database.name === 'sqlite' ? 0 : 1}`)
      ).vehicles;
      const requester = await citizens.verified();
      const { body } = await sendCarMove(
        bff,
        REQUEST,
        { input: { plate, plateType, reason: 'BLOCKING_GARAGE', place: '小区车库', idempotencyKey: key() } },
        requester.accessToken,
      );
      expect(body.data?.requestCarMove).toMatchObject({ plateType, maskedPlate: maskPlate(plate) });
    }
  });

  it('refuses a request for the requester’s own vehicle (CAR_MOVE_OWN_VEHICLE) and sends nothing', async () => {
    const plate = blueOnly[offset + 1];
    const { ownerIdNumber } = await mock.json(`/vehicle/v1/vehicles/${encodeURIComponent(plate)}/owner?plateType=02`);
    const person = await mock.json(`/population/v1/persons/${ownerIdNumber}`);
    const owner = await citizens.signIn();
    await bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, owner.accessToken);
    const own = await sendCarMove(
      bff,
      REQUEST,
      { input: { plate, plateType: 'SMALL', reason: 'OTHER', place: '小区车库', idempotencyKey: key() } },
      owner.accessToken,
    );
    expect(errorOf(own.body)?.code).toBe('CAR_MOVE_OWN_VEHICLE');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await notificationsFor(plate)).toEqual([]);
  });
});
