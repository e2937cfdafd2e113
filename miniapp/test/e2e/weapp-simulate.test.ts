/**
 * @jest-environment jsdom
 */
import path from 'node:path';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { maskName } from '@citizen/shared';
import { getJson, loadWeappPage, postJson, type RenderedPage } from './weapp';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

/**
 * The real WeChat build output, rendered by WeChat's own component simulator
 * (miniprogram-simulate) with wx.request bridged to real HTTP: what ships to
 * WeChat renders the tiles the BFF sends, and reacts to taps.
 */
jest.setTimeout(60_000);
/** WEAPP_DIST: a build elsewhere than miniapp/dist/weapp (helpers build into their own folder). */
const DIST = process.env.WEAPP_DIST ?? path.resolve(__dirname, '../../dist/weapp');

describe('WeChat build under miniprogram-simulate', () => {
  let mock: MockData;
  let bff: BffProcess;
  let home: RenderedPage;

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, SERVE_H5: 'false' });
    home = loadWeappPage(DIST, 'pages/home/index', bff.url);
  }, 60_000);
  afterAll(async () => {
    home?.detach();
    await bff?.stop();
    await mock?.stop();
  });

  it('renders the home page with the tiles from the BFF', async () => {
    const tiles = await home.waitFor(
      () => home.textOf('.tile__name'),
      (t) => t.length >= 30,
    );
    expect(tiles).toContain('公积金余额查询');
    expect(tiles).toContain('一键挪车');
    expect(home.textOf('.four-lines__label')).toEqual(['我要办', '我要查', '我要约', '我要问']);
    expect(home.textOf('.tile-grid__heading')).toContain('社会保障');
    expect(home.requests[0]).toMatchObject({ url: `${bff.url}/graphql`, method: 'POST' });
    expect(JSON.parse(home.requests[0].body).variables.platform).toBe('WECHAT');
  });

  it('renders the Me page, signed in silently through wx.login and the BFF', async () => {
    // wx.login as WeChat would answer it: a fresh code from the platform (here its simulator).
    const login = (options: {
      success?: (r: { code: string; errMsg: string }) => void;
      fail?: (e: unknown) => void;
    }) => {
      postJson(`${mock.url}/wechat/dev/login-code`, { user: 'simulate-me' }).then(
        ({ code }) => options.success?.({ code, errMsg: 'login:ok' }),
        options.fail,
      );
    };
    const me = loadWeappPage(DIST, 'pages/me/index', bff.url, { login });
    try {
      const title = await me.waitFor(
        () => me.textOf('.me__title'),
        (t) => t.length > 0,
      );
      expect([title, me.textOf('.me__text')]).toEqual([['未实名用户'], []]);
      expect(me.textOf('.level')).toEqual(['L1 已登录，未实名']);
      const operations = me.requests.map((r) => /(?:query|mutation) (\w+)/.exec(JSON.parse(r.body).query)?.[1]);
      expect(operations).toEqual(['Login', 'Me']);
      // Me is list cells: the first step offered is real-name verification.
      expect(me.textOf('.list-cell__title')).toContain('去实名认证');
    } finally {
      me.detach();
    }
  });

  it('renders the car-moving page, and its plate keyboard answers taps', async () => {
    const page = loadWeappPage(DIST, 'pages/car-move/index', bff.url);
    try {
      await page.waitFor(
        () => page.textOf('.plate-keyboard__key'),
        (keys) => keys.length > 30,
      );
      expect(page.textOf('.plate-keyboard__key').slice(0, 3)).toEqual(['京', '津', '沪']);
      page.tap('.plate-keyboard__key', 2); // 沪
      const letters = await page.waitFor(
        () => page.textOf('.plate-keyboard__key'),
        (keys) => keys[0] === '1',
      );
      expect(letters).not.toContain('I');
      expect(letters).not.toContain('O');
      page.tap('.plate-keyboard__key', letters.indexOf('A'));
      page.tap('.plate-keyboard__key', 0); // 1
      const boxes = await page.waitFor(
        () => page.textOf('.plate-boxes__box'),
        (b) => b[2] === '1',
      );
      expect(boxes.slice(0, 3)).toEqual(['沪', 'A', '1']);
      // Eight boxes always: a new-energy plate's eighth character needs no switch first.
      expect(boxes).toHaveLength(8);
    } finally {
      page.detach();
    }
  });

  /** A citizen who verified their real name on WeChat earlier (level 2), and wx.login as it would answer for them. */
  async function verifiedOnWechat(offset: number) {
    const user = `simulate-${offset}-${Date.now()}`;
    const [person] = (await getJson(`${mock.url}/population/dev/people?count=1&offset=${offset}&has=social-insurance`))
      .people;
    const { code } = await postJson(`${mock.url}/wechat/dev/login-code`, { user });
    const session = await postJson(`${bff.url}/graphql`, {
      query: 'mutation($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }',
      variables: { c: code },
    });
    const token = session.data.login.accessToken as string;
    await postJson(
      `${bff.url}/graphql`,
      { query: VERIFY_REAL_NAME, variables: { n: person.name, i: person.idNumber } },
      { authorization: `Bearer ${token}` },
    );
    const login = (options: {
      success?: (r: { code: string; errMsg: string }) => void;
      fail?: (e: unknown) => void;
    }) => {
      postJson(`${mock.url}/wechat/dev/login-code`, { user }).then(
        ({ code: fresh }) => options.success?.({ code: fresh, errMsg: 'login:ok' }),
        options.fail,
      );
    };
    return { person: person as { idNumber: string; name: string }, token, login };
  }

  it('renders the service form page: prefilled fields locked and masked, the rest to fill', async () => {
    const { person, login } = await verifiedOnWechat(140);
    const page = loadWeappPage(DIST, 'pages/apply/index', bff.url, { login }, { serviceId: 'si-payment-record' });
    try {
      const locked = await page.waitFor(
        () => page.textOf('.field--locked'),
        (fields) => fields.length >= 3,
      );
      expect(locked.join(' ')).toContain(maskName(person.name));
      expect(locked.join(' ')).not.toContain(person.idNumber);
      expect(page.textOf('.field--months').join('')).toContain('近12个月');
      expect(page.textOf('.apply__review').length).toBe(1);
      const operations = page.requests.map((r) => /(?:query|mutation) (\w+)/.exec(JSON.parse(r.body).query)?.[1]);
      expect(operations).toEqual(expect.arrayContaining(['Login', 'ApplicationForm']));
    } finally {
      page.detach();
    }
  });

  it('renders the licence wallet: the citizen’s licences, masked', async () => {
    const { person, login } = await verifiedOnWechat(141);
    const page = loadWeappPage(DIST, 'pages/licences/index', bff.url, { login });
    try {
      const rows = await page.waitFor(
        () => page.textOf('.licences__row'),
        (r) => r.length >= 1,
      );
      expect(rows.join(' ')).toContain('居民身份证');
      expect(rows.join(' ')).not.toContain(person.idNumber);
      expect(rows.join(' ')).toContain(maskName(person.name));
    } finally {
      page.detach();
    }
  });

  it('renders the Messages tab with the citizen’s messages, unread marked', async () => {
    const { token, login } = await verifiedOnWechat(142);
    const submitted = await postJson(
      `${bff.url}/graphql`,
      {
        query:
          'mutation($a: JSONObject!, $k: String!) { submitApplication(serviceId: "si-payment-record", answers: $a, idempotencyKey: $k) { number } }',
        variables: { a: { months: '12', purpose: 'home', delivery: 'electronic' }, k: `simulate-${Date.now()}` },
      },
      { authorization: `Bearer ${token}` },
    );
    const number = submitted.data.submitApplication.number as string;
    const page = loadWeappPage(DIST, 'pages/messages/index', bff.url, { login });
    try {
      const rows = await page.waitFor(
        () => page.textOf('.messages__row'),
        (r) => r.length >= 1,
      );
      expect(rows[0]).toContain('社保缴费证明已提交');
      expect(rows[0]).toContain(number);
    } finally {
      page.detach();
    }
  });

  it('narrows the tiles when one of the four lines is tapped', async () => {
    const all = home.textOf('.tile__name').length;
    home.tap('.four-lines__item', 3); // 我要问
    const asked = await home.waitFor(
      () => home.textOf('.tile__name'),
      (t) => t.length < all,
    );
    expect(asked).toEqual(expect.arrayContaining(['12345热线', '政策问答']));
    expect(asked).not.toContain('公积金余额查询');
  });
});
