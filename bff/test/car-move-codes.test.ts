import sharp from 'sharp';
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
import { VERIFY_REAL_NAME } from '../../test-support/policies';

/** 挪车码 (issue 21): an owner's code per vehicle; anyone scans it, unsigned, and tells the owner. */
const VEHICLES = `{ myVehicles { id maskedPlate plateType vehicle code { id status scanUrl pdfPath pngPath } notices { viaCode answerToken request { id role status reason timeline { status } } } } }`;
const GENERATE = `mutation($v: ID!) { generateCarMoveCode(vehicleId: $v) { id status scanUrl pdfPath pngPath } }`;
const SCAN = `query($t: String!) { scanCarMoveCode(token: $t) { vehicle plateType } }`;
const NOTIFY = `mutation($i: CarMoveCodeNoticeInput!) { notifyByCarMoveCode(input: $i) { followToken status createdAt expiresAt timeline { status at } } }`;
const FOLLOW = `query($f: String!) { carMoveCodeNotice(followToken: $f) { status timeline { status } } }`;
jest.setTimeout(90_000);
const PER_DEVICE = 3;
const PER_CLIENT = 4;
const PER_CODE = 5;

let mock: MockData;
/** Small (blue) plates whose owners these tests sign in as: one owner a test, none shared between the two databases. */
let plates: string[];
beforeAll(async () => {
  mock = await startMockData();
  plates = (await mock.json('/vehicle/dev/vehicles?plateType=02&count=300')).vehicles.map(
    (v: { plate: string }) => v.plate,
  );
}, 120_000);
afterAll(() => mock.stop());

let keys = 0;
const key = (prefix = 'k') => `${prefix}-${process.pid}-${Date.now()}-${++keys}`;
const tokenOf = (scanUrl: string) => scanUrl.split('/m/')[1];

describe.each(testDatabases())('挪车码 on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let next = database.name === 'sqlite' ? 0 : 150;
  const usedPeople = new Set<string>();

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '200',
      UPSTREAM_RETRIES: '0',
      UPSTREAM_TIMEOUT_MS: '10000',
      REQUEST_DEADLINE_MS: '30000',
      BREAKER_MIN_CALLS: '1000',
      PUBLIC_URL: 'https://city.example.gov.cn',
      CAR_MOVE_CODE_PER_DEVICE_HOUR: String(PER_DEVICE),
      CAR_MOVE_CODE_PER_CLIENT_HOUR: String(PER_CLIENT),
      CAR_MOVE_CODE_PER_CODE_HOUR: String(PER_CODE),
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 1000 : 1500);
  }, 120_000);
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  const errorOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions;

  /** A scanner: no session, its own client address (X-Forwarded-For; the BFF runs behind a proxy) and device id. */
  const scanner = (ip = `10.21.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) => ({
    ip,
    gql: async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`${bff.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, text: await response.text() };
    },
  });
  const parsed = (r: { text: string }) => JSON.parse(r.text);

  /** The owner of the next unused small plate, signed in and verified (level 2), with their vehicle's code. */
  async function owner() {
    for (;;) {
      const plate = plates[next++];
      if (!plate) throw new Error('no small plates left for owners');
      const { ownerIdNumber } = await mock.json(`/vehicle/v1/vehicles/${encodeURIComponent(plate)}/owner?plateType=02`);
      if (usedPeople.has(ownerIdNumber)) continue;
      usedPeople.add(ownerIdNumber);
      const person = await mock.json(`/population/v1/persons/${ownerIdNumber}`);
      const session = await citizens.signIn();
      const verified = await bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, session.accessToken);
      if (!verified.body.data) continue; // someone a Citizens helper verified already
      const { body } = await bff.gql(VEHICLES, {}, session.accessToken);
      expect(body.errors).toBeUndefined();
      const vehicle = body.data.myVehicles.find(
        (v: { maskedPlate: string; plateType: string }) =>
          v.maskedPlate === maskPlate(plate) && v.plateType === 'SMALL',
      );
      expect(vehicle).toBeDefined();
      const generated = await bff.gql(GENERATE, { v: vehicle.id }, session.accessToken);
      expect(generated.body.errors).toBeUndefined();
      const code = generated.body.data.generateCarMoveCode;
      return { plate, person, session, vehicle, code, token: tokenOf(code.scanUrl) };
    }
  }

  it('generates a code, a scanner with no session notifies, the owner is told at once and answers, the scanner sees the answer', async () => {
    const o = await owner();
    expect(o.code).toMatchObject({ status: 'ACTIVE', pdfPath: `/car-move-codes/${o.code.id}/sticker.pdf` });
    expect(o.code.scanUrl).toMatch(/^https:\/\/city\.example\.gov\.cn\/m\/[A-Za-z0-9_-]{24}$/);
    // Generating again gives the same code.
    const again = await bff.gql(GENERATE, { v: o.vehicle.id }, o.session.accessToken);
    expect(again.body.data.generateCarMoveCode.id).toBe(o.code.id);

    // The QR's address leads to the H5 scan page.
    const hop = await fetch(`${bff.url}/m/${o.token}`, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    expect(hop.headers.get('location')).toBe(`/#/car-owner/pages/scan/index?t=${o.token}`);

    const s = scanner();
    const scanned = parsed(await s.gql(SCAN, { t: o.token }));
    expect(scanned.data.scanCarMoveCode).toEqual({ vehicle: o.vehicle.vehicle, plateType: 'SMALL' });
    // A photo through the code's page, then the notice.
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } })
      .jpeg()
      .toBuffer();
    const uploaded = await fetch(`${bff.url}/car-move-codes/photo?t=${o.token}`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', 'x-forwarded-for': s.ip },
      body: jpeg,
    });
    expect(uploaded.status).toBe(201);
    const photo = await uploaded.json();
    const sent = parsed(
      await s.gql(NOTIFY, {
        i: {
          token: o.token,
          reason: 'BLOCKING_EXIT',
          photoId: photo.id,
          deviceId: key('device'),
          idempotencyKey: key(),
        },
      }),
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data.notifyByCarMoveCode.status).toBe('SUBMITTED');

    // The owner: the register's SMS, and an in-app message.
    const sms = await waitFor(
      async () =>
        (await mock.json('/vehicle/dev/owner-notifications')).notifications.filter(
          (n: { plate: string }) => n.plate === o.plate,
        ),
      (l) => l.length === 1,
    );
    expect(sms[0]).toMatchObject({
      templateId: 'CAR_MOVE',
      plateType: '02',
      params: { plate: maskPlate(o.plate), reason: '挡住出口' },
    });
    const messages = await bff.gql('{ myMessages { items { title link } } }', {}, o.session.accessToken);
    expect(
      messages.body.data.myMessages.items.some(
        (m: { title: string; link: string }) =>
          m.title === `挪车码通知：${maskPlate(o.plate)}` && m.link.startsWith('/pages/car-move-answer/index?t='),
      ),
    ).toBe(true);

    // 我的车辆: the notice, marked as through the code, with the answer page's token; answered there as any request.
    const mine = (await bff.gql(VEHICLES, {}, o.session.accessToken)).body.data.myVehicles.find(
      (v: { id: string }) => v.id === o.vehicle.id,
    );
    expect(mine.notices).toHaveLength(1);
    expect(mine.notices[0]).toMatchObject({ viaCode: true, request: { role: 'OWNER', reason: 'BLOCKING_EXIT' } });
    const seen = await bff.gql('query($t: String!) { carMoveAnswer(token: $t) { hasPhoto status } }', {
      t: mine.notices[0].answerToken,
    });
    expect(seen.body.data.carMoveAnswer.hasPhoto).toBe(true);
    const photoForOwner = await fetch(`${bff.url}/car-move/photo?t=${mine.notices[0].answerToken}`);
    expect(photoForOwner.status).toBe(200);
    const answered = await bff.gql('mutation($t: String!) { answerCarMove(token: $t, answer: COMING) { status } }', {
      t: mine.notices[0].answerToken,
    });
    expect(answered.body.data.answerCarMove.status).toBe('ACKNOWLEDGED');

    const followed = parsed(await s.gql(FOLLOW, { f: sent.data.notifyByCarMoveCode.followToken }));
    expect(followed.data.carMoveCodeNotice.status).toBe('ACKNOWLEDGED');
    expect(followed.data.carMoveCodeNotice.timeline.map((e: { status: string }) => e.status)).toEqual(
      expect.arrayContaining(['SUBMITTED', 'ACKNOWLEDGED']),
    );
    // The owner may report it; operators see it among the reports, marked as a code's.
    const reported = await bff.gql('mutation($t: String!) { reportCarMove(token: $t, note: "半夜反复扫码") }', {
      t: mine.notices[0].answerToken,
    });
    expect(reported.body.data.reportCarMove).toBe(true);
    const reports = await bff.gql(
      '{ pendingCarMoveReports { requestId maskedPlate viaCode } }',
      {},
      await operatorToken(bff, `codes-${database.name}`, 'publisher'),
    );
    expect(reports.body.data.pendingCarMoveReports).toEqual(
      expect.arrayContaining([
        { requestId: mine.notices[0].request.id, maskedPlate: maskPlate(o.plate), viaCode: true },
      ]),
    );

    // A retry with the same key sends nothing new.
    const texts = (await mock.json('/vehicle/dev/owner-notifications')).notifications.length;
    const input = { token: o.token, reason: 'DOUBLE_PARKED', deviceId: key('device'), idempotencyKey: key() };
    const first = parsed(await s.gql(NOTIFY, { i: input }));
    const retry = parsed(await s.gql(NOTIFY, { i: input }));
    expect(retry.data.notifyByCarMoveCode.createdAt).toBe(first.data.notifyByCarMoveCode.createdAt);
    await waitFor(
      async () => (await mock.json('/vehicle/dev/owner-notifications')).notifications.length,
      (n) => n === texts + 1,
    );
  });

  it('prints the sticker as PDF and PNG for the owner only', async () => {
    const o = await owner();
    const pdf = await fetch(`${bff.url}${o.code.pdfPath}`, {
      headers: { authorization: `Bearer ${o.session.accessToken}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const png = await fetch(`${bff.url}${o.code.pngPath}`, {
      headers: { authorization: `Bearer ${o.session.accessToken}` },
    });
    expect(png.status).toBe(200);
    const meta = await sharp(Buffer.from(await png.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 600, height: 840 });
    expect((await fetch(`${bff.url}${o.code.pdfPath}`)).status).toBe(401);
    const stranger = await citizens.verified();
    expect(
      (await fetch(`${bff.url}${o.code.pdfPath}`, { headers: { authorization: `Bearer ${stranger.accessToken}` } }))
        .status,
    ).toBe(404);
  });

  it('regenerating kills the old code at once; pausing stops notices until resumed; deleting ends it', async () => {
    const o = await owner();
    const s = scanner();
    const regenerated = await bff.gql(
      'mutation($id: ID!) { regenerateCarMoveCode(id: $id) { id scanUrl status } }',
      { id: o.code.id },
      o.session.accessToken,
    );
    const fresh = tokenOf(regenerated.body.data.regenerateCarMoveCode.scanUrl);
    expect(fresh).not.toBe(o.token);
    expect(errorOf(parsed(await s.gql(SCAN, { t: o.token })))?.code).toBe('CAR_MOVE_CODE_INVALID');
    expect(
      errorOf(
        parsed(
          await s.gql(NOTIFY, {
            i: { token: o.token, reason: 'OTHER', deviceId: key('device'), idempotencyKey: key() },
          }),
        ),
      )?.code,
    ).toBe('CAR_MOVE_CODE_INVALID');
    expect(parsed(await s.gql(SCAN, { t: fresh })).data.scanCarMoveCode.plateType).toBe('SMALL');

    const paused = await bff.gql(
      'mutation($id: ID!) { setCarMoveCodePaused(id: $id, paused: true) { status } }',
      { id: o.code.id },
      o.session.accessToken,
    );
    expect(paused.body.data.setCarMoveCodePaused.status).toBe('PAUSED');
    expect(errorOf(parsed(await s.gql(SCAN, { t: fresh })))?.code).toBe('CAR_MOVE_CODE_PAUSED');
    expect(
      errorOf(
        parsed(
          await s.gql(NOTIFY, { i: { token: fresh, reason: 'OTHER', deviceId: key('device'), idempotencyKey: key() } }),
        ),
      )?.code,
    ).toBe('CAR_MOVE_CODE_PAUSED');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(
      (await mock.json('/vehicle/dev/owner-notifications')).notifications.filter(
        (n: { plate: string }) => n.plate === o.plate,
      ),
    ).toEqual([]);
    await bff.gql(
      'mutation($id: ID!) { setCarMoveCodePaused(id: $id, paused: false) { status } }',
      { id: o.code.id },
      o.session.accessToken,
    );
    expect(
      parsed(
        await s.gql(NOTIFY, { i: { token: fresh, reason: 'OTHER', deviceId: key('device'), idempotencyKey: key() } }),
      ).data.notifyByCarMoveCode.status,
    ).toBe('SUBMITTED');

    // Another citizen cannot touch the code, nor make one for a vehicle that is not theirs.
    const stranger = await citizens.verified();
    expect(
      errorOf(
        (await bff.gql('mutation($id: ID!) { deleteCarMoveCode(id: $id) }', { id: o.code.id }, stranger.accessToken))
          .body,
      )?.code,
    ).toBe('CAR_MOVE_CODE_NOT_FOUND');
    expect(errorOf((await bff.gql(GENERATE, { v: o.vehicle.id }, stranger.accessToken)).body)?.code).toBe(
      'CAR_MOVE_VEHICLE_NOT_YOURS',
    );
    // Level 1 (signed in, not verified) sees no vehicles.
    const unverified = await citizens.signIn();
    expect(errorOf((await bff.gql(VEHICLES, {}, unverified.accessToken)).body)?.code).toBe('ASSURANCE_LEVEL_TOO_LOW');

    expect(
      (await bff.gql('mutation($id: ID!) { deleteCarMoveCode(id: $id) }', { id: o.code.id }, o.session.accessToken))
        .body.data.deleteCarMoveCode,
    ).toBe(true);
    expect(errorOf(parsed(await s.gql(SCAN, { t: fresh })))?.code).toBe('CAR_MOVE_CODE_INVALID');
    // The notice sent before stays with the owner's vehicle.
    const mine = (await bff.gql(VEHICLES, {}, o.session.accessToken)).body.data.myVehicles.find(
      (v: { id: string }) => v.id === o.vehicle.id,
    );
    expect(mine.code).toBeNull();
    expect(mine.notices.map((n: { viaCode: boolean }) => n.viaCode)).toEqual([true]);
  });

  it(`50 parallel notices on one code from 50 devices: exactly ${PER_CODE} reach the owner`, async () => {
    const o = await owner();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        scanner(`10.50.${database.name === 'sqlite' ? 1 : 2}.${i}`).gql(NOTIFY, {
          i: { token: o.token, reason: 'BLOCKING_GARAGE', deviceId: key('device'), idempotencyKey: key() },
        }),
      ),
    );
    const bodies = answers.map(parsed);
    expect(bodies.filter((b) => b.data?.notifyByCarMoveCode).length).toBe(PER_CODE);
    expect(
      bodies
        .filter((b) => !b.data)
        .every((b) => errorOf(b)?.code === 'CAR_MOVE_CODE_LIMIT' && errorOf(b)?.scope === 'code'),
    ).toBe(true);
    const sms = await waitFor(
      async () =>
        (await mock.json('/vehicle/dev/owner-notifications')).notifications.filter(
          (n: { plate: string }) => n.plate === o.plate,
        ),
      (l) => l.length === PER_CODE,
    );
    expect(sms).toHaveLength(PER_CODE);
  });

  it(`50 parallel notices from one device over many codes: exactly ${PER_DEVICE}; from one client address: exactly ${PER_CLIENT}`, async () => {
    const owners = [await owner(), await owner()];
    const device = key('one-device');
    const byDevice = (
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          scanner(`10.60.${database.name === 'sqlite' ? 1 : 2}.${i}`).gql(NOTIFY, {
            i: { token: owners[i % 2].token, reason: 'OTHER', deviceId: device, idempotencyKey: key() },
          }),
        ),
      )
    ).map(parsed);
    expect(byDevice.filter((b) => b.data?.notifyByCarMoveCode).length).toBe(PER_DEVICE);
    expect(byDevice.filter((b) => !b.data).every((b) => errorOf(b)?.scope === 'device')).toBe(true);

    const more = [await owner(), await owner()];
    const one = scanner(`10.70.0.${database.name === 'sqlite' ? 1 : 2}`);
    const byClient = (
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          one.gql(NOTIFY, {
            i: { token: more[i % 2].token, reason: 'OTHER', deviceId: key('device'), idempotencyKey: key() },
          }),
        ),
      )
    ).map(parsed);
    expect(byClient.filter((b) => b.data?.notifyByCarMoveCode).length).toBe(PER_CLIENT);
    expect(byClient.filter((b) => !b.data).every((b) => errorOf(b)?.scope === 'client')).toBe(true);
  });

  it('the owner’s quiet hours hold a code notice’s SMS (the in-app message goes at once), but never a blocked exit’s', async () => {
    const o = await owner();
    // Quiet hours from this China half hour for two hours: on now.
    const china = new Date(Date.now() + 8 * 3600_000);
    const at = (minutes: number) => {
      const d = new Date(china.getTime() + minutes * 60_000);
      return `${String(d.getUTCHours()).padStart(2, '0')}:${d.getUTCMinutes() < 30 ? '00' : '30'}`;
    };
    const set = await bff.gql(
      'mutation($s: String!, $e: String!) { setCarMoveQuietHours(startsAt: $s, endsAt: $e) { activeNow } }',
      { s: at(0), e: at(120) },
      o.session.accessToken,
    );
    expect(set.body.data?.setCarMoveQuietHours.activeNow).toBe(true);
    const s = scanner();
    expect(
      parsed(
        await s.gql(NOTIFY, {
          i: { token: o.token, reason: 'DOUBLE_PARKED', deviceId: key('device'), idempotencyKey: key() },
        }),
      ).data.notifyByCarMoveCode.status,
    ).toBe('SUBMITTED');
    const messages = await waitFor(
      async () =>
        (await bff.gql('{ myMessages { items { title } } }', {}, o.session.accessToken)).body.data.myMessages.items,
      (l: Array<{ title: string }>) => l.length > 0,
    );
    expect(messages.some((m: { title: string }) => m.title.startsWith('挪车码通知'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(
      (await mock.json('/vehicle/dev/owner-notifications')).notifications.filter(
        (n: { plate: string }) => n.plate === o.plate,
      ),
    ).toEqual([]);
    // A blocked exit goes out at once.
    await s.gql(NOTIFY, {
      i: { token: o.token, reason: 'BLOCKING_EXIT', deviceId: key('device'), idempotencyKey: key() },
    });
    const sms = await waitFor(
      async () =>
        (await mock.json('/vehicle/dev/owner-notifications')).notifications.filter(
          (n: { plate: string }) => n.plate === o.plate,
        ),
      (l) => l.length === 1,
    );
    expect(sms[0].params.reason).toBe('挡住出口');
  });

  it('says nothing about the owner to a scanner: no name, phone, ID number or plate in any answer', async () => {
    const o = await owner();
    const s = scanner();
    const device = key('device');
    const answers: string[] = [];
    answers.push((await s.gql(SCAN, { t: o.token })).text);
    const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#888' } })
      .jpeg()
      .toBuffer();
    const uploaded = await fetch(`${bff.url}/car-move-codes/photo?t=${o.token}`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', 'x-forwarded-for': s.ip },
      body: jpeg,
    });
    const photo = await uploaded.text();
    answers.push(photo);
    const sent = await s.gql(NOTIFY, {
      i: {
        token: o.token,
        reason: 'BLOCKING_FIRE_LANE',
        photoId: JSON.parse(photo).id,
        deviceId: device,
        idempotencyKey: key(),
      },
    });
    answers.push(sent.text);
    answers.push((await s.gql(FOLLOW, { f: parsed(sent).data.notifyByCarMoveCode.followToken })).text);
    const hop = await fetch(`${bff.url}/m/${o.token}`, { redirect: 'manual' });
    answers.push(`${hop.headers.get('location')} ${await hop.text()}`);
    // The owner's phone, as the register's SMS gateway knows it.
    const texted = await waitFor(
      async () =>
        (await mock.json('/sms/dev/outbox')).messages.filter(
          (m: { templateId: string; params: Record<string, string> }) =>
            m.templateId === 'CAR_MOVE' && m.params.plate === maskPlate(o.plate),
        ),
      (l) => l.length > 0,
    );
    const phone: string = texted[0].phone;
    const secrets = [
      o.person.name,
      o.person.idNumber,
      o.person.idNumber.slice(-6),
      phone,
      phone.slice(-4),
      o.plate,
      maskPlate(o.plate),
      o.plate.slice(2),
    ];
    for (const answer of answers) {
      for (const secret of secrets) expect(answer).not.toContain(secret);
    }
  });
});
