import type { Browser, Page } from 'playwright-core';
import { maskPlate } from '@citizen/shared';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot, seriousViolations } from './browser';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

jest.setTimeout(300_000);

/**
 * 挪车码 (issue 21) in the H5 build, two browser contexts: the owner generates a code on
 * 我的车辆; a passer-by opens the code's address in a second context with no session at
 * all, picks a reason and notifies; the owner sees the notice on 我的车辆 and answers on
 * the answer page; the passer-by's page follows to 车主已回复. Neither the scan page nor
 * its network answers carry the owner's name, ID number, phone or plate.
 */
describe('挪车码 in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let owner: Page;
  let scanner: Page;
  let plate: string;
  let person: { idNumber: string; name: string };
  let scanUrl = '';
  /** The owner's account through the API (the same simulated platform user the owner's page signs in as). */
  let ownerToken = '';
  const user = `car-move-code-${Date.now()}`;

  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${bff.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: unknown };
  };

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '200',
      UPSTREAM_TIMEOUT_MS: '10000',
      BREAKER_MIN_CALLS: '1000',
    });
    // The owner of a blue plate, verified beforehand through the API (the identity tests cover doing it on screen).
    plate = (await mock.json('/vehicle/dev/vehicles?plateType=02&count=1&offset=77')).vehicles[0].plate;
    const { ownerIdNumber } = await mock.json(`/vehicle/v1/vehicles/${encodeURIComponent(plate)}/owner?plateType=02`);
    person = await mock.json(`/population/v1/persons/${ownerIdNumber}`);
    const { code } = await mock.json('/wechat/dev/login-code', { method: 'POST', body: JSON.stringify({ user }) });
    const session = (await gql('mutation($c: String!) { login(platform: H5, code: $c) { accessToken } }', { c: code }))
      .data.login;
    await gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, session.accessToken);
    ownerToken = session.accessToken;

    browser = await launchBrowser();
    ({ page: owner } = await phonePage(browser));
    await owner.addInitScript(
      ([url, name]) => {
        localStorage.setItem('citizen.simulatorUrl', url);
        localStorage.setItem('citizen.simulatedUser', name);
      },
      [mock.url, user],
    );
    // A second context: no simulator user, no session, nothing in storage.
    ({ page: scanner } = await phonePage(browser));
    // A machine many runs share: generous waits.
    for (const page of [owner, scanner]) {
      page.setDefaultTimeout(90_000);
      page.setDefaultNavigationTimeout(120_000);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  const setMode = (page: Page, mode: { elder?: boolean; en?: boolean }) =>
    page.evaluate((m) => {
      // Taro's H5 storage keeps each value under `data`.
      localStorage.setItem(
        'citizen.preferences',
        JSON.stringify({ data: { elder: Boolean(m.elder), locale: m.en ? 'en' : 'zh', textSize: 'large' } }),
      );
    }, mode);

  it('the owner generates a code for their vehicle on 我的车辆, reached from 我的', async () => {
    await owner.goto(`${bff.url}/#/pages/me/index`, { waitUntil: 'domcontentloaded' });
    await owner.getByText('我的车辆', { exact: true }).click();
    await owner.locator('.vehicles__card').first().waitFor();
    const card = owner.locator('.vehicles__card', { hasText: maskPlate(plate) });
    await card.getByRole('button', { name: '生成挪车码' }).click();
    await card.getByText('挪车码使用中').waitFor();
    await screenshot(owner, 'h5-car-move-codes-vehicles');
    expect(await seriousViolations(owner)).toEqual([]);
    const { data } = await gql('{ myVehicles { maskedPlate code { scanUrl } } }', {}, ownerToken);
    scanUrl =
      data?.myVehicles.find((v: { maskedPlate: string }) => v.maskedPlate === maskPlate(plate))?.code?.scanUrl ?? '';
    expect(scanUrl).toMatch(/\/m\/[A-Za-z0-9_-]{24}$/);
  });

  it('a passer-by with no session scans it, sees no personal data, and notifies the owner', async () => {
    const token = scanUrl.split('/m/')[1];
    const answers: string[] = [];
    scanner.on('response', (r) => {
      if (r.url().includes('/graphql'))
        void r.text().then(
          (t) => answers.push(t),
          () => undefined,
        );
    });
    // The QR's address, on this BFF: /m/<token> sends the browser on to the scan page.
    await scanner.goto(`${bff.url}/m/${token}`, { waitUntil: 'domcontentloaded' });
    await scanner.locator('.code-scan__vehicle').waitFor();
    expect(
      await scanner.evaluate(
        () => localStorage.getItem('citizen.session') ?? localStorage.getItem('citizen.simulatedUser'),
      ),
    ).toBeNull();
    await screenshot(scanner, 'h5-car-move-codes-scan');
    expect(await seriousViolations(scanner)).toEqual([]);
    await scanner.getByRole('radio', { name: '并排停车' }).click();
    await scanner.getByRole('button', { name: '通知车主挪车' }).click();
    await scanner.locator('.code-scan__sent').waitFor();
    await screenshot(scanner, 'h5-car-move-codes-sent');
    const text = await scanner.locator('body').innerText();
    for (const secret of [person.name, person.idNumber, plate, maskPlate(plate)]) {
      expect(text).not.toContain(secret);
      for (const answer of answers) expect(answer).not.toContain(secret);
    }
  });

  it('the owner sees the notice on 我的车辆 and answers; the passer-by’s page says the owner is coming', async () => {
    await owner.reload();
    const card = owner.locator('.vehicles__card', { hasText: maskPlate(plate) });
    await card.getByText('扫码通知', { exact: false }).waitFor();
    await card.getByRole('button', { name: '回复' }).click();
    await owner.getByRole('button', { name: '马上来' }).click();
    await owner.getByText('已告知对方您马上过来').waitFor();
    await scanner.getByRole('button', { name: '刷新状态' }).click();
    await scanner.locator('.code-scan__sent .status-card__status', { hasText: '车主已回复：马上来' }).waitFor();
  });

  it('scan page and 我的车辆 in elder mode and in English, axe 0 serious', async () => {
    const token = scanUrl.split('/m/')[1];
    for (const mode of [{ elder: true }, { en: true }]) {
      const name = mode.elder ? 'elder' : 'en';
      await setMode(scanner, mode);
      await scanner.goto(`${bff.url}/#/car-owner/pages/scan/index?t=${token}`);
      await scanner.reload();
      await scanner.locator('.code-scan__vehicle').waitFor();
      await screenshot(scanner, `h5-car-move-codes-scan-${name}`);
      expect(await seriousViolations(scanner)).toEqual([]);
      await setMode(owner, mode);
      await owner.goto(`${bff.url}/#/car-owner/pages/vehicles/index`);
      await owner.reload();
      await owner.locator('.vehicles__card').first().waitFor();
      await screenshot(owner, `h5-car-move-codes-vehicles-${name}`);
      expect(await seriousViolations(owner)).toEqual([]);
    }
    // A code that does not exist says so, with 122 and a way home.
    await scanner.goto(`${bff.url}/#/car-owner/pages/scan/index?t=nothing-here-0123456789`);
    await scanner.reload();
    await scanner.getByRole('button', { name: 'Call 122' }).waitFor();
    await screenshot(scanner, 'h5-car-move-codes-invalid-en');
  });
});
