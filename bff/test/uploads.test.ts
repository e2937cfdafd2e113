import { randomUUID } from 'node:crypto';
import exifr from 'exifr';
import sharp from 'sharp';
import * as images from '../../test-support/images';
import { sendCarMove } from '../../test-support/car-move';
import { loadKeys } from '../src/modules/identity/keys';
import { PersonalDataVault } from '../src/modules/identity/vault';
import { takeUploadQuota } from '../src/modules/uploads/quota';
import { readStoredUpload } from '../src/modules/uploads/routes';
import {
  Citizens,
  operatorToken,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
  type SignedIn,
  waitFor,
} from './helpers';

const QUOTA = 10;
const MAX_BYTES = 100_000;

let mock: MockData;
let plates: string[];
beforeAll(async () => {
  mock = await startMockData();
  plates = (await mock.json('/vehicle/dev/vehicles?count=40')).vehicles.map((v: { plate: string }) => v.plate);
});
afterAll(() => mock.stop());

/** Nothing a reader of EXIF, XMP, IPTC or PNG text finds, and none of the fixtures' position in the bytes. */
async function expectNothingLeft(bytes: Buffer): Promise<void> {
  const found = await exifr
    .parse(bytes, {
      tiff: true,
      exif: true,
      gps: true,
      xmp: true,
      iptc: true,
      icc: false,
      ihdr: false,
      jfif: false,
      multiSegment: true,
    })
    .catch(() => undefined);
  expect(found ?? {}).toEqual({});
  expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
  for (const text of [
    'Exif',
    'GPS',
    '22.5431',
    '22,32',
    'tEXt',
    'zTXt',
    'iTXt',
    'eXIf',
    'tIME',
    'xmpmeta',
    '<script',
    'PK\x03\x04',
  ])
    expect(bytes.includes(Buffer.from(text, 'latin1'))).toBe(false);
}

describe.each(testDatabases())('uploads on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let plateIndex = database.name === 'sqlite' ? 0 : 20;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '200',
      UPSTREAM_RETRIES: '0',
      UPLOAD_MAX_BYTES: String(MAX_BYTES),
      UPLOAD_MAX_PER_DAY: String(QUOTA),
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 0 : 300);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  const upload = (bytes: Buffer, session: SignedIn, type = 'image/jpeg') =>
    fetch(`${bff.url}/uploads`, {
      method: 'POST',
      body: new Uint8Array(bytes),
      headers: { 'content-type': type, authorization: `Bearer ${session.accessToken}` },
    });
  const answer = async (response: Response) => [
    response.status,
    ((await response.json()) as { error?: string; type?: string }).error ?? 'ok',
  ];
  const stored = async (id: string) => {
    const row = await bff.built.services.db
      .selectFrom('uploads')
      .select(['type', 'size'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row;
  };

  it('re-encodes a JPEG with GPS in its EXIF, and one whose second image carries it: nothing of either survives', async () => {
    const citizen = await citizens.verified();
    const second = images.jpegWithGpsInSecondImage();
    // The fixtures really carry the position, as a reader of EXIF sees it (the second image read on its own).
    expect((await exifr.gps(images.jpegWithGps())).latitude).toBeCloseTo(images.GPS.latitude, 3);
    expect((await exifr.gps(second.subarray(images.plainJpeg().length))).longitude).toBeCloseTo(
      images.GPS.longitude,
      3,
    );
    for (const bytes of [images.jpegWithGps(), second]) {
      const response = await upload(bytes, citizen);
      const body = (await response.json()) as { id: string; type: string };
      expect([response.status, body.type]).toEqual([201, 'image/jpeg']);
      const served = await servedBytes(body.id);
      expect(served.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      // One image: one start marker, at the start.
      expect(served.indexOf(Buffer.from([0xff, 0xd8]), 2)).toBe(-1);
      await expectNothingLeft(served);
      expect(await sharp(served).metadata()).toMatchObject({ format: 'jpeg', width: 32, height: 24 });
    }
  });

  it('re-encodes a PNG with text, XMP and EXIF chunks into a PNG with none', async () => {
    const citizen = await citizens.verified();
    expect((await exifr.gps(images.pngWithText())).latitude).toBeCloseTo(images.GPS.latitude, 3);
    // The declared type does not matter: the bytes are a PNG, and a PNG is kept.
    const response = await upload(images.pngWithText(), citizen, 'image/jpeg');
    const body = (await response.json()) as { id: string; type: string };
    expect([response.status, body.type]).toEqual([201, 'image/png']);
    const served = await servedBytes(body.id);
    await expectNothingLeft(served);
    expect(await sharp(served).metadata()).toMatchObject({ format: 'png', width: 16, height: 12 });
  });

  it('applies the EXIF orientation before re-encoding, so the photo stands the right way up', async () => {
    const citizen = await citizens.verified();
    const sideways = await sharp(images.plainJpeg()).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const response = await upload(sideways, citizen);
    const { id } = (await response.json()) as { id: string };
    const served = await servedBytes(id);
    const meta = await sharp(served).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([24, 32, undefined]);
  });

  it('refuses huge declared sizes before decoding, cut-off files, SVG and an HTML page with a PNG inside, each with its code', async () => {
    const citizen = await citizens.verified();
    const countUploads = async () =>
      Number(
        (
          await bff.built.services.db
            .selectFrom('uploads')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await countUploads();
    expect(await answer(await upload(images.jpegDeclaring(30000, 30000), citizen))).toEqual([413, 'UPLOAD_TOO_LARGE']);
    expect(await answer(await upload(images.pngDeclaring(30000, 30000), citizen, 'image/png'))).toEqual([
      413,
      'UPLOAD_TOO_LARGE',
    ]);
    expect(await answer(await upload(images.pngDeclaring(2 ** 31, 2 ** 31), citizen, 'image/png'))).toEqual([
      413,
      'UPLOAD_TOO_LARGE',
    ]);
    expect(await answer(await upload(images.truncatedJpeg(), citizen))).toEqual([422, 'UPLOAD_UNREADABLE']);
    expect(await answer(await upload(images.truncatedPng(), citizen, 'image/png'))).toEqual([422, 'UPLOAD_UNREADABLE']);
    expect(await answer(await upload(images.svgWithScript(), citizen, 'image/svg+xml'))).toEqual([415, 'UPLOAD_TYPE']);
    expect(await answer(await upload(images.htmlWithPng(), citizen, 'image/png'))).toEqual([415, 'UPLOAD_TYPE']);
    expect(await countUploads()).toBe(before);
  });

  it('keeps only the picture of a JPEG that is also an HTML page and a ZIP archive', async () => {
    const citizen = await citizens.verified();
    const polyglot = images.polyglotJpeg();
    expect(polyglot.includes(Buffer.from(images.POLYGLOT_MARKERS.html))).toBe(true);
    const response = await upload(polyglot, citizen);
    const { id } = (await response.json()) as { id: string };
    expect(response.status).toBe(201);
    const served = await servedBytes(id);
    await expectNothingLeft(served);
    expect((await stored(id)).size).toBe(served.length);
  });

  it('answers an upload over the limit with 413 and its code, raw (declared or streamed) and multipart, not with a reset', async () => {
    const citizen = await citizens.verified();
    const big = Buffer.alloc(3 * 1024 * 1024, 0x41);
    // Declared by Content-Length: refused before reading.
    expect(await answer(await upload(big, citizen))).toEqual([413, 'UPLOAD_TOO_LARGE']);
    // Streamed without a length: refused when the limit is passed, while the client is still sending.
    const chunks = Array.from({ length: 48 }, () => new Uint8Array(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull: (c) => (chunks.length ? c.enqueue(chunks.shift()!) : c.close()),
    });
    const streamed = await fetch(`${bff.url}/uploads`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${citizen.accessToken}` },
    } as RequestInit);
    expect(await answer(streamed)).toEqual([413, 'UPLOAD_TOO_LARGE']);
    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array(Buffer.concat([images.plainJpeg(), Buffer.alloc(MAX_BYTES)]))], { type: 'image/jpeg' }),
      'big.jpg',
    );
    const multipart = await fetch(`${bff.url}/uploads`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${citizen.accessToken}` },
    });
    expect(await answer(multipart)).toEqual([413, 'UPLOAD_TOO_LARGE']);
    // The server still answers after all that.
    expect(await answer(await upload(images.plainJpeg(), citizen))).toEqual([201, 'ok']);
  });

  it(`takes exactly ${QUOTA} of 50 parallel uploads from one citizen; the rest are UPLOAD_QUOTA_EXCEEDED`, async () => {
    const citizen = await citizens.verified();
    const answers = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const response = await upload(images.plainJpeg(), citizen);
        return [response.status, (await response.json()) as { id?: string; error?: string }] as const;
      }),
    );
    const accepted = answers.filter(([status]) => status === 201);
    const refused = answers.filter(([status, body]) => status === 429 && body.error === 'UPLOAD_QUOTA_EXCEEDED');
    expect([accepted.length, refused.length]).toEqual([QUOTA, 50 - QUOTA]);
    const { citizenId } = await ownerOf(accepted[0]![1].id!);
    const kept = await bff.built.services.db
      .selectFrom('uploads')
      .select('id')
      .where('citizen_id', '=', citizenId)
      .execute();
    expect(kept).toHaveLength(QUOTA);
    // Another citizen has a quota of their own.
    expect(await answer(await upload(images.plainJpeg(), await citizens.verified()))).toEqual([201, 'ok']);
  });

  it('counts bytes in the same single step: 50 parallel takes of 1000 bytes under a 10,500-byte day give exactly 10', async () => {
    const citizen = await citizens.verified();
    const { citizenId } = await ownerOf(await uploadId(citizen));
    const now = new Date();
    const taken = await Promise.all(
      Array.from({ length: 50 }, () =>
        takeUploadQuota(bff.built.services.db, citizenId, 1000, { perDay: 1000, bytesPerDay: 10_500 }, now),
      ),
    );
    // One upload of 879-ish bytes was already counted today.
    const first = await bff.built.services.db
      .selectFrom('upload_quota')
      .select(['count', 'bytes'])
      .where('citizen_id', '=', citizenId)
      .executeTakeFirstOrThrow();
    expect(taken.filter(Boolean)).toHaveLength(first.count - 1);
    expect(Number(first.bytes)).toBeLessThanOrEqual(10_500);
    expect(Number(first.bytes) + 1000).toBeGreaterThan(10_500);
    // The next day starts afresh.
    expect(
      await takeUploadQuota(
        bff.built.services.db,
        citizenId,
        1000,
        { perDay: 1000, bytesPerDay: 10_500 },
        new Date(now.getTime() + 24 * 3600_000),
      ),
    ).toBe(true);
  });

  it('serves stored photos and icons as images only: nosniff, inline under a fixed name, no caching of photos, a closed CSP', async () => {
    const requester = await citizens.verified();
    const id = await uploadId(requester);
    const plate = plates[plateIndex++]!;
    const made = await sendCarMove(
      bff,
      'mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id } }',
      { input: { plate, reason: 'OTHER', photoId: id, idempotencyKey: randomUUID() } },
      requester.accessToken,
    );
    expect(made.body.errors).toBeUndefined();
    const photo = await fetch(`${bff.url}/car-move/photo?t=${await ownerToken(plate)}`);
    expect(photo.status).toBe(200);
    expect(
      Object.fromEntries(
        ['content-type', 'x-content-type-options', 'content-disposition', 'cache-control'].map((h) => [
          h,
          photo.headers.get(h),
        ]),
      ),
    ).toEqual({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline; filename="car-move-photo.jpg"',
      'cache-control': 'private, no-store',
    });
    expect(photo.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    await expectNothingLeft(Buffer.from(await photo.arrayBuffer()));

    const editor = await operatorToken(bff, `uploads-editor-${database.name}`, 'editor');
    const icon = await fetch(`${bff.url}/operator/icons`, {
      method: 'POST',
      body: new Uint8Array(images.pngWithText()),
      headers: { authorization: `Bearer ${editor}` },
    });
    const { id: iconId } = (await icon.json()) as { id: string };
    expect(icon.status).toBe(201);
    const served = await fetch(`${bff.url}/icons/${iconId}`);
    expect([
      served.headers.get('content-type'),
      served.headers.get('x-content-type-options'),
      served.headers.get('content-disposition'),
    ]).toEqual(['image/png', 'nosniff', `inline; filename="icon-${iconId}.png"`]);
    expect(served.headers.get('content-security-policy')).toMatch(/sandbox/);
    await expectNothingLeft(Buffer.from(await served.arrayBuffer()));
    // Icons are refused the same way: a huge declared size, an SVG.
    const refuse = async (bytes: Buffer) =>
      answer(
        await fetch(`${bff.url}/operator/icons`, {
          method: 'POST',
          body: new Uint8Array(bytes),
          headers: { authorization: `Bearer ${editor}` },
        }),
      );
    expect(await refuse(images.pngDeclaring(30000, 30000))).toEqual([413, 'ICON_TOO_LARGE']);
    expect(await refuse(images.svgWithScript())).toEqual([415, 'ICON_TYPE']);
  });

  it('purges, a day later, the uploads that no car-moving request, application or draft uses', async () => {
    const citizen = await citizens.faceVerified(); // rent withdrawal, whose draft keeps a lease photo, needs level 3
    const [forRequest, forApplication, forDraft, unused, recent] = [
      await uploadId(citizen),
      await uploadId(citizen),
      await uploadId(citizen),
      await uploadId(citizen),
      await uploadId(citizen),
    ];
    const plate = plates[plateIndex++]!;
    const made = await sendCarMove(
      bff,
      'mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id } }',
      { input: { plate, reason: 'OTHER', photoId: forRequest, idempotencyKey: randomUUID() } },
      citizen.accessToken,
    );
    expect(made.body.errors).toBeUndefined();
    const saved = await bff.gql(
      'mutation($s: ID!, $a: JSONObject!) { saveDraft(serviceId: $s, answers: $a) { version } }',
      { s: 'pf-withdraw-rent', a: { lease: forDraft } },
      citizen.accessToken,
    );
    expect(saved.body.errors).toBeUndefined();
    // A submitted application names its attachments (written here as the application service writes them).
    const { citizenId, accountId } = await ownerOf(forApplication);
    const at = new Date().toISOString();
    await bff.built.services.db
      .insertInto('applications')
      .values({
        id: randomUUID(),
        number: `SQ${Date.now()}`,
        citizen_id: citizenId,
        account_id: accountId,
        service_id: 'pf-withdraw-rent',
        status: 'SUBMITTED',
        status_reason: null,
        answers_enc: 'v1:unused',
        attachments: JSON.stringify([{ fieldId: 'lease', kind: 'upload', ref: forApplication }]),
        unverified_fields: '[]',
        idempotency_key: randomUUID(),
        created_at: at,
        updated_at: at,
      })
      .execute();
    // `recent` is made old enough only for the others: move it a day later than the rest.
    const later = new Date(Date.now() + 24 * 3600_000 + 60_000);
    await bff.built.services.db
      .updateTable('uploads')
      .set({ created_at: new Date(later.getTime() - 3600_000).toISOString() })
      .where('id', '=', recent)
      .execute();

    expect(await bff.built.uploadPurge.purge(new Date())).toBe(0);
    await bff.built.uploadPurge.purge(later);
    const left = (
      await bff.built.services.db
        .selectFrom('uploads')
        .select('id')
        .where('id', 'in', [forRequest, forApplication, forDraft, unused, recent])
        .execute()
    ).map((r) => r.id);
    expect(left.sort()).toEqual([forRequest, forApplication, forDraft, recent].sort());
    // A purged photo can no longer be attached.
    const late = await sendCarMove(
      bff,
      'mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id } }',
      { input: { plate: plates[plateIndex++]!, reason: 'OTHER', photoId: unused, idempotencyKey: randomUUID() } },
      citizen.accessToken,
    );
    expect(late.body.errors?.[0]?.extensions?.code).toBe('UPLOAD_NOT_FOUND');
  });

  async function uploadId(session: SignedIn): Promise<string> {
    const response = await upload(images.jpegWithGps(), session);
    const body = (await response.json()) as { id: string };
    expect(response.status).toBe(201);
    return body.id;
  }

  async function ownerOf(uploadId: string): Promise<{ citizenId: string; accountId: string }> {
    const { citizen_id } = await bff.built.services.db
      .selectFrom('uploads')
      .select('citizen_id')
      .where('id', '=', uploadId)
      .executeTakeFirstOrThrow();
    const account = await bff.built.services.db
      .selectFrom('accounts')
      .select('id')
      .where('citizen_id', '=', citizen_id)
      .executeTakeFirstOrThrow();
    return { citizenId: citizen_id, accountId: account.id };
  }

  /** The owner's link token from the SMS the register sent for `plate`. */
  async function ownerToken(plate: string): Promise<string> {
    const { maskPlate } = await import('@citizen/shared');
    type Sms = { templateId: string; params: Record<string, string> };
    const [sms] = await waitFor(
      async () =>
        ((await mock.json('/sms/dev/outbox')).messages as Sms[]).filter(
          (m) => m.templateId.startsWith('CAR_MOVE') && m.params.plate === maskPlate(plate),
        ),
      (list) => list.length > 0,
    );
    return new URL(sms!.params.link!.replace('#/', '')).searchParams.get('t')!;
  }

  /** An upload's stored bytes, decrypted with the app's own keys by the reader the photo route uses. */
  async function servedBytes(id: string): Promise<Buffer> {
    const keys = loadKeys(bff.built.services.config);
    const upload = await readStoredUpload(
      bff.built.services.db,
      new PersonalDataVault(keys.dataKey, keys.idHashKey),
      id,
    );
    return upload!.data;
  }
});
