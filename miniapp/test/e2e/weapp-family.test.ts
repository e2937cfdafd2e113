/**
 * @jest-environment jsdom
 */
import path from 'node:path';
import { maskName } from '@citizen/shared';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { getJson, loadWeappPage, postJson } from './weapp';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

/**
 * 家人代办 (issue 17) in the WeChat build: the family subpackage's page of the real weapp
 * output under miniprogram-simulate, for a parent (the register's ?has=minor-child)
 * signed in through wx.login. It lists the register's relations masked; 为TA办理 on the
 * child starts acting and the banner Screen draws appears on the page.
 */
jest.setTimeout(300_000);

/** WEAPP_DIST: a build elsewhere than miniapp/dist/weapp (helpers build into their own folder). */
const DIST = process.env.WEAPP_DIST ?? path.resolve(__dirname, '../../dist/weapp');

describe('WeChat build: 家人代办 under miniprogram-simulate', () => {
  let mock: MockData;
  let bff: BffProcess;
  let parent: { idNumber: string; name: string };
  let child: { name: string; idNumber: string };
  const user = `simulate-family-${Date.now()}`;

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, SERVE_H5: 'false' });
    [parent] = (await getJson(`${mock.url}/population/dev/people?count=1&offset=3&has=minor-child`)).people;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    child = (await getJson(`${mock.url}/population/v1/relations/${parent.idNumber}`)).relations.find(
      (r: { relation: string; birthDate: string }) =>
        r.relation === 'CHILD' && `${Number(r.birthDate.slice(0, 4)) + 18}${r.birthDate.slice(4)}` > today,
    );
    // The parent verified their real name before, on this WeChat account.
    const { code } = await postJson(`${mock.url}/wechat/dev/login-code`, { user });
    const token = (
      await postJson(`${bff.url}/graphql`, {
        query: 'mutation($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }',
        variables: { c: code },
      })
    ).data.login.accessToken;
    await postJson(
      `${bff.url}/graphql`,
      { query: VERIFY_REAL_NAME, variables: { n: parent.name, i: parent.idNumber } },
      { authorization: `Bearer ${token}` },
    );
  }, 300_000);
  afterAll(async () => {
    await bff?.stop();
    await mock?.stop();
  });

  // One page load per file: the simulator keeps the page's script from the first load.
  it('lists the relations masked, and 为TA办理 brings the banner up on the page', async () => {
    const login = (options: {
      success?: (r: { code: string; errMsg: string }) => void;
      fail?: (e: unknown) => void;
    }) => {
      postJson(`${mock.url}/wechat/dev/login-code`, { user }).then(
        ({ code }) => options.success?.({ code, errMsg: 'login:ok' }),
        options.fail,
      );
    };
    // miniprogram-simulate's storage keeps nothing (setStorageSync is a no-op); WeChat's keeps the session and the acting.
    const storage = new Map<string, unknown>();
    const kept = {
      setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
      getStorageSync: (key: string) => storage.get(key) ?? '',
      removeStorageSync: (key: string) => void storage.delete(key),
    };
    const page = loadWeappPage(DIST, 'family/pages/members/index', bff.url, { login, ...kept });
    try {
      const names = await page.waitFor(
        () => page.textOf('.family__name'),
        (t) => t.length > 0,
        30_000,
      );
      expect(names).toContain(maskName(child.name));
      expect(page.textOf('view').join(' ')).not.toContain(child.name);
      expect(page.textOf('.acting-banner__text')).toEqual([]);
      page.tap('.family__act');
      const banner = await page.waitFor(
        () => page.textOf('.acting-banner__text'),
        (t) => t.length === 1,
        30_000,
      );
      expect(banner[0]).toBe(`正在为 ${maskName(child.name)} 办理`);
      expect(page.textOf('.family__now')).toEqual(['✓ 正在为TA办理']);
      const operations = page.requests
        .map((r) => /(?:query|mutation) (\w+)/.exec(JSON.parse(r.body || '{}').query ?? '')?.[1])
        .filter(Boolean);
      expect(operations).toEqual(expect.arrayContaining(['Login', 'MyFamily', 'MyAuthorisations', 'ActAs']));
      expect(operations.filter((o) => o === 'Login')).toHaveLength(1);
    } finally {
      page.detach();
    }
  });
});
