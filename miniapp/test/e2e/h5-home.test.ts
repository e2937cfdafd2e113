import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot } from './browser';

jest.setTimeout(60_000);

/**
 * A citizen opens the H5 build, served by a real BFF process over real simulated
 * agencies, in headless Chromium.
 */
describe('H5 home screen in Chromium', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  // A tile is named by its visible title (its name text; the split lines are for the eye), and says 维护中 when its agency is down.
  const tileLabels = () =>
    page
      .locator('.tile')
      .evaluateAll((tiles) =>
        tiles.map(
          (t) =>
            `${t.querySelector('.tile__name')?.textContent ?? ''}${t.querySelector('.tile__note') ? '，维护中' : ''}`,
        ),
      );

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url });
    browser = await launchBrowser();
    ({ page, errors } = await phonePage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });
  afterEach(() => mock.resetFaults());

  it('shows the search box, the four lines and the tiles from the BFF', async () => {
    await page.goto(bff.url);
    await page.locator('.tile').nth(29).waitFor();
    expect(await page.locator('.four-lines__label').allTextContents()).toEqual([
      '我要办',
      '我要查',
      '我要约',
      '我要问',
    ]);
    expect(await page.locator('.home__search-input input').getAttribute('placeholder')).toBe(
      '搜索服务，如：公积金、挪车',
    );
    const labels = await tileLabels();
    expect(labels.length).toBeGreaterThanOrEqual(30);
    expect(labels).toContain('公积金余额查询');
    expect(await page.locator('.tile-grid__heading').first().textContent()).toBe('社会保障');
    expect(fs.existsSync(await screenshot(page, 'h5-home'))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('narrows by a line and by search, and opens a tile with a way back', async () => {
    await page.getByRole('tab', { name: '我要约' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.tile').length < 10);
    // 医院预约挂号 waits unpublished until its service is built (migration 0015).
    expect(await tileLabels()).toEqual(expect.arrayContaining(['出入境签注预约', '婚姻登记预约']));
    await page.getByRole('tab', { name: '我要约' }).click();
    await page.locator('.home__search-input input').fill('公积金');
    await page.waitForFunction(() => document.querySelectorAll('.tile').length === 3);
    await page.locator('.home__search-input input').fill('热线');
    await page.waitForFunction(() => document.querySelectorAll('.tile').length === 1);
    // Where each tile leads is tiles-walk.test.ts's (every published tile, every platform); 12345 opens the
    // consultation page (h5-records-ask.test.ts asks a question there).
    expect(await tileLabels()).toEqual(['12345热线']);
  });

  it('greys only the tiles of an agency that is down; the rest of the screen renders', async () => {
    await mock.fault('vehicle', { mode: 'down' });
    // Tiles read each instance's agency status, refreshed in the background every 2 s: reload until it has seen the fault.
    await page.goto(`${bff.url}/?down=vehicle`);
    for (let i = 0; i < 10 && (await page.locator('.tile', { hasText: '维护中' }).count()) === 0; i++) {
      await page.waitForTimeout(1000);
      await page.reload();
      await page.locator('.tile').nth(29).waitFor();
    }
    await page.locator('.tile', { hasText: '维护中' }).first().waitFor();
    const labels = await tileLabels();
    expect(labels).toContain('一键挪车，维护中');
    // 机动车信息 reads the traffic police's records now (migration 0015): not greyed by the vehicle register.
    expect(labels).toContain('机动车信息');
    expect(labels).toContain('公积金余额查询');
    expect(labels.length).toBeGreaterThanOrEqual(30);
    await page.locator('.tile', { hasText: '一键挪车' }).first().scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-home-agency-down');
  });

  it('shows a coded message and a retry when the BFF cannot be reached, then recovers', async () => {
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.goto(`${bff.url}/?offline=1`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('网络连接失败，请检查网络后重试');
    await screenshot(page, 'h5-home-offline');
    await page.unroute('**/graphql');
    await page.getByRole('button', { name: '重试' }).click();
    await page.locator('.tile').nth(29).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
