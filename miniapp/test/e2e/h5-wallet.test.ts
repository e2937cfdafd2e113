import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { encode } from 'uqr';
import { REPO, startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, screenshot, verifiedCitizenPage } from './browser';

jest.setTimeout(120_000);

/**
 * A verified citizen shows their ID card's code in the H5 build; a counter clerk checks
 * it in the console (once: the same code again is refused). Then the citizen books a
 * marriage registration appointment and cancels it.
 */
describe('licence wallet and appointments in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let who: { idNumber: string; name: string };
  let token = '';

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url });
    const created = spawnSync(
      path.join(REPO, 'node_modules/.bin/tsx'),
      ['bff/src/modules/operators/cli.ts', '--username', 'counter1', '--role', 'clerk'],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: bff.dataDir, OPERATOR_PASSWORD: 'counter-pass-2026' },
      },
    );
    expect(created.status).toBe(0);
    browser = await launchBrowser();
    // The citizen verified their real name before (level 2), on this same simulated H5 account.
    ({ page, errors, who } = await verifiedCitizenPage(browser, { bff: bff.url, mock: mock.url }, 'offset=160'));
    // The code the app was given, as a scanner reads it off the screen.
    page.on('response', async (response) => {
      if (!response.url().endsWith('/graphql') || response.request().method() !== 'POST') return;
      const body = (await response.json().catch(() => null)) as { data?: { licenceCode?: { token: string } } } | null;
      if (body?.data?.licenceCode) token = body.data.licenceCode.token;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('shows the ID card masked and its code as a QR code that holds exactly the code', async () => {
    await page.goto(`${bff.url}/#/pages/licences/index`);
    const card = page.locator('.licences__row', { hasText: '居民身份证' });
    await card.waitFor();
    expect(await page.locator('.licences').textContent()).not.toContain(who.idNumber);
    await card.click();
    await page.locator('.licence__show-code').click();
    await page.locator('.licence__qr').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.licence__qr .qr__row').length > 20);
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    // Read the drawn modules back: each row's runs, widths in module units.
    const drawn = await page.locator('.licence__qr').evaluate((qr) => {
      const rows = Array.from(qr.querySelectorAll('.qr__row'));
      const unit = (rows[0] as HTMLElement).getBoundingClientRect().height;
      return rows.map((row) =>
        Array.from(row.children).flatMap((cell) =>
          Array(Math.round((cell as HTMLElement).getBoundingClientRect().width / unit)).fill(
            cell.className.includes('qr__dark'),
          ),
        ),
      );
    });
    expect(drawn).toEqual(encode(token, { ecc: 'M', border: 0 }).data);
    await screenshot(page, 'h5-licence-code');
  });

  it('a clerk checks the code once; the same code again is refused', async () => {
    const desk = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    ).newPage();
    await desk.goto(`${bff.url}/#/operator/pages/login/index`);
    await desk.locator('.op-username input').fill('counter1');
    await desk.locator('.op-password input').fill('counter-pass-2026');
    await desk.getByRole('button', { name: '登录后台' }).click();
    await desk.locator('.verify__input input').fill(token);
    // A clerk's console offers only what a clerk may do.
    expect(await desk.locator('.console__nav').textContent()).toBe('亮证核验');
    await desk.locator('.verify__submit').click();
    const genuine = desk.locator('.verify__result--genuine');
    await genuine.waitFor();
    expect(await genuine.textContent()).toContain(who.name);
    expect(await genuine.textContent()).toContain('居民身份证');
    expect(await genuine.textContent()).not.toContain(who.idNumber);
    await screenshot(desk, 'h5-clerk-genuine');
    await desk.locator('.verify__input input').fill(token);
    await desk.locator('.verify__submit').click();
    await desk.locator('.verify__result--refused').waitFor();
    expect(await desk.locator('.verify__result--refused').textContent()).toContain('已被核验过一次');
    await desk.context().close();
  });

  it('books a marriage registration appointment and cancels it, freeing the place', async () => {
    await page.goto(`${bff.url}/#/pages/book/index?serviceId=marriage-appointment`);
    // One hall books it: the picker opens on it. A weekday two or more days ahead has free slots.
    const dates = page.locator('.book__date');
    await dates.first().waitFor();
    await dates.nth(3).click();
    let slot = page.locator('.book__slot:not(.book__slot--disabled)').first();
    if (!(await slot.count())) {
      await dates.nth(4).click();
      slot = page.locator('.book__slot:not(.book__slot--disabled)').first();
    }
    await slot.waitFor();
    const time = (await slot.locator('.book__slot-time').textContent())!;
    await slot.click();
    await page.locator('.book__confirm').click();
    await page.getByText('预约成功').first().waitFor();
    await screenshot(page, 'h5-booked');
    await page.goto(`${bff.url}/#/pages/appointments/index`);
    const row = page.locator('.appointments__row--booked');
    await row.waitFor();
    expect(await row.textContent()).toContain(time);
    await page.locator('.appointments__cancel').click();
    await page.getByText('确定取消', { exact: true }).last().click();
    await page.locator('.appointments__row--cancelled').waitFor();
    expect(await page.locator('.appointments__row--booked').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
