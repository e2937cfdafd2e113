/**
 * @jest-environment jsdom
 */
import path from 'node:path';
import { maskPlate } from '@citizen/shared';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { getJson, loadWeappPage, postJson } from './weapp';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

/**
 * 挪车码 in the WeChat build: the scan-landing page of the real weapp output under
 * miniprogram-simulate, opened as WeChat opens a mapped link (the scanned address in
 * `q`, encoded), with no wx.login at all. It shows the car, sends a notice, and the
 * owner's register SMS goes out; nothing of the owner reaches the page.
 */
jest.setTimeout(300_000);

/** WEAPP_DIST: a build elsewhere than miniapp/dist/weapp (helpers build into their own folder). */
const DIST = process.env.WEAPP_DIST ?? path.resolve(__dirname, '../../dist/weapp');

describe('WeChat build: the 挪车码 scan page under miniprogram-simulate', () => {
  let mock: MockData;
  let bff: BffProcess;
  let plate: string;
  let person: { idNumber: string; name: string };
  let scanUrl: string;

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({
      AGENCY_BASE_URL: mock.url,
      SERVE_H5: 'false',
      OUTBOX_POLL_MS: '200',
      UPSTREAM_TIMEOUT_MS: '10000',
      BREAKER_MIN_CALLS: '1000',
    });
    plate = (await getJson(`${mock.url}/vehicle/dev/vehicles?plateType=02&count=1&offset=88`)).vehicles[0].plate;
    const { ownerIdNumber } = await getJson(
      `${mock.url}/vehicle/v1/vehicles/${encodeURIComponent(plate)}/owner?plateType=02`,
    );
    person = await getJson(`${mock.url}/population/v1/persons/${ownerIdNumber}`);
    const { code } = await postJson(`${mock.url}/wechat/dev/login-code`, { user: `simulate-codes-${Date.now()}` });
    const token = (
      await postJson(`${bff.url}/graphql`, {
        query: 'mutation($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }',
        variables: { c: code },
      })
    ).data.login.accessToken;
    const auth = { authorization: `Bearer ${token}` };
    await postJson(
      `${bff.url}/graphql`,
      { query: VERIFY_REAL_NAME, variables: { n: person.name, i: person.idNumber } },
      auth,
    );
    const vehicles = (
      await postJson(`${bff.url}/graphql`, { query: '{ myVehicles { id maskedPlate plateType } }' }, auth)
    ).data.myVehicles;
    const vehicle = vehicles.find(
      (v: { maskedPlate: string; plateType: string }) => v.maskedPlate === maskPlate(plate) && v.plateType === 'SMALL',
    );
    scanUrl = (
      await postJson(
        `${bff.url}/graphql`,
        { query: 'mutation($v: ID!) { generateCarMoveCode(vehicleId: $v) { scanUrl } }', variables: { v: vehicle.id } },
        auth,
      )
    ).data.generateCarMoveCode.scanUrl;
  }, 300_000);
  afterAll(async () => {
    await bff?.stop();
    await mock?.stop();
  });

  // One page load per file: the simulator keeps the page's script from the first load.
  it('opens from the scanned address in q, shows the car and nothing of the owner, and notifies the owner', async () => {
    // No one is signed in: wx.login fails, as for a passer-by who never opened the app.
    const login = (options: { fail?: (e: unknown) => void }) => options.fail?.({ errMsg: 'login:fail not used' });
    const page = loadWeappPage(
      DIST,
      'car-owner/pages/scan/index',
      bff.url,
      { login },
      { q: encodeURIComponent(scanUrl) },
    );
    try {
      const vehicle = await page.waitFor(
        () => page.textOf('.code-scan__vehicle'),
        (t) => t.length === 1,
        30_000,
      );
      expect(vehicle[0]).toMatch(/^这辆车：/);
      page.tap('.code-scan__send');
      const sent = await page.waitFor(
        () => page.textOf('.code-scan__sent .status-card__status'),
        (t) => t.length === 1,
        30_000,
      );
      expect(sent[0]).toMatch(/已提交|已短信通知车主/);
      const texted = await page
        .waitFor(
          () => null,
          () => true,
        )
        .then(async () => {
          for (let i = 0; i < 60; i++) {
            const list = (await getJson(`${mock.url}/vehicle/dev/owner-notifications`)).notifications.filter(
              (n: { plate: string }) => n.plate === plate,
            );
            if (list.length) return list;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
          return [];
        });
      expect(texted).toHaveLength(1);
      const operations = page.requests
        .map((r) => /(?:query|mutation) (\w+)/.exec(JSON.parse(r.body || '{}').query ?? '')?.[1])
        .filter(Boolean);
      expect(operations).toEqual(expect.arrayContaining(['ScanCarMoveCode', 'NotifyByCarMoveCode']));
      expect(operations).not.toContain('Login');
      const everything = page.textOf('view').join(' ') + page.requests.map((r) => r.body).join(' ');
      for (const secret of [person.name, person.idNumber, plate, maskPlate(plate)])
        expect(everything).not.toContain(secret);
    } finally {
      page.detach();
    }
  });
});
