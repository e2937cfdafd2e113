/**
 * @jest-environment jsdom
 */
import http from 'node:http';
import path from 'node:path';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { getJson, loadWeappPage, postJson } from './weapp';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

/**
 * 查 in the WeChat build: the records page of the real weapp output, rendered by
 * miniprogram-simulate with wx.request bridged to a real BFF over the simulated
 * agencies. The provident fund screen shows the citizen's balance as the agency holds
 * it, and says so in words while that agency is down.
 */
jest.setTimeout(90_000);

/** WEAPP_DIST: a build elsewhere than miniapp/dist/weapp (helpers build into their own folder). */
const DIST = process.env.WEAPP_DIST ?? path.resolve(__dirname, '../../dist/weapp');

/** The agencies' fault switch over node:http (the jsdom environment these tests run in has no fetch). */
function setFault(mockUrl: string, agency: string | null, mode?: 'down'): Promise<void> {
  const payload = agency ? JSON.stringify({ mode }) : '';
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${mockUrl}/admin/faults${agency ? `/${agency}` : ''}`,
      {
        method: agency ? 'PUT' : 'DELETE',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve());
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

describe('WeChat build: the records page under miniprogram-simulate', () => {
  let mock: MockData;
  let bff: BffProcess;
  let token: string;
  let person: { idNumber: string; name: string };
  let login: (options: {
    success?: (r: { code: string; errMsg: string }) => void;
    fail?: (e: unknown) => void;
  }) => void;

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, SERVE_H5: 'false' });
    const user = `simulate-records-${Date.now()}`;
    [person] = (
      await getJson(`${mock.url}/population/dev/people?count=1&offset=160&has=provident-fund,social-insurance`)
    ).people;
    const { code } = await postJson(`${mock.url}/wechat/dev/login-code`, { user });
    token = (
      await postJson(`${bff.url}/graphql`, {
        query: 'mutation($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }',
        variables: { c: code },
      })
    ).data.login.accessToken;
    await postJson(
      `${bff.url}/graphql`,
      { query: VERIFY_REAL_NAME, variables: { n: person.name, i: person.idNumber } },
      { authorization: `Bearer ${token}` },
    );
    // wx.login as WeChat would answer it: a fresh code for the same WeChat user.
    login = (options) => {
      postJson(`${mock.url}/wechat/dev/login-code`, { user }).then(
        ({ code: fresh }) => options.success?.({ code: fresh, errMsg: 'login:ok' }),
        options.fail,
      );
    };
  }, 90_000);
  afterAll(async () => {
    await bff?.stop();
    await mock?.stop();
  });

  // One page load per file: the simulator keeps the page's script from the first load, so a second load of the same page does not render.
  it('says the provident fund centre cannot be reached while it is down; after a retry, the balance in 元 with separators, the account masked, the deposits by month', async () => {
    const pf = (
      await postJson(
        `${bff.url}/graphql`,
        { query: '{ myRecords { providentFund { balanceCents accountNumberMasked } } }' },
        { authorization: `Bearer ${token}` },
      )
    ).data.myRecords.providentFund;
    await setFault(mock.url, 'provident-fund', 'down');
    const page = loadWeappPage(DIST, 'pages/records/index', bff.url, { login }, { type: 'providentFund' });
    try {
      const partial = await page.waitFor(
        () => page.textOf('.records__partial .state__title'),
        (t) => t.length === 1,
        30_000,
      );
      expect(partial).toEqual(['公积金中心暂时无法访问']);
      await setFault(mock.url, null);
      // The BFF's breaker for the agency may still be open for a moment: retry as a person would, a few times.
      for (let i = 0; i < 20 && page.textOf('.records__amount').length === 0; i++) {
        if (page.textOf('.state__retry').length) page.tap('.state__retry');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      const yuan = (pf.balanceCents / 100).toLocaleString('en-US', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      expect(page.textOf('.records__amount')).toEqual([`${yuan} 元`]);
      const lines = page.textOf('.list__line').join(' ');
      expect(lines).toContain(pf.accountNumberMasked);
      expect(lines).not.toContain(person.idNumber);
      expect(page.textOf('.records__heading')).toContain('近24个月缴存明细');
      expect(page.textOf('.records__month-name').length).toBeGreaterThan(0);
      const operations = page.requests.map((r) => /(?:query|mutation) (\w+)/.exec(JSON.parse(r.body).query)?.[1]);
      expect(operations).toEqual(expect.arrayContaining(['Login', 'ProvidentFundRecord']));
    } finally {
      await setFault(mock.url, null);
      page.detach();
    }
  });
});
