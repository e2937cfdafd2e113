import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, screenshot, seriousViolations, verifiedCitizenPage } from './browser';

jest.setTimeout(240_000);

/**
 * 生活缴费 in the H5 build: a verified citizen opens 水费, binds their water account (a
 * mistyped number is refused under the field), sees the bill the water company states,
 * pays it at the H5 cashier and sees the receipt once the platform's notification and the
 * company's confirmation are in; the receipt is kept in 我的票据 and Messages. The bill
 * page in elder mode and in English; axe finds nothing serious on the screens.
 */
describe('paying a water bill in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let accountNo: string;
  let billNo: string;
  let amount: string;

  const json = async (url: string, init?: RequestInit) =>
    (
      await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } })
    ).json() as Promise<any>;
  const setPreferences = (prefs: Record<string, unknown>) =>
    page.evaluate((p) => localStorage.setItem('citizen.preferences', JSON.stringify({ data: p })), prefs);
  const noSerious = async () => expect(await seriousViolations(page)).toEqual([]);

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, OUTBOX_POLL_MS: '200' });
    browser = await launchBrowser();
    // Someone the register and the water company both know, with a bill due.
    let offset = 700;
    for (; ; offset++) {
      const [who] = (await json(`${mock.url}/population/dev/people?count=1&offset=${offset}`)).people;
      const { accounts } = await json(`${mock.url}/water/dev/accounts?holderIdNumber=${who.idNumber}`);
      if (accounts[0]?.due.length) {
        accountNo = accounts[0].accountNo;
        billNo = accounts[0].due[0].billNo;
        amount = (accounts[0].due[0].amountFen / 100).toFixed(2);
        break;
      }
    }
    ({ page, errors } = await verifiedCitizenPage(browser, { bff: bff.url, mock: mock.url }, `offset=${offset}`));
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('opens 水费 with nothing bound yet, and refuses a mistyped account number under the field', async () => {
    await page.goto(`${bff.url}/#/fees/pages/bills/index?utility=water`);
    await page.locator('.fees__bind').waitFor();
    expect(await page.locator('.state--empty').textContent()).toContain('还没有绑定户号');
    await noSerious();
    await screenshot(page, 'h5-fees-bills-empty');
    const wrong = `${accountNo.slice(0, -1)}${(Number(accountNo.slice(-1)) + 1) % 10}`;
    await page.locator('.fees__account-no input').fill(wrong);
    await page.locator('.fees__bind').click();
    await page.locator('.field__error', { hasText: '没有找到该户号' }).waitFor();
    await noSerious();
    await screenshot(page, 'h5-fees-bind-wrong-number');
  });

  it('binds the account and shows the bill the water company states', async () => {
    await page.locator('.fees__account-no input').fill(accountNo);
    await page.locator('.fees__bind').click();
    await page.locator('.fees__pay').waitFor({ timeout: 30_000 });
    expect(await page.locator('.fees__due-bill .fees__amount').textContent()).toBe(
      `${Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2 })} 元`,
    );
    expect(await page.locator('.fees__card').first().textContent()).toContain(`${accountNo.slice(0, 4)}`);
    expect(await page.locator('.fees__card').first().textContent()).not.toContain(accountNo);
    expect(await page.locator('.fees__month').count()).toBe(12);
    await noSerious();
    await screenshot(page, 'h5-fees-bill');
    await setPreferences({ locale: 'zh', elder: true, textSize: 'large' });
    await page.reload();
    await page.locator('.screen--elder .fees__pay').waitFor();
    await noSerious();
    await screenshot(page, 'h5-fees-bill-elder');
    await setPreferences({ locale: 'en', elder: false, textSize: 'large' });
    await page.reload();
    await page.locator('.fees__pay', { hasText: 'Pay CNY' }).waitFor();
    await noSerious();
    await screenshot(page, 'h5-fees-bill-en');
    await setPreferences({ locale: 'zh', elder: false, textSize: 'large' });
    await page.reload();
    await page.locator('.fees__pay').waitFor();
  });

  it('pays the bill at the H5 cashier and shows the receipt once the company has it; the bill shows paid', async () => {
    await page.locator('.fees__pay').click();
    await page.locator('.payment__pay').waitFor();
    expect(await page.locator('.fee__item').textContent()).toContain('水费');
    await noSerious();
    await screenshot(page, 'h5-fees-pay');
    await page.locator('.payment__pay').click();
    await page.waitForURL(/\/wechat\/dev\/cashier\//);
    expect(await page.locator('#amount').textContent()).toBe(`¥${amount}`);
    await page.locator('#pay').click();
    await page.waitForURL((url) => url.href.startsWith(bff.url));
    await page.locator('.receipt__number').waitFor({ timeout: 30_000 });
    expect(await page.locator('.fee__status').textContent()).toBe('已缴费');
    expect(await page.locator('.notice--ok').textContent()).toContain('缴费单位已销账');
    await noSerious();
    await screenshot(page, 'h5-fees-receipt');
    const atCompany = await json(`${mock.url}/water/dev/bills/${billNo}`);
    expect(atCompany.status).toBe('PAID');
  });

  it('keeps the receipt in 我的票据 and in Messages', async () => {
    const number = ((await page.locator('.receipt__number').textContent()) ?? '').replace(/\D/g, '');
    await page.goto(`${bff.url}/#/pages/receipts/index`);
    await page.locator('.receipts__row', { hasText: number }).waitFor();
    expect(await page.locator('.receipts__row').first().textContent()).toContain('水费');
    await screenshot(page, 'h5-fees-receipts');
    await page.goto(`${bff.url}/#/pages/messages/index`);
    await page.locator('.messages__row', { hasText: '缴费成功' }).first().waitFor();
    expect(errors).toEqual([]);
  });

  it('offers 缴纳罚款 on an unhandled violation, for the fine the traffic police hold', async () => {
    let offset = 900;
    let fine = 0;
    for (; ; offset++) {
      const [who] = (await json(`${mock.url}/population/dev/people?count=1&offset=${offset}`)).people;
      const driver = await json(`${mock.url}/traffic-police/v1/drivers/${who.idNumber}`);
      const open = (driver.violations ?? []).find(
        (v: { handled: boolean; fineCents: number }) => !v.handled && v.fineCents > 0,
      );
      if (open) {
        fine = open.fineCents;
        break;
      }
    }
    const driver = await verifiedCitizenPage(browser, { bff: bff.url, mock: mock.url }, `offset=${offset}`);
    await driver.page.goto(`${bff.url}/#/pages/records/index?type=driving`);
    await driver.page.locator('.fine__pay').first().waitFor({ timeout: 30_000 });
    expect(await seriousViolations(driver.page)).toEqual([]);
    await screenshot(driver.page, 'h5-fees-fine-button');
    await driver.page.locator('.fine__pay').first().click();
    await driver.page.locator('.payment__pay').waitFor();
    expect(await driver.page.locator('.fee__item').textContent()).toContain('交通违法罚款');
    expect(await driver.page.locator('.fee__amount').textContent()).toContain((fine / 100).toFixed(2));
    await screenshot(driver.page, 'h5-fees-fine-pay');
    expect(driver.errors).toEqual([]);
  });
});
