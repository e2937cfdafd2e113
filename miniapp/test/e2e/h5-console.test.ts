import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO, startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot } from './browser';

jest.setTimeout(120_000);

/**
 * An operator publishes a new tile in the console (desktop-sized browser); a citizen's
 * home screen in another context shows it after a refresh.
 */
describe('operator console in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let console_: Page;
  let citizen: Page;

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url });
    const created = spawnSync(
      path.join(REPO, 'node_modules/.bin/tsx'),
      ['bff/src/modules/operators/cli.ts', '--username', 'publisher', '--role', 'publisher'],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: bff.dataDir, OPERATOR_PASSWORD: 'publish-pass-2026' },
      },
    );
    expect(created.status).toBe(0);
    browser = await launchBrowser();
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    console_ = await desktop.newPage();
    ({ page: citizen } = await phonePage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('refuses a wrong password with a clear message, then signs in', async () => {
    await console_.goto(`${bff.url}/#/operator/pages/login/index`);
    await console_.locator('.op-username input').fill('publisher');
    await console_.locator('.op-password input').fill('not-the-password-1');
    await console_.getByRole('button', { name: '登录后台' }).click();
    await console_.getByText('用户名或密码不正确').waitFor();
    await console_.locator('.op-password input').fill('publish-pass-2026');
    await console_.getByRole('button', { name: '登录后台' }).click();
    await console_.locator('.console-tile').first().waitFor();
    expect(await console_.locator('.console-tile').count()).toBeGreaterThanOrEqual(30);
  });

  it('publishes a new tile that a citizen sees after refreshing the home screen', async () => {
    await citizen.goto(bff.url);
    await citizen.locator('.tile').nth(29).waitFor();
    expect(await citizen.getByRole('button', { name: '夜间政务服务' }).count()).toBe(0);

    await console_.getByRole('button', { name: '新建磁贴' }).click();
    await console_.locator('.tile-id input').fill('night-services');
    await console_.locator('.tile-title input').fill('夜间政务服务');
    await console_.locator('.tile-title-en input').fill('Night services');
    await console_.getByRole('button', { name: '分类 生活缴费' }).click();
    await console_.getByRole('button', { name: '跳转类型 政务网页' }).click();
    await console_.locator('.tile-target input').fill('https://www.gd.gov.cn/night/');
    await console_.getByRole('button', { name: '图标 bolt' }).click();
    await console_.getByRole('button', { name: '保存草稿' }).click();
    await console_.getByText('草稿已保存（第 1 稿）').waitFor();
    expect(await console_.locator('.preview__phone').count()).toBe(4);
    await screenshot(console_, 'h5-console-editor');
    await console_.getByRole('button', { name: '发布', exact: true }).click();
    await console_.getByText('发布', { exact: true }).last().click(); // the confirmation
    await console_.getByText('已发布为第 1 版').waitFor();

    await citizen.reload();
    await citizen.getByRole('button', { name: '夜间政务服务' }).waitFor();
    await citizen.getByRole('button', { name: '夜间政务服务' }).scrollIntoViewIfNeeded();
    await screenshot(citizen, 'h5-home-new-tile');
  });

  it('refuses a web address off the allow-list with its code’s message', async () => {
    await console_.locator('.tile-target input').fill('https://evil.example.com/');
    await console_.getByRole('button', { name: '保存草稿' }).click();
    await console_.getByText('网页地址不在政务域名白名单内（target）').waitFor();
  });
});
