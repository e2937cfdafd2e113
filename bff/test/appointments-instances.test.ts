import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chinaWeekday, startBff, startMockData, startsAt, type MockData, type RunningBff } from './helpers';
import { VERIFY_REAL_NAME } from '../../test-support/policies';

const PG = process.env.TEST_DATABASE_URL;
const BOOK = `mutation($h: ID!, $s: ID!, $t: String!) { bookAppointment(hallId: $h, serviceId: $s, startsAt: $t) { id } }`;
const PEOPLE = 500;
const CAPACITY = 20;

/**
 * No slot is overbooked across instances: 500 citizens book one 20-place slot at
 * once, spread over two BFF instances on one PostgreSQL database. Exactly 20 land;
 * the rest are told the slot is full. Then a cancellation frees one place.
 */
(PG ? describe : describe.skip)('appointments across two instances on PostgreSQL', () => {
  let mock: MockData;
  const instances: RunningBff[] = [];
  let dataDir = '';

  beforeAll(async () => {
    mock = await startMockData();
    const schema = `t_appt_${process.pid}_${Date.now().toString(36)}`;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-appt-'));
    const shared = {
      DATABASE_URL: PG!,
      DATABASE_SCHEMA: schema,
      DATA_DIR: dataDir,
      AGENCY_BASE_URL: mock.url,
      DATABASE_POOL_MAX: '20',
    };
    for (let i = 0; i < 2; i++) instances.push(await startBff(shared));
    const db = instances[0]!.built.services.db;
    await db
      .insertInto('service_halls')
      .values({
        id: 'test-hall',
        name: '测试大厅',
        name_en: 'Test hall',
        address: '测试路1号',
        address_en: '1 Test Road',
        hours: '工作日 9:00',
        hours_en: 'Weekdays 9:00',
        schedule: JSON.stringify({ 1: ['09:00'], 2: ['09:00'], 3: ['09:00'], 4: ['09:00'], 5: ['09:00'] }),
      })
      .execute();
    await db
      .insertInto('hall_services')
      .values({ hall_id: 'test-hall', service_id: 'endorsement-appointment', capacity: CAPACITY })
      .execute();
  }, 60_000);
  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await mock?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`500 bookings at once for ${CAPACITY} places land exactly ${CAPACITY}`, async () => {
    // 500 different people, each signed in and verified (one appointment per citizen per service).
    const people = (await mock.json(`/population/dev/people?count=${PEOPLE}&offset=1000`)).people as Array<{
      idNumber: string;
      name: string;
    }>;
    const tokens: string[] = [];
    for (let i = 0; i < people.length; i += 25) {
      tokens.push(
        ...(await Promise.all(
          people.slice(i, i + 25).map(async (person, j) => {
            const bff = instances[(i + j) % 2]!;
            const { code } = await mock.json('/wechat/dev/login-code', {
              method: 'POST',
              body: JSON.stringify({ user: `appt-${process.pid}-${i + j}` }),
            });
            const token = (
              await bff.gql('mutation($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }', { c: code })
            ).body.data.login.accessToken as string;
            const verified = await bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, token);
            if (!verified.body.data) throw new Error(JSON.stringify(verified.body.errors));
            return token;
          }),
        )),
      );
    }
    const slot = startsAt(chinaWeekday(2), '09:00');
    const results = await Promise.all(
      tokens.map((token, i) =>
        instances[i % 2]!.gql(BOOK, { h: 'test-hall', s: 'endorsement-appointment', t: slot }, token),
      ),
    );
    const booked = results.filter((r) => r.body.data?.bookAppointment);
    const codes = results.filter((r) => r.body.errors).map((r) => r.body.errors![0]!.extensions?.code);
    // One assertion over both, so a failure shows what the others were told (not only how many were booked).
    const told: Record<string, number> = {};
    for (const code of codes) told[String(code)] = (told[String(code)] ?? 0) + 1;
    expect({ booked: booked.length, told }).toEqual({ booked: CAPACITY, told: { SLOT_FULL: PEOPLE - CAPACITY } });
    const db = instances[1]!.built.services.db;
    const row = await db
      .selectFrom('appointment_slots')
      .selectAll()
      .where('hall_id', '=', 'test-hall')
      .executeTakeFirstOrThrow();
    expect(row.booked).toBe(CAPACITY);
    expect(
      await db
        .selectFrom('appointments')
        .select('id')
        .where('hall_id', '=', 'test-hall')
        .where('status', '=', 'BOOKED')
        .execute(),
    ).toHaveLength(CAPACITY);

    // A cancellation on one instance frees a place another instance can give.
    const first = results.findIndex((r) => r.body.data?.bookAppointment);
    await instances[1 - (first % 2)]!.gql(
      'mutation($id: ID!) { cancelAppointment(id: $id) { status } }',
      { id: results[first]!.body.data.bookAppointment.id },
      tokens[first],
    );
    const late = results.findIndex((r) => r.body.errors);
    expect(
      (await instances[late % 2]!.gql(BOOK, { h: 'test-hall', s: 'endorsement-appointment', t: slot }, tokens[late]))
        .body.data?.bookAppointment,
    ).toBeTruthy();
    expect(
      (
        await db
          .selectFrom('appointment_slots')
          .select('booked')
          .where('hall_id', '=', 'test-hall')
          .executeTakeFirstOrThrow()
      ).booked,
    ).toBe(CAPACITY);
  }, 120_000);
});
