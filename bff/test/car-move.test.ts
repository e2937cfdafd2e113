import exifr from 'exifr';
import { maskPlate } from '@citizen/shared';
import { jpegWithGps, pngWithText } from '../../test-support/images';
import { Citizens, startBff, startMockData, testDatabases, type MockData, type RunningBff, waitFor } from './helpers';
import { VERIFY_REAL_NAME } from '../../test-support/policies';
import { sendCarMove } from '../../test-support/car-move';

const REQUEST = `mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id role maskedPlate vehicle reason place status timeline { status } canRemindAt } }`;
const GET = `query($id: ID!) { carMoveRequest(id: $id) { id role status timeline { status at } reminded relayNumber } }`;
const ANSWER = `mutation($t: String!, $a: CarMoveAnswer!) { answerCarMove(token: $t, answer: $a) { status maskedPlate place reason } }`;

let mock: MockData;
let plates: string[];
beforeAll(async () => {
  mock = await startMockData();
  plates = (await mock.json('/vehicle/dev/vehicles?count=300')).vehicles.map((v: { plate: string }) => v.plate);
});
afterAll(() => mock.stop());

type Sms = { phone: string; templateId: string; params: Record<string, string> };
const smsFor = async (plate: string): Promise<Sms[]> =>
  (await mock.json('/sms/dev/outbox')).messages.filter(
    (m: Sms) => m.templateId.startsWith('CAR_MOVE') && m.params.plate === maskPlate(plate),
  );
const tokenOf = (sms: Sms) => new URL(sms.params.link.replace('#/', '')).searchParams.get('t')!;
let keys = 0;
const key = () => `key-${Date.now()}-${++keys}`;

describe.each(testDatabases())('car moving on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let shiftMs = 0;
  let plateIndex = database.name === 'sqlite' ? 0 : 150;
  const plate = () => plates[plateIndex++];

  beforeAll(async () => {
    bff = await startBff(
      {
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        OUTBOX_POLL_MS: '200',
        UPSTREAM_RETRIES: '0',
        UPLOAD_MAX_BYTES: '100000',
      },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 0 : 300);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(async () => {
    shiftMs = 0;
    await mock.resetFaults();
  });

  const errorOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions;

  it('notifies the owner by SMS with no requester identity; the owner answers from the link; the requester sees each step', async () => {
    const requester = await citizens.verified();
    const requesterPhone = `139${String(Date.now()).slice(-8)}`;
    await citizens.bindPhone(requester, requesterPhone);
    const target = plate();
    const made = await sendCarMove(
      bff,
      REQUEST,
      {
        input: {
          plate: target.toLowerCase(),
          reason: 'BLOCKING_EXIT',
          place: '天河路 123 号地库出口',
          idempotencyKey: key(),
        },
      },
      requester.accessToken,
    );
    expect(made.body.errors).toBeUndefined();
    const request = made.body.data.requestCarMove;
    expect(request).toMatchObject({
      role: 'REQUESTER',
      maskedPlate: maskPlate(target),
      reason: 'BLOCKING_EXIT',
      place: '天河路 123 号地库出口',
    });
    expect(request.vehicle).toMatch(/色 /);

    const [sms] = await waitFor(
      () => smsFor(target),
      (list) => list.length === 1,
    );
    expect(sms.templateId).toBe('CAR_MOVE');
    expect(sms.params).toMatchObject({ plate: maskPlate(target), place: '天河路 123 号地库出口', reason: '挡住出口' });
    const smsText = JSON.stringify(sms.params);
    for (const secret of [requesterPhone, requester.person.name, requester.person.idNumber, target])
      expect(smsText).not.toContain(secret);

    await waitFor(
      async () => (await bff.gql(GET, { id: request.id }, requester.accessToken)).body.data.carMoveRequest.status,
      (s) => s === 'NOTIFIED',
    );
    const token = tokenOf(sms);
    const ownerView = await bff.gql(
      `query($t: String!) { carMoveAnswer(token: $t) { role maskedPlate status place } }`,
      { t: token },
    );
    expect(ownerView.body.data.carMoveAnswer).toEqual({
      role: 'OWNER',
      maskedPlate: maskPlate(target),
      status: 'NOTIFIED',
      place: '天河路 123 号地库出口',
    });
    expect((await bff.gql(ANSWER, { t: token, a: 'COMING' })).body.data.answerCarMove.status).toBe('ACKNOWLEDGED');
    expect(errorOf((await bff.gql(ANSWER, { t: token, a: 'COMING' })).body)?.code).toBe('CAR_MOVE_ANSWER_USED');
    expect((await bff.gql(GET, { id: request.id }, requester.accessToken)).body.data.carMoveRequest.status).toBe(
      'ACKNOWLEDGED',
    );
    expect((await bff.gql(ANSWER, { t: token, a: 'MOVED' })).body.data.answerCarMove.status).toBe('MOVED');
    expect(errorOf((await bff.gql(ANSWER, { t: token, a: 'MOVED' })).body)?.code).toBe('CAR_MOVE_ANSWER_USED');
    const final = (await bff.gql(GET, { id: request.id }, requester.accessToken)).body.data.carMoveRequest;
    expect(final.timeline.map((e: { status: string }) => e.status)).toEqual([
      'SUBMITTED',
      'NOTIFIED',
      'ACKNOWLEDGED',
      'MOVED',
    ]);

    // The owner's phone appears in no response and no log line.
    const everything = JSON.stringify([made.body, ownerView.body, final]) + bff.logs.join('\n');
    expect(everything).not.toContain(sms.phone);
    expect(everything).not.toContain(requesterPhone);
  });

  it('accepts the request while the SMS gateway is down and delivers the message exactly once when it returns', async () => {
    const requester = await citizens.verified();
    const target = plate();
    await mock.fault('sms', { mode: 'down' });
    const made = await sendCarMove(
      bff,
      REQUEST,
      { input: { plate: target, reason: 'DOUBLE_PARKED', idempotencyKey: key() } },
      requester.accessToken,
    );
    expect(made.body.data.requestCarMove.status).toBe('SUBMITTED');
    await new Promise((r) => setTimeout(r, 700));
    // (The gateway's outbox is behind the same outage, so the request's state tells.)
    expect(
      (await bff.gql(GET, { id: made.body.data.requestCarMove.id }, requester.accessToken)).body.data.carMoveRequest
        .status,
    ).toBe('SUBMITTED');
    const pending = await bff.built.services.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('status', '=', 'pending')
      .execute();
    expect(pending.some((p) => p.attempts >= 1)).toBe(true);
    await mock.resetFaults();
    await waitFor(
      () => smsFor(target),
      (list) => list.length === 1,
      15_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await smsFor(target)).toHaveLength(1);
    expect(
      (await bff.gql(GET, { id: made.body.data.requestCarMove.id }, requester.accessToken)).body.data.carMoveRequest
        .status,
    ).toBe('NOTIFIED');
  });

  it('makes one request and one SMS for the same idempotency key sent twice, even at once', async () => {
    const requester = await citizens.verified();
    const target = plate();
    const input = { plate: target, reason: 'BLOCKING_GARAGE', idempotencyKey: key() };
    const [a, b] = await Promise.all([
      sendCarMove(bff, REQUEST, { input }, requester.accessToken),
      sendCarMove(bff, REQUEST, { input }, requester.accessToken),
    ]);
    const c = await sendCarMove(bff, REQUEST, { input }, requester.accessToken);
    expect(new Set([a, b, c].map((r) => r.body.data.requestCarMove.id)).size).toBe(1);
    await waitFor(
      () => smsFor(target),
      (list) => list.length === 1,
    );
    await new Promise((r) => setTimeout(r, 600));
    expect(await smsFor(target)).toHaveLength(1);
  });

  it('answers bad input with coded errors and sends nothing', async () => {
    const newcomer = await citizens.signIn();
    expect(
      errorOf(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: plates[0], reason: 'OTHER', idempotencyKey: key() } },
            newcomer.accessToken,
          )
        ).body,
      ),
    ).toEqual({ code: 'ASSURANCE_LEVEL_TOO_LOW', requiredLevel: 2, currentLevel: 1 });
    expect(
      errorOf(
        (await sendCarMove(bff, REQUEST, { input: { plate: plates[0], reason: 'OTHER', idempotencyKey: key() } })).body,
      )?.code,
    ).toBe('UNAUTHENTICATED');
    const requester = await citizens.verified();
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [
        { plate: '粤B1234', reason: 'OTHER', idempotencyKey: key() },
        { code: 'PLATE_FORMAT', field: 'plate' },
      ],
      [
        { plate: 'AB12345', reason: 'OTHER', idempotencyKey: key() },
        { code: 'PLATE_PROVINCE', field: 'plate' },
      ],
      [
        { plate: '粤Z99999', reason: 'OTHER', idempotencyKey: key() },
        { code: 'VEHICLE_NOT_FOUND', field: 'plate', hint: 'CHECK_PLATE_COLOUR' },
      ],
      [
        { plate: plates[1], reason: 'OTHER', idempotencyKey: 'short' },
        { code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
      ],
      [
        { plate: plates[1], reason: 'OTHER', place: 'x'.repeat(31), idempotencyKey: key() },
        { code: 'CAR_MOVE_PLACE_INVALID', field: 'place', reason: 'TOO_LONG' },
      ],
      [
        { plate: plates[1], reason: 'OTHER', latitude: 123, longitude: 0, idempotencyKey: key() },
        { code: 'BAD_USER_INPUT', field: 'latitude' },
      ],
    ];
    for (const [input, expected] of cases)
      expect([input.plate, errorOf((await sendCarMove(bff, REQUEST, { input }, requester.accessToken)).body)]).toEqual([
        input.plate,
        expected,
      ]);
    expect(
      errorOf(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: plates[1], reason: 'NOPE', idempotencyKey: key() } },
            requester.accessToken,
          )
        ).body,
      )?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      await bff.built.services.db
        .selectFrom('car_move_requests')
        .select('id')
        .where(
          'requester_citizen_id',
          '=',
          (await bff.gql('{ me { accountId } }', {}, requester.accessToken)).body.data.me.accountId,
        )
        .execute(),
    ).toEqual([]);
    expect(errorOf((await bff.gql(GET, { id: 'no-such-request' }, requester.accessToken)).body)?.code).toBe(
      'CAR_MOVE_NOT_FOUND',
    );
    expect(errorOf((await bff.gql(ANSWER, { t: 'forged-token', a: 'MOVED' })).body)?.code).toBe(
      'CAR_MOVE_LINK_INVALID',
    );
  });

  it('shows a request only to its requester and the owner, and closes it after 30 minutes', async () => {
    const requester = await citizens.verified();
    const stranger = await citizens.verified();
    const target = plate();
    const made = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: target, reason: 'OTHER', idempotencyKey: key() } },
        requester.accessToken,
      )
    ).body.data.requestCarMove;
    expect(errorOf((await bff.gql(GET, { id: made.id }, stranger.accessToken)).body)?.code).toBe('CAR_MOVE_NOT_FOUND');
    expect(
      errorOf(
        (
          await bff.gql(
            'mutation($id: ID!) { cancelCarMove(id: $id) { status } }',
            { id: made.id },
            stranger.accessToken,
          )
        ).body,
      )?.code,
    ).toBe('CAR_MOVE_NOT_FOUND');
    const [sms] = await waitFor(
      () => smsFor(target),
      (list) => list.length === 1,
    );
    // The outbox's own timer is held while the clock moves, so what a read does is seen apart from the job.
    await bff.built.outbox.stop();
    shiftMs = 31 * 60_000;
    // Reading says EXPIRED at once, and writes nothing: the expiry is scheduled work.
    expect((await bff.gql(GET, { id: made.id }, requester.accessToken)).body.data.carMoveRequest.status).toBe(
      'EXPIRED',
    );
    expect(errorOf((await bff.gql(ANSWER, { t: tokenOf(sms), a: 'COMING' })).body)?.code).toBe('CAR_MOVE_CLOSED');
    const stored = () =>
      bff.built.services.db
        .selectFrom('car_move_requests')
        .select('status')
        .where('id', '=', made.id)
        .executeTakeFirstOrThrow();
    expect((await stored()).status).toBe('NOTIFIED');
    bff.built.outbox.start();
    // The job queued with the request ends it at its time, with its event and the requester's notice.
    await waitFor(
      async () => (await bff.built.outbox.drain(), stored()),
      (row) => row.status === 'EXPIRED',
    );
    const events = await bff.built.services.db
      .selectFrom('car_move_events')
      .select('status')
      .where('request_id', '=', made.id)
      .execute();
    expect(events.map((e) => e.status)).toContain('EXPIRED');
    const notices = (
      await bff.gql('{ myMessages { items { title } } }', {}, requester.accessToken)
    ).body.data.myMessages.items.map((m: { title: string }) => m.title);
    expect(notices.filter((t: string) => t.startsWith('挪车请求已结束'))).toHaveLength(1);
  });

  it('allows one reminder after 10 minutes, and a cancel ends the request', async () => {
    const requester = await citizens.verified();
    const target = plate();
    const made = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: target, reason: 'OTHER', idempotencyKey: key() } },
        requester.accessToken,
      )
    ).body.data.requestCarMove;
    const remind = () =>
      bff.gql(
        'mutation($id: ID!) { remindCarMove(id: $id) { reminded canRemindAt } }',
        { id: made.id },
        requester.accessToken,
      );
    expect(errorOf((await remind()).body)?.code).toBe('CAR_MOVE_REMINDER_TOO_SOON');
    shiftMs = 11 * 60_000;
    expect((await remind()).body.data.remindCarMove).toEqual({ reminded: true, canRemindAt: null });
    expect(errorOf((await remind()).body)?.code).toBe('CAR_MOVE_ALREADY_REMINDED');
    const messages = await waitFor(
      () => smsFor(target),
      (list) => list.length === 2,
    );
    expect(messages.map((m) => m.templateId).sort()).toEqual(['CAR_MOVE', 'CAR_MOVE_REMINDER']);
    // The first link was replaced by the reminder's.
    expect(
      errorOf(
        (await bff.gql(ANSWER, { t: tokenOf(messages.find((m) => m.templateId === 'CAR_MOVE')!), a: 'COMING' })).body,
      )?.code,
    ).toBe('CAR_MOVE_LINK_INVALID');
    expect(
      (
        await bff.gql(
          'mutation($id: ID!) { cancelCarMove(id: $id) { status } }',
          { id: made.id },
          requester.accessToken,
        )
      ).body.data.cancelCarMove.status,
    ).toBe('CANCELLED');
    expect(
      errorOf(
        (
          await bff.gql(ANSWER, {
            t: tokenOf(messages.find((m) => m.templateId === 'CAR_MOVE_REMINDER')!),
            a: 'COMING',
          })
        ).body,
      )?.code,
    ).toBe('CAR_MOVE_CLOSED');
  });

  it('binds a relay number that shows neither number, and releases it when the request closes', async () => {
    const requester = await citizens.verified();
    const target = plate();
    const made = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: target, reason: 'OTHER', idempotencyKey: key() } },
        requester.accessToken,
      )
    ).body.data.requestCarMove;
    const relay = () =>
      bff.gql(
        'mutation($id: ID!) { requestRelayNumber(requestId: $id) { relayNumber expiresAt } }',
        { id: made.id },
        requester.accessToken,
      );
    expect(errorOf((await relay()).body)?.code).toBe('RELAY_NEEDS_PHONE');
    const phone = `138${String(Date.now()).slice(-8)}`;
    await citizens.bindPhone(requester, phone);
    const bound = (await relay()).body.data.requestRelayNumber;
    expect(bound.relayNumber).toMatch(/^1700000\d{4}$/);
    expect((await relay()).body.data.requestRelayNumber.relayNumber).toBe(bound.relayNumber);
    expect(
      (await mock.json('/vehicle/dev/relay-bindings')).bindings.map((b: { relayNumber: string }) => b.relayNumber),
    ).toContain(bound.relayNumber);
    const [sms] = await waitFor(
      () => smsFor(target),
      (list) => list.length === 1,
    );
    expect(
      (await bff.gql(`query($t: String!) { carMoveAnswer(token: $t) { relayNumber } }`, { t: tokenOf(sms) })).body.data
        .carMoveAnswer.relayNumber,
    ).toBe(bound.relayNumber);
    await bff.gql(ANSWER, { t: tokenOf(sms), a: 'MOVED' });
    // Released through the outbox, in the transaction that closed the request.
    await waitFor(
      async () => (await bff.built.outbox.drain(), mock.json('/vehicle/dev/relay-bindings')),
      (r) => !r.bindings.some((b: { relayNumber: string }) => b.relayNumber === bound.relayNumber),
    );
    expect(JSON.stringify(bound)).not.toContain(phone);
  });

  it('limits requests per day and per plate; owner reports wait for an operator and suspend no one alone', async () => {
    const requester = await citizens.verified();
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const target = plate();
      made.push(target);
      expect(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: target, reason: 'OTHER', idempotencyKey: key() } },
            requester.accessToken,
          )
        ).body.errors,
      ).toBeUndefined();
    }
    expect(
      errorOf(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
            requester.accessToken,
          )
        ).body,
      ),
    ).toEqual({ code: 'CAR_MOVE_LIMIT_DAY', limit: 3 });
    // One plate: two requests an hour, whoever asks.
    const popular = plate();
    for (const someone of [await citizens.verified(), await citizens.verified()]) {
      expect(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: popular, reason: 'OTHER', idempotencyKey: key() } },
            someone.accessToken,
          )
        ).body.errors,
      ).toBeUndefined();
    }
    const third = await citizens.verified();
    expect(
      errorOf(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: popular, reason: 'OTHER', idempotencyKey: key() } },
            third.accessToken,
          )
        ).body,
      )?.code,
    ).toBe('CAR_MOVE_LIMIT_PLATE');
    // The owners of the requester's three plates report them; the fourth day they are suspended.
    for (const target of made) {
      const [sms] = await waitFor(
        () => smsFor(target),
        (list) => list.length >= 1,
      );
      expect(
        (await bff.gql('mutation($t: String!) { reportCarMove(token: $t, note: "不认识，骚扰") }', { t: tokenOf(sms) }))
          .body.data.reportCarMove,
      ).toBe(true);
    }
    const [again] = await smsFor(made[0]);
    expect(
      errorOf((await bff.gql('mutation($t: String!) { reportCarMove(token: $t) }', { t: tokenOf(again) })).body)?.code,
    ).toBe('CAR_MOVE_ALREADY_REPORTED');
    shiftMs = 24 * 3600_000;
    // Pending reports count for nothing (car-move-trust.test.ts has the operator's side).
    expect(
      errorOf(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: plate(), reason: 'OTHER', idempotencyKey: key() } },
            requester.accessToken,
          )
        ).body,
      ),
    ).toBeUndefined();
  });

  it('also sends a platform message to an owner who uses the app and subscribed, one per consent', async () => {
    const target = plate();
    const { ownerIdNumber } = await mock.json(`/vehicle/v1/vehicles/${encodeURIComponent(target)}/owner`);
    const ownerPerson = await mock.json(`/population/v1/persons/${ownerIdNumber}`);
    // The owner signs in on WeChat, verifies, and accepts the car-moving alert once.
    const owner = await citizens.signIn('WECHAT');
    await bff.gql(VERIFY_REAL_NAME, { n: ownerPerson.name, i: ownerPerson.idNumber }, owner.accessToken);
    const subscribe = (accepted: boolean) =>
      bff.gql(
        'mutation($a: Boolean!) { recordMessageSubscription(topic: CAR_MOVE_ALERT, accepted: $a) }',
        { a: accepted },
        owner.accessToken,
      );
    expect((await subscribe(false)).body.data.recordMessageSubscription).toBe(0);
    expect((await subscribe(true)).body.data.recordMessageSubscription).toBe(1);
    const sent = async () =>
      (await mock.json('/wechat/dev/messages')).messages.filter(
        (m: { templateId: string; data: Record<string, { value: string }> }) =>
          m.templateId === 'wx-tmpl-car-move' && m.data.plate.value === maskPlate(target),
      );

    const first = await citizens.verified();
    const made = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: target, reason: 'OTHER', place: '东门', idempotencyKey: key() } },
        first.accessToken,
      )
    ).body.data.requestCarMove;
    const [message] = await waitFor(sent, (list) => list.length === 1);
    expect(message.data.place.value).toBe('东门');
    expect(message.data.page.value).toContain('#/pages/car-move-answer/index?t=');
    await waitFor(
      () => smsFor(target),
      (list) => list.length === 1,
    ); // and the SMS, as always
    // The owner sees it among their requests, as the owner.
    const mine = (await bff.gql('{ myCarMoveRequests { id role } }', {}, owner.accessToken)).body.data
      .myCarMoveRequests;
    expect(mine).toContainEqual({ id: made.id, role: 'OWNER' });

    // The consent is spent: a second request brings an SMS but no platform message.
    const second = await citizens.verified();
    await sendCarMove(
      bff,
      REQUEST,
      { input: { plate: target, reason: 'OTHER', idempotencyKey: key() } },
      second.accessToken,
    );
    await waitFor(
      () => smsFor(target),
      (list) => list.length === 2,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await sent()).toHaveLength(1);

    // Messages: the owner has one per request; the requester one per step, however often an answer is repeated.
    const messagesOf = async (session: { accessToken: string }) =>
      (
        await bff.gql('{ myMessages { items { kind title link } } }', {}, session.accessToken)
      ).body.data.myMessages.items.filter((m: { kind: string }) => m.kind === 'CAR_MOVE');
    expect((await messagesOf(owner)).map((m: { link: string }) => m.link).sort()).toEqual(
      expect.arrayContaining([`/pages/car-move-status/index?id=${made.id}`]),
    );
    expect(await messagesOf(owner)).toHaveLength(2);
    const [firstSms] = await smsFor(target);
    const token = tokenOf(firstSms!);
    expect((await bff.gql(ANSWER, { t: token, a: 'COMING' })).body.errors).toBeUndefined();
    expect(errorOf((await bff.gql(ANSWER, { t: token, a: 'COMING' })).body)?.code).toBe('CAR_MOVE_ANSWER_USED');
    const told = await waitFor(
      () => messagesOf(first),
      (list) => list.length === 2,
    );
    expect(told.map((m: { title: string }) => m.title.split('：')[0]).sort()).toEqual(
      ['已通知车主', '车主正在赶来'].sort(),
    );
  });

  it('takes a photo through POST /uploads without its metadata, and shows it to the owner only by the link', async () => {
    const requester = await citizens.verified();
    const upload = (bytes: Buffer, type: string, token?: string) =>
      fetch(`${bff.url}/uploads`, {
        method: 'POST',
        body: new Uint8Array(bytes),
        headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    // Raw and multipart (what Taro.uploadFile sends) both work.
    const raw = await upload(jpegWithGps(), 'image/jpeg', requester.accessToken);
    expect(raw.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pngWithText())], { type: 'image/png' }), 'scene.png');
    const multipart = await fetch(`${bff.url}/uploads`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${requester.accessToken}` },
    });
    expect([multipart.status, (await multipart.json()).type]).toEqual([201, 'image/png']);
    const { id: photoId } = await raw.json();

    expect((await upload(jpegWithGps(), 'image/jpeg')).status).toBe(401);
    const newcomer = await citizens.signIn();
    const refused = await upload(jpegWithGps(), 'image/jpeg', newcomer.accessToken);
    expect([refused.status, (await refused.json()).error]).toEqual([403, 'ASSURANCE_LEVEL_TOO_LOW']);
    const pdf = await upload(Buffer.from('%PDF-1.7 a document'), 'image/jpeg', requester.accessToken);
    expect([pdf.status, (await pdf.json()).error]).toEqual([415, 'UPLOAD_TYPE']);
    const huge = await upload(
      Buffer.concat([jpegWithGps(), Buffer.alloc(200_000)]),
      'image/jpeg',
      requester.accessToken,
    );
    expect([huge.status, (await huge.json()).error]).toEqual([413, 'UPLOAD_TOO_LARGE']);
    const stored = await bff.built.services.db
      .selectFrom('uploads')
      .select('data_enc')
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow();
    expect(stored.data_enc).toMatch(/^v2:[0-9a-f]{8}:/);

    // Someone else's photo cannot be attached.
    const other = await citizens.verified();
    expect(
      errorOf(
        (
          await sendCarMove(
            bff,
            REQUEST,
            { input: { plate: plate(), reason: 'OTHER', photoId, idempotencyKey: key() } },
            other.accessToken,
          )
        ).body,
      ),
    ).toEqual({ code: 'UPLOAD_NOT_FOUND', field: 'photoId' });

    const target = plate();
    const made = (
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: target, reason: 'OTHER', photoId, idempotencyKey: key() } },
        requester.accessToken,
      )
    ).body.data.requestCarMove;
    expect(made.id).toBeTruthy();
    const [sms] = await waitFor(
      () => smsFor(target),
      (list) => list.length === 1,
    );
    const photo = await fetch(`${bff.url}/car-move/photo?t=${tokenOf(sms)}`);
    expect([photo.status, photo.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    const bytes = Buffer.from(await photo.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
    expect((await fetch(`${bff.url}/car-move/photo?t=forged`)).status).toBe(404);
  });

  it('lists the citizen’s requests, made and received, newest first', async () => {
    const requester = await citizens.verified();
    const first = plate();
    const second = plate();
    for (const target of [first, second])
      await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: target, reason: 'OTHER', idempotencyKey: key() } },
        requester.accessToken,
      );
    const list = (await bff.gql('{ myCarMoveRequests { maskedPlate role } }', {}, requester.accessToken)).body.data
      .myCarMoveRequests;
    expect(list).toEqual([
      { maskedPlate: maskPlate(second), role: 'REQUESTER' },
      { maskedPlate: maskPlate(first), role: 'REQUESTER' },
    ]);
  });
});
