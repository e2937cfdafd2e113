import path from 'node:path';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { answer, loadMiniPage, type MiniPage } from './miniprogram';
import { postJson } from './weapp';

/**
 * The real Alipay build, run in Node by the mini-program harness (miniprogram.ts):
 * `my` holds Alipay's APIs with Alipay's shapes, my.request reaches the BFF over HTTP.
 */
jest.setTimeout(60_000);
/** ALIPAY_DIST: a build elsewhere than miniapp/dist/alipay (helpers build into their own folder). */
const DIST = process.env.ALIPAY_DIST ?? path.resolve(__dirname, '../../dist/alipay');

describe('Alipay build in the mini-program harness', () => {
  let mock: MockData;
  let bff: BffProcess;
  let home: MiniPage;

  /** my.getAuthCode as Alipay answers it for a given user: an authCode from the platform (its simulator). */
  const getAuthCode =
    (user: string) => (options: { scopes?: string; success?: (r: unknown) => void; fail?: (e: unknown) => void }) => {
      postJson(`${mock.url}/alipay/dev/login-code`, { user }).then(
        ({ code }) =>
          answer(options, true, { authCode: code, authSuccessScopes: [options.scopes], authErrorScopes: {} }),
        (error) => answer(options, false, { error: 12, errorMessage: String(error) }),
      );
    };

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, SERVE_H5: 'false' });
    home = loadMiniPage('alipay', DIST, 'pages/home/index', bff.url);
  }, 60_000);
  afterAll(async () => {
    home?.unload();
    await bff?.stop();
    await mock?.stop();
  });

  it('renders the home page with the Alipay tiles, asked for with my.request’s own shapes', async () => {
    const tiles = await home.waitFor(
      () => home.textOf('.tile__name'),
      (t) => t.length >= 20,
    );
    expect(tiles).toContain('一键挪车');
    expect(home.textOf('.four-lines__label')).toEqual(['我要办', '我要查', '我要约', '我要问']);
    expect(home.requests[0]).toMatchObject({ url: `${bff.url}/graphql`, method: 'POST' });
    expect(home.requests[0].headers['content-type']).toBe('application/json');
    expect(JSON.parse(home.requests[0].body).variables.platform).toBe('ALIPAY');
  });

  it('narrows the tiles when one of the four lines is tapped', async () => {
    const all = home.textOf('.tile__name').length;
    home.tap('.four-lines__item', 3); // 我要问
    const asked = await home.waitFor(
      () => home.textOf('.tile__name'),
      (t) => t.length < all,
    );
    expect(asked).toEqual(expect.arrayContaining(['12345热线']));
    expect(asked).not.toContain('公积金余额查询');
  });

  it('signs in silently with my.getAuthCode (auth_base) and shows Me', async () => {
    const me = loadMiniPage('alipay', DIST, 'pages/me/index', bff.url, {
      overrides: { getAuthCode: getAuthCode(`alipay-me-${Date.now()}`) },
    });
    try {
      const title = await me.waitFor(
        () => me.textOf('.me__title'),
        (t) => t.length > 0,
      );
      expect(title).toEqual(['未实名用户']);
      expect(me.textOf('.level')).toEqual(['L1 已登录，未实名']);
      const asked = me.calls
        .filter((c) => c.api === 'getAuthCode')
        .map((c) => (c.options as { scopes: string }).scopes);
      expect(asked[0]).toBe('auth_base');
      const operations = me.requests.map((r) => /(?:query|mutation) (\w+)/.exec(JSON.parse(r.body).query)?.[1]);
      expect(operations).toEqual(expect.arrayContaining(['Login', 'Me']));
      expect(JSON.parse(me.requests.find((r) => r.body.includes('mutation Login'))!.body).variables.platform).toBe(
        'ALIPAY',
      );
    } finally {
      me.unload();
    }
  });

  it('shows the sign-in failure when the citizen refuses my.getAuthCode', async () => {
    const me = loadMiniPage('alipay', DIST, 'pages/me/index', bff.url); // the default getAuthCode answers “用户取消授权”
    try {
      const text = await me.waitFor(
        () => me.textOf('.me').join(' '),
        (t) => t.length > 0 && !t.includes('加载'),
      );
      expect(text).not.toContain('L1 已登录');
    } finally {
      me.unload();
    }
  });
});
