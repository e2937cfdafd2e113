import { Citizens, startBff, startMockData, testDatabases, type MockData, type RunningBff } from './helpers';

/**
 * Face verification on Baidu, as Baidu documents it: swan.ai.facePersonVerify would hand
 * the score (and need the full ID number) on the client, with no server query, so the app
 * only takes a camera photo and the BFF itself asks Baidu AI Cloud's person/verify with the
 * name and ID number it holds. The client's word (or score) is never taken.
 */
jest.setTimeout(30_000);

const START = 'mutation { startFaceVerification(consent: true) { verifyId certifyUrl } }';
const DONE = 'mutation($id: ID!, $img: String) { completeFaceVerification(verifyId: $id, faceImage: $img) { level } }';

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

describe.each(testDatabases())('Baidu face verification on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  const codeOf = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;
  const photoOf = async (idNumber?: string) =>
    (await mock.json('/baidu/dev/camera', { method: 'POST', body: JSON.stringify({ person: idNumber }) }))
      .image as string;

  beforeAll(async () => {
    bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url, UPSTREAM_RETRIES: '0' });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 500 : 600);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  it('raises the account to level 3 only on Baidu’s own score for a photo of the person', async () => {
    const citizen = await citizens.verified('BAIDU');
    const started = (await bff.gql(START, {}, citizen.accessToken)).body.data.startFaceVerification;
    // Nothing for the client to hand to facePersonVerify: no name, no ID number, no URL.
    expect(started).toEqual({ verifyId: expect.any(String), certifyUrl: null });
    // The client saying "done" is nothing: without a photo the step is still pending.
    expect(codeOf((await bff.gql(DONE, { id: started.verifyId }, citizen.accessToken)).body)).toBe('FACE_PENDING');
    // Someone else in front of the camera: Baidu scores it low.
    expect(
      codeOf((await bff.gql(DONE, { id: started.verifyId, img: await photoOf() }, citizen.accessToken)).body),
    ).toBe('FACE_FAILED');
    // That session is decided: a good photo afterwards changes nothing.
    expect(
      codeOf(
        (
          await bff.gql(
            DONE,
            { id: started.verifyId, img: await photoOf(citizen.person.idNumber) },
            citizen.accessToken,
          )
        ).body,
      ),
    ).toBe('FACE_FAILED');
    const again = (await bff.gql(START, {}, citizen.accessToken)).body.data.startFaceVerification.verifyId;
    expect(
      (await bff.gql(DONE, { id: again, img: await photoOf(citizen.person.idNumber) }, citizen.accessToken)).body.data
        .completeFaceVerification.level,
    ).toBe(3);
  });

  it('fails a picture with no face in it (not one the camera took), and one of the person sent on another account’s session', async () => {
    const citizen = await citizens.verified('BAIDU');
    const other = await citizens.verified('BAIDU');
    const started = (await bff.gql(START, {}, citizen.accessToken)).body.data.startFaceVerification.verifyId;
    expect(
      codeOf(
        (await bff.gql(DONE, { id: started, img: Buffer.from('not a face').toString('base64') }, citizen.accessToken))
          .body,
      ),
    ).toBe('FACE_FAILED');
    // The photo is checked against the name and ID number of the session's citizen, held by the BFF: another person's face fails.
    const theirs = (await bff.gql(START, {}, other.accessToken)).body.data.startFaceVerification.verifyId;
    expect(
      codeOf(
        (await bff.gql(DONE, { id: theirs, img: await photoOf(citizen.person.idNumber) }, other.accessToken)).body,
      ),
    ).toBe('FACE_FAILED');
    expect(
      codeOf(
        (await bff.gql(DONE, { id: theirs, img: await photoOf(citizen.person.idNumber) }, citizen.accessToken)).body,
      ),
    ).toBe('NOT_FOUND');
  });
});
