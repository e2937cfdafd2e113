import { maskPlate } from '@citizen/shared';
import { SCENE_LOCATION, sceneEvidence, sendCarMove, uploadScenePhoto } from '../../test-support/car-move';
import { Citizens, startBff, startMockData, testDatabases, type MockData, type RunningBff, waitFor } from './helpers';

/**
 * Scene evidence (issue 21): a request needs a location and 1–3 scene photos of the
 * requester's own, as 交管12123 asks; without them it is refused by a named code, takes no
 * quota, asks the register nothing and sends the owner nothing.
 */
const REQUEST = `mutation($input: CarMoveInput!) { requestCarMove(input: $input) { id status place hasPhoto photoCount urgent } }`;

let mock: MockData;
let plates: string[];
beforeAll(async () => {
  mock = await startMockData();
  plates = (await mock.json('/vehicle/dev/vehicles?plateType=02&count=60&offset=100')).vehicles.map(
    (v: { plate: string }) => v.plate,
  );
});
afterAll(() => mock.stop());
let keys = 0;
const key = () => `ev-${Date.now()}-${++keys}`;
const notificationsFor = async (plate: string) =>
  (await mock.json('/vehicle/dev/owner-notifications')).notifications.filter(
    (n: { plate: string }) => n.plate === plate,
  );
type Sms = { templateId: string; params: Record<string, string> };
const tokenOf = (sms: Sms) => new URL(sms.params.link.replace('#/', '')).searchParams.get('t')!;

describe.each(testDatabases())('car-moving scene evidence on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  const base = database.name === 'sqlite' ? 0 : 30;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '200',
      UPSTREAM_RETRIES: '0',
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 100 : 400);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  const errorOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions;

  it('refuses a request without a location or without 1–3 photos of the requester’s own, by name, taking nothing and sending nothing', async () => {
    const requester = await citizens.verified();
    const other = await citizens.verified();
    const plate = plates[base];
    const {
      photoIds: [mine],
    } = await sceneEvidence(bff.url, requester.accessToken);
    const more = await Promise.all([1, 2, 3].map(() => uploadScenePhoto(bff.url, requester.accessToken)));
    const theirs = await uploadScenePhoto(bff.url, other.accessToken);
    const input = { plate, reason: 'DOUBLE_PARKED', place: '小区门口' };
    const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      ['no location', { photoIds: [mine] }, { code: 'CAR_MOVE_LOCATION_REQUIRED', field: 'location' }],
      [
        'latitude alone',
        { latitude: SCENE_LOCATION.latitude, photoIds: [mine] },
        { code: 'CAR_MOVE_LOCATION_REQUIRED', field: 'location' },
      ],
      ['no photo', { ...SCENE_LOCATION }, { code: 'CAR_MOVE_PHOTOS_REQUIRED', field: 'photos', min: 1, max: 3 }],
      [
        'empty photo list',
        { ...SCENE_LOCATION, photoIds: [] },
        { code: 'CAR_MOVE_PHOTOS_REQUIRED', field: 'photos', min: 1, max: 3 },
      ],
      [
        'four photos',
        { ...SCENE_LOCATION, photoIds: [mine, ...more] },
        { code: 'CAR_MOVE_PHOTOS_REQUIRED', field: 'photos', min: 1, max: 3 },
      ],
      [
        'someone else’s photo',
        { ...SCENE_LOCATION, photoIds: [mine, theirs] },
        { code: 'UPLOAD_NOT_FOUND', field: 'photoIds' },
      ],
      [
        'an id that is no upload',
        { ...SCENE_LOCATION, photoIds: ['00000000-0000-4000-8000-000000000000'] },
        { code: 'UPLOAD_NOT_FOUND', field: 'photoIds' },
      ],
    ];
    for (const [name, evidence, expected] of cases) {
      const { body } = await bff.gql(
        REQUEST,
        { input: { ...input, ...evidence, idempotencyKey: key() } },
        requester.accessToken,
      );
      expect([name, errorOf(body)]).toEqual([name, expected]);
    }
    // Nothing was asked of the register, nothing reached the owner, and no quota was taken:
    // the day's three requests are all still there.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await notificationsFor(plate)).toEqual([]);
    const { calls } = await mock.json('/admin/calls');
    expect(Object.keys(calls).filter((route) => decodeURIComponent(route).includes(plate))).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const { body } = await sendCarMove(
        bff,
        REQUEST,
        { input: { plate: plates[base + 1 + i], reason: 'OTHER', idempotencyKey: key() } },
        requester.accessToken,
      );
      expect(errorOf(body)).toBeUndefined();
    }
  });

  it('takes three photos and a location; the owner sees each photo by the link, without its metadata; the place is the district', async () => {
    const requester = await citizens.verified();
    const plate = plates[base + 10];
    const evidence = await sceneEvidence(bff.url, requester.accessToken, 3);
    const made = (
      await bff.gql(
        REQUEST,
        { input: { plate, reason: 'OTHER', ...evidence, idempotencyKey: key() } },
        requester.accessToken,
      )
    ).body.data.requestCarMove;
    expect(made).toMatchObject({ hasPhoto: true, photoCount: 3, place: '广州市天河区', urgent: false });
    const [sms] = await waitFor(
      async () =>
        (await mock.json('/sms/dev/outbox')).messages.filter(
          (m: Sms) => m.templateId === 'CAR_MOVE' && m.params.plate === maskPlate(plate),
        ),
      (list: Sms[]) => list.length === 1,
    );
    const token = tokenOf(sms);
    const photos = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const response = await fetch(`${bff.url}/car-move/photo?t=${token}&n=${n}`);
        const bytes = Buffer.from(await response.arrayBuffer());
        return {
          status: response.status,
          type: response.headers.get('content-type'),
          exif: bytes.includes(Buffer.from('Exif')),
          size: bytes.length,
        };
      }),
    );
    expect(photos.map(({ status, type, exif }) => ({ status, type, exif }))).toEqual(
      [1, 2, 3].map(() => ({ status: 200, type: 'image/jpeg', exif: false })),
    );
    expect((await fetch(`${bff.url}/car-move/photo?t=${token}`)).status).toBe(200); // the first, for links sent before several photos
    expect((await fetch(`${bff.url}/car-move/photo?t=${token}&n=4`)).status).toBe(404);
    expect((await fetch(`${bff.url}/car-move/photo?t=wrong&n=1`)).status).toBe(404);
    // The requester sees the count in their list too (one query for all requests' photos).
    const mine = (await bff.gql('{ myCarMoveRequests { id photoCount } }', {}, requester.accessToken)).body.data
      .myCarMoveRequests;
    expect(mine).toContainEqual({ id: made.id, photoCount: 3 });
  });

  it('still takes one photo as photoId (older app versions), and the same photo named twice counts once', async () => {
    const requester = await citizens.verified();
    const {
      photoIds: [photo],
    } = await sceneEvidence(bff.url, requester.accessToken);
    const old = (
      await bff.gql(
        REQUEST,
        {
          input: {
            plate: plates[base + 11],
            reason: 'OTHER',
            ...SCENE_LOCATION,
            photoId: photo,
            idempotencyKey: key(),
          },
        },
        requester.accessToken,
      )
    ).body;
    expect(old.data?.requestCarMove).toMatchObject({ photoCount: 1, hasPhoto: true });
    const twice = (
      await bff.gql(
        REQUEST,
        {
          input: {
            plate: plates[base + 12],
            reason: 'OTHER',
            ...SCENE_LOCATION,
            photoId: photo,
            photoIds: [photo, photo],
            idempotencyKey: key(),
          },
        },
        requester.accessToken,
      )
    ).body;
    expect(twice.data?.requestCarMove).toMatchObject({ photoCount: 1 });
  });
});
