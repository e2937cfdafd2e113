import { generateKeyPairSync } from 'node:crypto';
import {
  agencyCalls,
  Citizens,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
} from './helpers';

/**
 * The BFF's own credentials with each platform, as each documents them: WeChat's server
 * APIs take the app's stable access_token, Baidu's take client-credentials tokens (the
 * smart program's for messages, the AI Cloud application's for face), and every call to
 * Alipay's gateway is signed RSA2 with the app's private key. The simulators refuse a call
 * without them, so every other test that signs in, checks a face or sends a message also
 * shows they are sent; this one shows they are fetched once, shared, and renewed when the
 * platform stops taking them.
 */
jest.setTimeout(60_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

const calls = (route: string) => agencyCalls(mock, route);

describe.each(testDatabases())('platform credentials on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  beforeAll(async () => {
    bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 900 : 1000);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  it('WeChat: one stable token for many calls, fetched again once WeChat says it expired', async () => {
    const before = await calls('POST /wechat/cgi-bin/stable_token');
    // Three face checks: getverifyid and queryverifyinfo each take the token.
    for (let i = 0; i < 3; i++) await citizens.faceVerified('WECHAT');
    const fetched = (await calls('POST /wechat/cgi-bin/stable_token')) - before;
    expect(fetched).toBeLessThanOrEqual(1);
    await mock.json('/wechat/dev/expire-tokens', { method: 'POST' });
    // The next call is refused with 42001, the BFF fetches a new token and the citizen notices nothing.
    const session = await citizens.faceVerified('WECHAT');
    expect(session.person.idNumber).toBeDefined();
    expect((await calls('POST /wechat/cgi-bin/stable_token')) - before).toBe(fetched + 1);
  });

  it('Baidu: the AI Cloud token for face, renewed after it expires', async () => {
    const before = await calls('POST /baidu/oauth/2.0/token');
    await citizens.faceVerified('BAIDU');
    await citizens.faceVerified('BAIDU');
    const fetched = (await calls('POST /baidu/oauth/2.0/token')) - before;
    expect(fetched).toBeLessThanOrEqual(1);
    await mock.json('/baidu/dev/expire-tokens', { method: 'POST' });
    await citizens.faceVerified('BAIDU');
    expect((await calls('POST /baidu/oauth/2.0/token')) - before).toBe(fetched + 1);
  });

  it('Alipay: a BFF whose key Alipay does not hold cannot sign anyone in (the platform, not the citizen, is named)', async () => {
    const stranger = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      ALIPAY_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ type: 'pkcs8', format: 'der' })
        .toString('base64'),
    });
    try {
      const { code } = await mock.json('/alipay/dev/login-code', {
        method: 'POST',
        body: JSON.stringify({ user: `ali-${Date.now()}` }),
      });
      const { body } = await stranger.gql(
        'mutation($c: String!) { login(platform: ALIPAY, code: $c) { accessToken } }',
        { c: code },
      );
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE' });
      // The code was not used up by the refused call: the app's real key signs in with it.
      const { body: ok } = await bff.gql(
        'mutation($c: String!) { login(platform: ALIPAY, code: $c) { accessToken } }',
        { c: code },
      );
      expect(ok.data?.login.accessToken).toEqual(expect.any(String));
    } finally {
      await stranger.stop();
    }
  });
});
