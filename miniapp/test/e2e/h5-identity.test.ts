import type { Browser, Page } from 'playwright-core';
import { maskIdNumber, maskName } from '@citizen/shared';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot } from './browser';

jest.setTimeout(90_000);

/**
 * A citizen in the H5 build signs in silently, verifies their real name, binds a
 * phone with the SMS code, passes face verification, and sees level 3 with masked
 * data on the Me page. The platform SDK is the simulator, as on H5 it always is.
 */
describe('identity in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let who: { idNumber: string; name: string };

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url });
    browser = await launchBrowser();
    ({ page, errors } = await phonePage(browser));
    await page.addInitScript((url) => localStorage.setItem('citizen.simulatorUrl', url), mock.url);
    who = (await mock.json('/population/dev/people?count=1&offset=77')).people[0];
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  const typeIdNumber = async (idNumber: string) => {
    await page.getByRole('button', { name: '身份证号，点击输入' }).click();
    for (const key of idNumber) await page.locator(`.id-keyboard__key[data-key="${key}"]`).click();
    await page.getByRole('button', { name: '完成输入' }).click();
  };

  it('signs in silently and shows level 1 on the Me page', async () => {
    await page.goto(`${bff.url}/#/pages/me/index`);
    await page.getByText('未实名用户').waitFor();
    expect(await page.locator('.level').textContent()).toBe('L1 已登录，未实名');
  });

  it('refuses a wrong name with a clear message, then verifies the real one: level 2', async () => {
    await page.getByRole('button', { name: '去实名认证' }).click();
    await page.locator('.name-input input').fill('王不对');
    await typeIdNumber(who.idNumber);
    // The privacy policy and user agreement are agreed to (and recorded) before the ID number leaves the phone.
    await page.getByRole('checkbox', { name: /我已阅读并同意隐私政策和用户协议/ }).click();
    await page.getByRole('button', { name: '提交认证' }).click();
    await page.getByText('姓名与身份证号不匹配，请核对后重试（今日还可尝试 4 次）').waitFor();
    await screenshot(page, 'h5-realname-mismatch');
    await page.locator('.name-input input').fill(who.name);
    await page.getByRole('button', { name: '提交认证' }).click();
    await page.locator('.level', { hasText: 'L2 已实名认证' }).waitFor();
    expect(await page.locator('.me__title').textContent()).toBe(maskName(who.name));
    expect(await page.locator('.me__id').textContent()).toBe(`身份证号 ${maskIdNumber(who.idNumber)}`);
  });

  it('binds a phone with the code the SMS gateway delivered', async () => {
    const phone = '13987654321';
    await page.getByRole('button', { name: '绑定手机号' }).click();
    await page.locator('.phone-input input').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送至 139****4321，5分钟内有效').waitFor();
    expect(await page.locator('.send-code').textContent()).toMatch(/\d+秒后重发/);
    const { messages } = await mock.json(`/sms/dev/outbox?phone=${phone}`);
    await page.locator('.code-input input').fill(messages.at(-1).params.code);
    await page.getByRole('button', { name: '绑定手机' }).click();
    await page.locator('.me__phone').waitFor();
    expect(await page.locator('.me__phone').textContent()).toBe('手机号 139****4321');
  });

  it('asks for consent, then passes face verification: level 3 with masked data', async () => {
    await page.getByRole('button', { name: '人脸认证（L3）' }).click();
    await page.getByRole('button', { name: '开始人脸识别' }).click();
    await page.getByText('人脸识别需要您单独同意采集人脸信息').waitFor();
    await page
      .locator('.consent taro-checkbox-core, .consent .weui-check, .consent [aria-label="同意采集人脸信息"]')
      .first()
      .click();
    await page.getByRole('button', { name: '开始人脸识别' }).click();
    await page.getByText('模拟：本人，识别通过').click();
    await page.locator('.level', { hasText: 'L3 已实名 + 人脸认证' }).waitFor();
    await page.locator('.consent').waitFor({ state: 'detached' }); // the face page has left
    const text = await page.locator('.me').textContent();
    expect(text).toContain(maskIdNumber(who.idNumber));
    expect(text).not.toContain(who.idNumber);
    expect(text).not.toContain(who.name);
    expect(text).not.toContain('13987654321');
    await screenshot(page, 'h5-me-level3');
    expect(errors).toEqual([]);
  });

  it('takes a newcomer who taps a tile that needs real name to its screen first, which asks for verification and comes back after', async () => {
    const { page: fresh } = await phonePage(browser);
    await fresh.addInitScript((url) => localStorage.setItem('citizen.simulatorUrl', url), mock.url);
    const newcomer = (await mock.json('/population/dev/people?count=1&offset=78')).people[0];
    await fresh.goto(bff.url);
    await fresh.locator('.home__search-input input').fill('公积金余额');
    await fresh.getByRole('button', { name: '公积金余额查询' }).click();
    await fresh.getByText('“公积金余额查询”需要登录后使用。').waitFor();
    await fresh.getByText('登录', { exact: true }).click();
    // The records screen opens first and says what it needs and why (level prompts come after the citizen sees the service).
    await fresh.getByText('查看您的记录需要先完成实名认证，以确认是您本人。').waitFor();
    await fresh.getByRole('button', { name: '去认证' }).click();
    await fresh.locator('.name-input input').fill(newcomer.name);
    await fresh.getByRole('button', { name: '身份证号，点击输入' }).click();
    for (const key of newcomer.idNumber) await fresh.locator(`.id-keyboard__key[data-key="${key}"]`).click();
    await fresh.getByRole('button', { name: '完成输入' }).click();
    await fresh.getByRole('checkbox', { name: /我已阅读并同意隐私政策和用户协议/ }).click();
    await fresh.getByRole('button', { name: '提交认证' }).click();
    await fresh.locator('.records--providentFund .records__balance, .records--providentFund .state').first().waitFor();
    // (The title bar's back, by keyboard too, is h5-ux.test.ts's.)
    await fresh.context().close();
  });
});
