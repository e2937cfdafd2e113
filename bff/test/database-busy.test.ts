import { Client } from 'pg';
import {
  Citizens,
  chinaWeekday,
  startBff,
  startMockData,
  startsAt,
  testDatabases,
  type MockData,
  type RunningBff,
} from './helpers';

const BOOK = `mutation($h: ID!, $s: ID!, $t: String!) { bookAppointment(hallId: $h, serviceId: $s, startsAt: $t) { id status } }`;
const MINE = `query { myAppointments { id } }`;
const postgres = testDatabases().find((d) => d.name === 'postgres');

/**
 * A database too busy to give a connection in time is "try again soon"
 * (SERVICE_UNAVAILABLE, which the app retries with a clear message), not an internal
 * error: the BFF runs with one pooled connection, a booking holds it while it waits on a
 * table another session has locked, and a second request waits out the pool's 5 s.
 */
(postgres ? describe : describe.skip)('a busy PostgreSQL pool', () => {
  let mock: MockData;
  let bff: RunningBff;
  let schema = '';

  beforeAll(async () => {
    mock = await startMockData();
    const env = await postgres!.env();
    schema = env.DATABASE_SCHEMA!;
    bff = await startBff({ ...env, AGENCY_BASE_URL: mock.url, DATABASE_POOL_MAX: '1' });
  }, 60_000);
  afterAll(async () => {
    await bff?.stop();
    await mock?.stop();
    await postgres!.cleanup();
  });

  it('answers SERVICE_UNAVAILABLE when no connection frees in time, then works again', async () => {
    const citizen = await new Citizens(bff, mock, 100).verified();
    const locker = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query(`lock table "${schema}".appointment_slots in access exclusive mode`);
      const booking = bff.gql(
        BOOK,
        { h: 'citizen-centre', s: 'marriage-appointment', t: startsAt(chinaWeekday(3), '09:00') },
        citizen.accessToken,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const waited = await bff.gql(MINE, {}, citizen.accessToken);
      expect(waited.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      await locker.query('commit');
      expect((await booking).body.data?.bookAppointment?.status).toBe('BOOKED');
    } finally {
      await locker.end();
    }
    expect((await bff.gql(MINE, {}, citizen.accessToken)).body.data?.myAppointments).toHaveLength(1);
    expect(bff.logs.some((line) => line.includes('unexpected resolver error'))).toBe(false);
  }, 60_000);
});
