import { maskPlate } from '@citizen/shared';
import {
  Citizens,
  operatorToken,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
  waitFor,
} from './helpers';
import { sendCarMove } from '../../test-support/car-move';

/**
 * Issue 11, car moving: limits taken before the register is asked, idempotent retries
 * that take no quota, places that cannot carry links or numbers into a government SMS,
 * and owner reports that wait for an operator.
 */
const REQUEST = `mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id place status report } }`;
const GET = `query($id: ID!) { carMoveRequest(id: $id) { id report } }`;
const REPORT = 'mutation($t: String!, $n: String) { reportCarMove(token: $t, note: $n) }';
const PENDING =
  '{ pendingCarMoveReports { requestId maskedPlate reason requestedAt reportedAt note confirmedReports } }';
const DECIDE =
  'mutation($id: ID!, $d: CarMoveReportDecision!) { decideCarMoveReport(requestId: $id, decision: $d) { requestId status suspendedUntil } }';

let mock: MockData;
let plates: string[];
beforeAll(async () => {
  mock = await startMockData();
  plates = (await mock.json('/vehicle/dev/vehicles?count=500')).vehicles.map((v: { plate: string }) => v.plate);
});
afterAll(() => mock.stop());

type Sms = { phone: string; templateId: string; params: Record<string, string> };
const smsFor = async (plate: string): Promise<Sms[]> =>
  (await mock.json('/sms/dev/outbox')).messages.filter(
    (m: Sms) => m.templateId.startsWith('CAR_MOVE') && m.params.plate === maskPlate(plate),
  );
const notificationsFor = async (plate: string) =>
  (await mock.json('/vehicle/dev/owner-notifications')).notifications.filter(
    (n: { plate: string }) => n.plate === plate,
  );
const tokenOf = (sms: Sms) => new URL(sms.params.link.replace('#/', '')).searchParams.get('t')!;
let keys = 0;
const key = () => `trust-${Date.now()}-${++keys}`;
const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  body.errors?.[0]?.extensions?.code ?? 'OK';

/** Vehicle lookups the register has seen so far, by plate (GET /vehicle/v1/vehicles/<plate>, not …/owner). */
async function registerLookups(): Promise<Map<string, number>> {
  const { calls } = await mock.json('/admin/calls');
  const byPlate = new Map<string, number>();
  for (const [route, n] of Object.entries(calls as Record<string, number>)) {
    const match = decodeURIComponent(route).match(/^GET \/vehicle\/v1\/vehicles\/([^/]+)$/);
    if (match) byPlate.set(match[1], (byPlate.get(match[1]) ?? 0) + n);
  }
  return byPlate;
}
const lookupsOf = (before: Map<string, number>, after: Map<string, number>, plate: string) =>
  (after.get(plate) ?? 0) - (before.get(plate) ?? 0);

describe.each(testDatabases())('car moving, trust first, on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let plateIndex = database.name === 'sqlite' ? 0 : 250;
  const plate = () => plates[plateIndex++];
  const tokens: Record<string, string> = {};
  let shiftMs = 0;

  beforeAll(async () => {
    // 5 s per agency call: 50 requests at once on a busy 2-core machine can take the register past 1 s.
    bff = await startBff(
      {
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        OUTBOX_POLL_MS: '200',
        UPSTREAM_RETRIES: '0',
        UPSTREAM_TIMEOUT_MS: '5000',
      },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 700 : 1300);
    for (const role of ['clerk', 'editor', 'publisher', 'admin'] as const)
      tokens[role] = await operatorToken(bff, `${role}-cm`, role);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(async () => {
    shiftMs = 0;
    await mock.resetFaults();
  });

  it('takes exactly the day limit of 50 requests at once, and the register sees none of the refused ones', async () => {
    const requester = await citizens.verified();
    const targets = Array.from({ length: 50 }, () => plate());
    const before = await registerLookups();
    const results = await Promise.all(
      targets.map((p) =>
        sendCarMove(
          bff,
          REQUEST,
          { input: { plate: p, reason: 'OTHER', idempotencyKey: key() } },
          requester.accessToken,
        ),
      ),
    );
    const codes = results.map((r) => codeOf(r.body));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(3);
    expect(codes.filter((c) => c === 'CAR_MOVE_LIMIT_DAY')).toHaveLength(47);
    const after = await registerLookups();
    const asked = targets.filter((p) => lookupsOf(before, after, p) > 0);
    expect(asked).toHaveLength(3);
    expect(asked.sort()).toEqual(targets.filter((_, i) => codes[i] === 'OK').sort());
  });

  it('takes exactly the per-plate limit from 50 requesters at once', async () => {
    const popular = plate();
    const someone = await Promise.all(Array.from({ length: 50 }, () => citizens.verified()));
    const before = await registerLookups();
    const results = await Promise.all(
      someone.map((c) =>
        sendCarMove(bff, REQUEST, { input: { plate: popular, reason: 'OTHER', idempotencyKey: key() } }, c.accessToken),
      ),
    );
    const codes = results.map((r) => codeOf(r.body)).sort();
    expect(codes).toEqual([...Array(48).fill('CAR_MOVE_LIMIT_PLATE'), 'OK', 'OK']);
    // At most one lookup per accepted request (the client merges identical reads in flight), none for the refused.
    const asked = lookupsOf(before, await registerLookups(), popular);
    expect(asked >= 1 && asked <= 2).toBe(true);
  });

  it('at the limit, answers a plate that exists and one that does not alike, and asks the register nothing', async () => {
    const requester = await citizens.verified();
    // A plate the register does not know still uses up one request: no free enumeration.
    expect(
      codeOf(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: '粤Z99999', reason: 'OTHER', idempotencyKey: key() } },
            requester.accessToken,
          )
        ).body,
      ),
    ).toBe('VEHICLE_NOT_FOUND');
    for (let i = 0; i < 2; i++)
      expect(
        codeOf(
          (
            await sendCarMove(
              bff,
              REQUEST,
              { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
              requester.accessToken,
            )
          ).body,
        ),
      ).toBe('OK');
    const known = plate();
    const before = await registerLookups();
    const a = await sendCarMove(
      bff,
      REQUEST,
      { input: { plate: known, reason: 'OTHER', idempotencyKey: key() } },
      requester.accessToken,
    );
    const b = await sendCarMove(
      bff,
      REQUEST,
      { input: { plate: '粤Z88888', reason: 'OTHER', idempotencyKey: key() } },
      requester.accessToken,
    );
    expect(a.body).toEqual(b.body);
    expect(a.body.errors?.[0]?.extensions).toEqual({ code: 'CAR_MOVE_LIMIT_DAY', limit: 3 });
    const after = await registerLookups();
    expect([lookupsOf(before, after, known), lookupsOf(before, after, '粤Z88888')]).toEqual([0, 0]);
  });

  it('takes one quota for one idempotency key, however often and however at once it is sent', async () => {
    const requester = await citizens.verified();
    const target = plate();
    const input = { plate: target, reason: 'BLOCKING_GARAGE', idempotencyKey: key() };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => sendCarMove(bff, REQUEST, { input }, requester.accessToken)),
    );
    expect(new Set(results.map((r) => r.body.data?.requestCarMove.id)).size).toBe(1);
    expect((await sendCarMove(bff, REQUEST, { input }, requester.accessToken)).body.data.requestCarMove.id).toBe(
      results[0].body.data.requestCarMove.id,
    );
    // Two more distinct requests fit in the day's three: the ten and the retry took one.
    for (let i = 0; i < 2; i++)
      expect(
        codeOf(
          (
            await sendCarMove(
              bff,
              REQUEST,
              { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
              requester.accessToken,
            )
          ).body,
        ),
      ).toBe('OK');
    expect(
      codeOf(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
            requester.accessToken,
          )
        ).body,
      ),
    ).toBe('CAR_MOVE_LIMIT_DAY');
    await waitFor(
      () => smsFor(target),
      (list) => list.length === 1,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await smsFor(target)).toHaveLength(1);
    // A retry of a not-found plate answers the same, without a second quota or a second lookup.
    const other = await citizens.verified();
    const ghost = { plate: '粤Z77777', reason: 'OTHER', idempotencyKey: key() };
    expect(codeOf((await sendCarMove(bff, REQUEST, { input: ghost }, other.accessToken)).body)).toBe(
      'VEHICLE_NOT_FOUND',
    );
    const before = await registerLookups();
    expect(codeOf((await sendCarMove(bff, REQUEST, { input: ghost }, other.accessToken)).body)).toBe(
      'VEHICLE_NOT_FOUND',
    );
    expect(lookupsOf(before, await registerLookups(), '粤Z77777')).toBe(0);
    for (let i = 0; i < 2; i++)
      expect(
        codeOf(
          (
            await sendCarMove(
              bff,
              REQUEST,
              { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
              other.accessToken,
            )
          ).body,
        ),
      ).toBe('OK');
  });

  it('gives the quota back when the register is down', async () => {
    const requester = await citizens.verified();
    await mock.fault('vehicle', { mode: 'down' });
    const refused = await sendCarMove(
      bff,
      REQUEST,
      { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
      requester.accessToken,
    );
    expect(String(codeOf(refused.body))).toMatch(/^AGENCY_/);
    await mock.resetFaults();
    for (let i = 0; i < 3; i++)
      expect(
        codeOf(
          (
            await sendCarMove(
              bff,
              REQUEST,
              { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
              requester.accessToken,
            )
          ).body,
        ),
      ).toBe('OK');
  });

  it('refuses places that could carry links, numbers or markup, and sends nothing', async () => {
    const requester = await citizens.verified();
    const target = plate();
    const bad = [
      '详情见 http://t.cn/a1',
      '加微信 13800138000',
      '天'.repeat(31),
      '门口🚗',
      '<script>alert(1)</script>',
      'www.example.com',
    ];
    for (const place of bad) {
      const result = await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: target, reason: 'OTHER', place, idempotencyKey: key() } },
        requester.accessToken,
      );
      expect([place, result.body.errors?.[0]?.extensions?.code, result.body.errors?.[0]?.extensions?.field]).toEqual([
        place,
        'CAR_MOVE_PLACE_INVALID',
        'place',
      ]);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(await smsFor(target)).toEqual([]);
    expect(await notificationsFor(target)).toEqual([]);
    // Nothing was taken either: three requests still fit in the day.
    for (let i = 0; i < 3; i++)
      expect(
        codeOf(
          (
            await sendCarMove(
              bff,
              REQUEST,
              { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
              requester.accessToken,
            )
          ).body,
        ),
      ).toBe('OK');
  });

  it('sends a good place in the fixed template, and the district when there are only coordinates', async () => {
    const requester = await citizens.verified();
    const target = plate();
    const made = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: target, reason: 'BLOCKING_EXIT', place: ' 天河路123号 B2层出口 ', idempotencyKey: key() } },
        requester.accessToken,
      )
    ).body.data.requestCarMove;
    expect(made.place).toBe('天河路123号 B2层出口');
    const [sms] = await waitFor(
      () => smsFor(target),
      (list) => list.length === 1,
    );
    expect(sms.templateId).toBe('CAR_MOVE');
    expect(sms.params).toEqual({
      plate: maskPlate(target),
      place: '天河路123号 B2层出口',
      reason: '挡住出口',
      link: expect.stringMatching(/^http:\/\/127\.0\.0\.1:4000\/#\/pages\/car-move-answer\/index\?t=[\w-]+$/),
    });
    expect(
      (await notificationsFor(target)).map((n: { templateId: string; params: unknown }) => [n.templateId, n.params]),
    ).toEqual([['CAR_MOVE', sms.params]]);

    const located = plate();
    const byCoords = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: located, reason: 'OTHER', latitude: 23.125, longitude: 113.36, idempotencyKey: key() } },
        requester.accessToken,
      )
    ).body.data.requestCarMove;
    expect(byCoords.place).toBe('广州市天河区');
    const [located1] = await waitFor(
      () => smsFor(located),
      (list) => list.length === 1,
    );
    expect(located1.params.place).toBe('广州市天河区');
    expect(JSON.stringify(located1.params)).not.toMatch(/23\.125|113\.36/);
  });

  it('keeps reports pending until an operator decides; only confirmed ones suspend, and each decision is audited', async () => {
    const requester = await citizens.verified();
    const made: Array<{ id: string; plate: string; token: string }> = [];
    // Four requests over two days (three a day), each reported by its owner.
    for (let i = 0; i < 4; i++) {
      shiftMs = i === 3 ? 24 * 3600_000 : 0;
      const target = plate();
      const id = (
        await sendCarMove(
          bff,
          REQUEST,
          { input: { plate: target, reason: 'OTHER', idempotencyKey: key() } },
          requester.accessToken,
        )
      ).body.data.requestCarMove.id;
      const [sms] = await waitFor(
        () => smsFor(target),
        (list) => list.length === 1,
      );
      made.push({ id, plate: target, token: tokenOf(sms) });
    }
    for (const [i, m] of made.entries())
      expect((await bff.gql(REPORT, { t: m.token, n: i === 0 ? '不认识，骚扰' : null })).body.data.reportCarMove).toBe(
        true,
      );
    expect(codeOf((await bff.gql(REPORT, { t: made[0].token })).body)).toBe('CAR_MOVE_ALREADY_REPORTED');
    // The requester sees each report waiting; four reports alone suspend no one.
    expect((await bff.gql(GET, { id: made[0].id }, requester.accessToken)).body.data.carMoveRequest.report).toBe(
      'PENDING',
    );
    const suspensions = () => bff.built.services.db.selectFrom('car_move_suspensions').selectAll().execute();
    expect(await suspensions()).toEqual([]);
    const stored = await bff.built.services.db
      .selectFrom('car_move_reports')
      .select(['note', 'note_enc'])
      .where('request_id', '=', made[0].id)
      .executeTakeFirstOrThrow();
    expect(stored.note).toBeNull();
    expect(stored.note_enc).not.toContain('骚扰');

    // Who may see and decide: publishers and admins; editors, clerks and citizens are refused.
    for (const [who, code] of [
      [tokens.editor, 'OPERATOR_ROLE_REQUIRED'],
      [tokens.clerk, 'OPERATOR_ROLE_REQUIRED'],
      [requester.accessToken, 'UNAUTHENTICATED'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      expect(codeOf((await bff.gql(PENDING, {}, who)).body)).toBe(code);
      expect(codeOf((await bff.gql(DECIDE, { id: made[0].id, d: 'CONFIRM' }, who)).body)).toBe(code);
    }

    const pending = (await bff.gql(PENDING, {}, tokens.publisher)).body.data.pendingCarMoveReports.filter(
      (r: { requestId: string }) => made.some((m) => m.id === r.requestId),
    );
    expect(pending).toHaveLength(4);
    expect(pending.find((r: { requestId: string }) => r.requestId === made[0].id)).toMatchObject({
      maskedPlate: maskPlate(made[0].plate),
      reason: 'OTHER',
      note: '不认识，骚扰',
      confirmedReports: 0,
    });
    expect(JSON.stringify(pending)).not.toContain(made[0].plate);

    // A dismissed report counts for nothing, and cannot be decided twice.
    expect(
      (await bff.gql(DECIDE, { id: made[0].id, d: 'DISMISS' }, tokens.publisher)).body.data.decideCarMoveReport,
    ).toEqual({ requestId: made[0].id, status: 'DISMISSED', suspendedUntil: null });
    expect(codeOf((await bff.gql(DECIDE, { id: made[0].id, d: 'CONFIRM' }, tokens.admin)).body)).toBe(
      'CAR_MOVE_REPORT_NOT_FOUND',
    );
    expect((await bff.gql(GET, { id: made[0].id }, requester.accessToken)).body.data.carMoveRequest.report).toBe(
      'DISMISSED',
    );
    // Two confirmed: one short.
    for (const m of made.slice(1, 3))
      expect(
        (await bff.gql(DECIDE, { id: m.id, d: 'CONFIRM' }, tokens.admin)).body.data.decideCarMoveReport.suspendedUntil,
      ).toBeNull();
    expect((await bff.gql(GET, { id: made[1].id }, requester.accessToken)).body.data.carMoveRequest.report).toBe(
      'CONFIRMED',
    );
    expect(await suspensions()).toEqual([]);
    // The third confirmed report suspends the requester.
    const third = (await bff.gql(DECIDE, { id: made[3].id, d: 'CONFIRM' }, tokens.publisher)).body.data
      .decideCarMoveReport;
    expect(third.suspendedUntil).toEqual(expect.any(String));
    expect(
      codeOf(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
            requester.accessToken,
          )
        ).body,
      ),
    ).toBe('CAR_MOVE_SUSPENDED');

    const audit = await bff.built.services.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'subject', 'detail'])
      .where('action', 'like', 'car-move.%')
      .orderBy('id')
      .execute();
    const mine = audit.filter(
      (a) => made.some((m) => a.subject === `car-move-request:${m.id}`) || a.action === 'car-move.suspend',
    );
    expect(mine.map((a) => [a.actor, a.action])).toEqual([
      ['operator:publisher-cm', 'car-move.report.dismiss'],
      ['operator:admin-cm', 'car-move.report.confirm'],
      ['operator:admin-cm', 'car-move.report.confirm'],
      ['operator:publisher-cm', 'car-move.report.confirm'],
      ['operator:publisher-cm', 'car-move.suspend'],
    ]);
    expect(JSON.stringify(mine)).not.toContain(requester.person.idNumber);
  });
});
