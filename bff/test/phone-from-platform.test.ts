import { Citizens, startBff, startMockData, testDatabases, type MockData, type RunningBff } from './helpers';

/**
 * The phone number from the platform, the fast path before an SMS code: WeChat's
 * getPhoneNumber button code exchanged on the server (phonenumber.getPhoneNumber), Alipay's
 * my.getPhoneNumber answer decrypted on the server with the app's AES key.
 */
jest.setTimeout(30_000);

const BIND = 'mutation($p: String!) { bindPhoneFromPlatform(proof: $p) { level maskedPhone } }';
const ME = '{ me { maskedPhone } }';

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

describe.each(testDatabases())('phone number from the platform on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let phones = 0;
  const codeOf = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;
  const newPhone = () => `158${String(Date.now() + ++phones).slice(-8)}`;
  const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

  beforeAll(async () => {
    bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url, UPSTREAM_RETRIES: '0' });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 700 : 800);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  it('WeChat: binds the number behind the getPhoneNumber code, once; a used code binds nothing', async () => {
    const citizen = await citizens.verified('WECHAT');
    const phone = newPhone();
    const { code } = await mock.json('/wechat/dev/phone-code', { method: 'POST', body: JSON.stringify({ phone }) });
    const bound = (await bff.gql(BIND, { p: code }, citizen.accessToken)).body;
    expect(bound.data.bindPhoneFromPlatform).toEqual({ level: 2, maskedPhone: masked(phone) });
    // The SMS path reaches the same phone: notices go there.
    expect((await bff.gql(ME, {}, citizen.accessToken)).body.data.me.maskedPhone).toBe(masked(phone));
    const other = await citizens.verified('WECHAT');
    expect(codeOf((await bff.gql(BIND, { p: code }, other.accessToken)).body)).toBe('PHONE_FROM_PLATFORM_FAILED');
    expect((await bff.gql(ME, {}, other.accessToken)).body.data.me.maskedPhone).toBeNull();
  });

  it('Alipay: decrypts my.getPhoneNumber’s answer with the app’s AES key; a forged or tampered answer binds nothing', async () => {
    const citizen = await citizens.verified('ALIPAY');
    const phone = newPhone();
    const { response } = await mock.json('/alipay/dev/phone-number', {
      method: 'POST',
      body: JSON.stringify({ phone }),
    });
    // The client only ever sees ciphertext.
    expect(response).not.toContain(phone);
    const envelope = JSON.parse(response);
    const forged = JSON.stringify({
      ...envelope,
      response: Buffer.from(JSON.stringify({ code: '10000', mobile: '13800138000' })).toString('base64'),
    });
    expect(codeOf((await bff.gql(BIND, { p: forged }, citizen.accessToken)).body)).toBe('PHONE_FROM_PLATFORM_FAILED');
    expect(codeOf((await bff.gql(BIND, { p: 'not json' }, citizen.accessToken)).body)).toBe(
      'PHONE_FROM_PLATFORM_FAILED',
    );
    expect((await bff.gql(BIND, { p: response }, citizen.accessToken)).body.data.bindPhoneFromPlatform).toEqual({
      level: 2,
      maskedPhone: masked(phone),
    });
  });

  it('Baidu and H5 offer no platform number; below level 2 nothing is bound; replacing a bound phone needs a face pass, as by SMS', async () => {
    const baidu = await citizens.verified('BAIDU');
    expect(codeOf((await bff.gql(BIND, { p: 'anything' }, baidu.accessToken)).body)).toBe('PHONE_FROM_PLATFORM_FAILED');
    const newcomer = await citizens.signIn('WECHAT');
    const { code } = await mock.json('/wechat/dev/phone-code', {
      method: 'POST',
      body: JSON.stringify({ phone: newPhone() }),
    });
    expect(codeOf((await bff.gql(BIND, { p: code }, newcomer.accessToken)).body)).toBe('ASSURANCE_LEVEL_TOO_LOW');
    const citizen = await citizens.verified('WECHAT');
    await citizens.bindPhone(citizen, newPhone());
    const again = await mock.json('/wechat/dev/phone-code', {
      method: 'POST',
      body: JSON.stringify({ phone: newPhone() }),
    });
    // A sensitive act: a verified citizen without a face pass is asked for one first (FACE_STALE once it is old).
    expect(codeOf((await bff.gql(BIND, { p: again.code }, citizen.accessToken)).body)).toBe('ASSURANCE_LEVEL_TOO_LOW');
  });
});
