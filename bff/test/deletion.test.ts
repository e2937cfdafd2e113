import { sql } from 'kysely';
import { jpegWithGps } from '../../test-support/images';
import { SCENE_LOCATION } from '../../test-support/car-move';
import { loadKeys } from '../src/modules/identity/keys';
import { PersonalDataVault } from '../src/modules/identity/vault';
import {
  Citizens,
  chinaWeekday,
  operatorToken,
  startBff,
  startMockData,
  startsAt,
  testDatabases,
  waitFor,
  type MockData,
  type RunningBff,
  type SignedIn,
} from './helpers';

const SUBMIT = `mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number status } }`;
const GET = `query($id: ID!) { application(id: $id) { id number status departments { receiptNo status } } }`;
const DRAFT = `mutation($s: ID!, $a: JSONObject!) { saveDraft(serviceId: $s, answers: $a) { version updatedAt } }`;
const BOOK = `mutation($h: ID!, $s: ID!, $t: String!) { bookAppointment(hallId: $h, serviceId: $s, startsAt: $t) { id status } }`;
const CAR_MOVE = `mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id status } }`;
const LICENCES = `query { myLicences { id kind } }`;
const LICENCE = `query($id: ID!) { licence(id: $id, full: true) { id full } }`;
const CODE = `mutation($id: ID!) { licenceCode(licenceId: $id) { token } }`;
const VERIFY = `mutation($t: String!) { verifyLicenceCode(token: $t) { kind } }`;
const SUBSCRIBE = `mutation($t: MessageTopic!) { recordMessageSubscription(topic: $t, accepted: true) }`;
const MESSAGES = `query { myMessages(first: 50) { items { id deliveryStatus } } }`;
const DELETE = `mutation { deleteMyAccount(confirm: true) }`;

jest.setTimeout(60_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

let keys = 0;
const key = () => `deletion-${process.pid}-${Date.now()}-${++keys}`;
const decide = (department: string, reference: string, status: string) =>
  mock.json(`/${department}/dev/applications/${reference}/decide`, {
    method: 'POST',
    body: JSON.stringify({ status }),
  });
const SI_ANSWERS = { months: '12', purpose: 'other', purposeOther: '积分入户', delivery: 'electronic' };
const DAY_MS = 86_400_000;

describe.each(testDatabases())('deletion and retention on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let vault: PersonalDataVault;
  let shiftMs = 0;

  beforeAll(async () => {
    bff = await startBff(
      {
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        OUTBOX_POLL_MS: '100',
        DEPARTMENT_POLL_MS: '100',
        UPSTREAM_RETRIES: '0',
      },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 300 : 400, 'provident-fund,social-insurance');
    const keyring = loadKeys(bff.built.services.config);
    vault = new PersonalDataVault(keyring.dataKey, keyring.idHashKey);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => {
    shiftMs = 0;
  });

  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const { body } = await bff.gql(query, variables, token);
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const upload = async (session: SignedIn): Promise<string> => {
    const response = await fetch(`${bff.url}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpegWithGps()),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const submitted = async (session: SignedIn) => {
    const app = (await gql(SUBMIT, { s: 'si-payment-record', a: SI_ANSWERS, k: key() }, session.accessToken))
      .submitApplication;
    await waitFor(
      async () => (await gql(GET, { id: app.id }, session.accessToken)).application,
      (a) => a.departments.every((d: { receiptNo: string | null }) => d.receiptNo),
    );
    return app as { id: string; number: string };
  };
  const db = () => bff.built.services.db;

  /** Every table the database holds, read from the database itself, so a table added later is scanned too. */
  const allTables = async (): Promise<string[]> => {
    if (database.name === 'sqlite') {
      const { rows } = await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db());
      return rows.map((r) => r.name);
    }
    const { rows } = await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
      db(),
    );
    return rows.map((r) => r.table_name);
  };

  it('after a full journey, deleteMyAccount leaves nothing tied to the person in any table; the slot is freed; the open application is withdrawn', async () => {
    // The journey: verify, phone, face, subscribe, photo, draft, applications, appointment, car move, licence code, messages.
    const session = await citizens.faceVerified();
    const phone = `139${String(Date.now()).slice(-8)}`;
    await citizens.bindPhone(session, phone);
    for (const topic of ['APPLICATION_PROGRESS', 'APPOINTMENT_REMINDER', 'CAR_MOVE_ALERT'])
      await gql(SUBSCRIBE, { t: topic }, session.accessToken);
    const photo = await upload(session);
    await gql(DRAFT, { s: 'talent-housing-subsidy', a: { degree: 'master', diploma: photo } }, session.accessToken);

    const open = await submitted(session);
    await decide('social-insurance', open.number, 'ACCEPTED');
    await waitFor(
      async () => (await gql(GET, { id: open.id }, session.accessToken)).application,
      (a) => a.status === 'ACCEPTED',
    );
    const finished = await submitted(session);
    await decide('social-insurance', finished.number, 'COMPLETED');
    await waitFor(
      async () => (await gql(GET, { id: finished.id }, session.accessToken)).application,
      (a) => a.status === 'COMPLETED',
    );

    const slotStart = startsAt(chinaWeekday(4), '10:30');
    const appointment = (await gql(BOOK, { h: 'citizen-centre', s: 'si-card', t: slotStart }, session.accessToken))
      .bookAppointment;
    const slot = await db()
      .selectFrom('appointments')
      .select('slot_id')
      .where('id', '=', appointment.id)
      .executeTakeFirstOrThrow();
    const bookedBefore = (
      await db()
        .selectFrom('appointment_slots')
        .select('booked')
        .where('id', '=', slot.slot_id)
        .executeTakeFirstOrThrow()
    ).booked;

    const plate = (await mock.json('/vehicle/dev/vehicles?count=300')).vehicles[database.name === 'sqlite' ? 250 : 260]
      .plate as string;
    const carMove = (
      await gql(
        CAR_MOVE,
        {
          input: {
            plate,
            reason: 'BLOCKING_EXIT',
            place: '天河路 123 号地库出口',
            ...SCENE_LOCATION,
            photoIds: [photo],
            idempotencyKey: key(),
          },
        },
        session.accessToken,
      )
    ).requestCarMove;

    const card = (await gql(LICENCES, {}, session.accessToken)).myLicences.find(
      (l: { kind: string }) => l.kind === 'ID_CARD',
    );
    expect((await gql(LICENCE, { id: card.id }, session.accessToken)).licence.full).toBe(true);
    const clerk = await operatorToken(bff, `clerk-deletion-${database.name}`, 'clerk');
    const code = (await gql(CODE, { id: card.id }, session.accessToken)).licenceCode.token;
    expect((await gql(VERIFY, { t: code }, clerk)).verifyLicenceCode.kind).toBe('ID_CARD');
    await waitFor(
      async () => (await gql(MESSAGES, {}, session.accessToken)).myMessages.items,
      (items) => items.length >= 5 && items.every((m: { deliveryStatus: string }) => m.deliveryStatus !== 'PENDING'),
    );

    // Who the person is, in every form the database could hold them.
    const accountId = JSON.parse(Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString()).sub as string;
    const account = await db().selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
    const citizen = await db()
      .selectFrom('citizens')
      .selectAll()
      .where('id', '=', account.citizen_id!)
      .executeTakeFirstOrThrow();
    const accountIds = (
      await db().selectFrom('accounts').select('id').where('citizen_id', '=', citizen.id).execute()
    ).map((a) => a.id);
    const ids = [citizen.id, ...accountIds, citizen.id_number_hash, citizen.phone_hash!, account.platform_user_id];
    const secrets = [session.person.idNumber, session.person.name, phone];
    expect(
      await db().selectFrom('car_move_requests').select('id').where('requester_citizen_id', '=', citizen.id).execute(),
    ).toHaveLength(1);

    /** Every table, every row, every column: what names the person or decrypts to their data. */
    const scan = async (): Promise<string[]> => {
      const found: string[] = [];
      const tables = await allTables();
      expect(tables).toEqual(
        expect.arrayContaining([
          'citizens',
          'outbox',
          'applications',
          'audit_log',
          'car_move_requests',
          'licence_code_uses',
        ]),
      );
      for (const table of tables) {
        const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db());
        for (const row of rows) {
          for (const [column, value] of Object.entries(row)) {
            if (typeof value !== 'string') continue;
            for (const id of ids) if (value.includes(id)) found.push(`${table}.${column} holds an id of the person`);
            if (!/^v[12]:/.test(value)) continue;
            let plain: string;
            try {
              plain = vault.decrypt(value);
            } catch {
              continue;
            }
            for (const secret of secrets)
              if (plain.includes(secret)) found.push(`${table}.${column} decrypts to the person's data`);
          }
        }
      }
      return found;
    };
    // The scan sees the person before (so it can see them at all).
    expect((await scan()).length).toBeGreaterThan(10);

    const deleted = await bff.gql(DELETE, {}, session.accessToken);
    expect(deleted.body.errors).toBeUndefined();
    expect(deleted.body.data?.deleteMyAccount).toBe(true);

    // Step 1: nothing names the person any more.
    const found = await scan();
    expect(found).toEqual([]);

    // Step 2: the place is free again, the finished application is an anonymous archive, the open one is gone.
    expect(
      (
        await db()
          .selectFrom('appointment_slots')
          .select('booked')
          .where('id', '=', slot.slot_id)
          .executeTakeFirstOrThrow()
      ).booked,
    ).toBe(bookedBefore - 1);
    const archive = await db()
      .selectFrom('applications')
      .selectAll()
      .where('number', '=', finished.number)
      .executeTakeFirstOrThrow();
    expect(archive).toMatchObject({
      citizen_id: null,
      account_id: null,
      status: 'COMPLETED',
      service_id: 'si-payment-record',
      answers_enc: '',
      attachments: '[]',
    });
    expect(await db().selectFrom('applications').select('id').where('number', '=', open.number).execute()).toEqual([]);
    // The car-moving request stays for the owner, anonymised and cancelled.
    expect(
      await db()
        .selectFrom('car_move_requests')
        .select(['requester_citizen_id', 'place_enc', 'photo_id', 'status'])
        .where('id', '=', carMove.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ requester_citizen_id: null, place_enc: null, photo_id: null, status: 'CANCELLED' });

    // Step 3: the department got one withdrawal for the open application, none for the finished one.
    const withdrawals = await waitFor(
      async () =>
        (await mock.json('/social-insurance/dev/withdrawals')).withdrawals as Array<{
          reference: string;
          deliveries: number;
          receiptNo: string | null;
        }>,
      (w) => w.some((x) => x.reference === open.number),
    );
    expect(withdrawals.filter((w) => w.reference === open.number)).toEqual([
      expect.objectContaining({ deliveries: 1, receiptNo: expect.stringMatching(/^SI-/) }),
    ]);
    expect(withdrawals.some((w) => w.reference === finished.number)).toBe(false);
    const [withdrawn] = (await mock.json(`/social-insurance/dev/applications?reference=${open.number}`)).applications;
    expect(withdrawn.withdrawnAt).toEqual(expect.any(String));

    // Step 4: the audit log keeps the anonymous record of the deletion; the clerk's check of the licence names no one.
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) => eb.or([eb('action', '=', 'person.delete'), eb('action', 'like', 'licence.%')]))
      .execute();
    expect(audit.filter((a) => a.action === 'person.delete')).toEqual([
      expect.objectContaining({ actor: 'citizen:anonymised', subject: 'anonymised' }),
    ]);
    expect(audit.filter((a) => a.action === 'licence.view-full')).toEqual([]);
    expect(audit.filter((a) => a.action === 'licence.verify')).toEqual([
      expect.objectContaining({ subject: 'anonymised' }),
    ]);
    expect(JSON.parse(audit.find((a) => a.action === 'person.delete')!.detail)).toMatchObject({
      applicationsWithdrawn: 1,
      applicationsArchived: 1,
      appointmentsFreed: 1,
      carMoveRequests: 1,
      uploads: 1,
      drafts: 1,
    });
    // And the session is over.
    expect((await bff.gql(MESSAGES, {}, session.accessToken)).body.errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('the scheduled purge deletes delivered outbox rows older than OUTBOX_RETENTION_DAYS and drafts older than 90 days, and nothing younger', async () => {
    const session = await citizens.verified();
    const start = Date.now();
    // Day 0: a draft, an application handed over (its outbox row delivered), an appointment whose reminder waits.
    await gql(DRAFT, { s: 'school-enrolment', a: { school: 's1' } }, session.accessToken);
    await submitted(session);
    await gql(
      BOOK,
      { h: 'citizen-centre', s: 'marriage-appointment', t: startsAt(chinaWeekday(10), '11:00') },
      session.accessToken,
    );
    // Day 5 (a citizen signed in then: tokens follow the clock): another draft and another hand-off.
    shiftMs = 5 * DAY_MS;
    const later = await citizens.verified();
    await gql(DRAFT, { s: 'school-enrolment', a: { school: 's2' } }, later.accessToken);
    await submitted(later);

    const outbox = () => db().selectFrom('outbox').select(['status', 'sent_at', 'topic']).execute();
    const drafts = async () =>
      (await db().selectFrom('application_drafts').select('answers_enc').execute())
        .map((d) => JSON.parse(vault.decrypt(d.answers_enc)).school)
        .sort();
    const sentBefore = (rows: Array<{ status: string; sent_at: string | null }>, at: number) =>
      rows.filter((r) => r.status === 'sent' && Date.parse(r.sent_at!) < at).length;
    const day0 = await outbox();
    expect(sentBefore(day0, start + 2.5 * DAY_MS)).toBeGreaterThan(0);
    expect(sentBefore(day0, Infinity)).toBeGreaterThan(sentBefore(day0, start + 2.5 * DAY_MS));
    const pending = day0.filter((r) => r.status === 'pending').length;
    expect(pending).toBeGreaterThan(0);

    // Day 31: day 0's delivered rows are past 30 days, day 5's are not; drafts are young.
    const first = await bff.built.retention.purge(new Date(start + 31 * DAY_MS));
    expect(first.outbox).toBe(sentBefore(day0, start + 2.5 * DAY_MS));
    const after31 = await outbox();
    expect(sentBefore(after31, start + 2.5 * DAY_MS)).toBe(0);
    expect(sentBefore(after31, Infinity)).toBe(sentBefore(day0, Infinity) - first.outbox);
    expect(after31.filter((r) => r.status === 'pending')).toHaveLength(pending);
    expect(await drafts()).toEqual(['s1', 's2']);

    // Day 95: day 0's draft is past 90 days, day 5's is not.
    const second = await bff.built.retention.purge(new Date(start + 95 * DAY_MS));
    expect(second.drafts).toBe(1);
    expect(await drafts()).toEqual(['s2']);
    // Pending messages are never purged, however old.
    expect((await outbox()).filter((r) => r.status === 'pending')).toHaveLength(pending);
  });
});
