import type { Browser, Page } from 'playwright-core';
import { maskName } from '@citizen/shared';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, screenshot, verifiedCitizenPage } from './browser';

jest.setTimeout(120_000);

/**
 * A verified citizen in the H5 build finds a service by its pinyin initials, reads what
 * it needs, fills the form (what the government holds is already there, locked),
 * submits once, and watches the application move to approved as the department decides.
 */
describe('applying for a service in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let who: { idNumber: string; name: string };
  beforeAll(async () => {
    mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, OUTBOX_POLL_MS: '200', DEPARTMENT_POLL_MS: '200' });
    browser = await launchBrowser();
    // The citizen verified their real name before (level 2), on this same simulated H5 account.
    ({ page, errors, who } = await verifiedCitizenPage(
      browser,
      { bff: bff.url, mock: mock.url },
      'offset=120&has=social-insurance',
    ));
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('finds the social insurance record by "sbjf" and shows what it needs', async () => {
    await page.goto(`${bff.url}/#/pages/services/index`);
    await page.locator('.services__search input').fill('sbjf');
    const result = page.locator('.services__result', { hasText: '社保缴费证明' });
    await result.waitFor();
    await screenshot(page, 'h5-apply-search');
    await result.click();
    // Nobody has signed in in this browser yet: the tile asks first (the platform login then finds the verified account).
    await page.getByText('“社保缴费证明”需要登录后使用。').waitFor();
    await page.getByText('登录', { exact: true }).click();
    await page.locator('.service__start').waitFor();
    const text = await page.locator('.service').textContent();
    expect(text).toContain('社会保险事业局');
    expect(text).toContain('免费');
  });

  it('opens the form with name, ID number and insured city filled in and locked', async () => {
    await page.locator('.service__start').click();
    await page.locator('.apply__review').waitFor();
    await page.locator('.field--locked').first().waitFor();
    const locked = await page.locator('.field--locked').allTextContents();
    expect(locked.join(' ')).toContain(maskName(who.name));
    expect(locked.join(' ')).not.toContain(who.idNumber);
    expect(await page.locator('.field--name input').count()).toBe(0);
    await screenshot(page, 'h5-apply-form');
  });

  it('checks inline, then submits once and shows the application number', async () => {
    await page.locator('.apply__review').click();
    await page.locator('.field--months .field__error, .field--months [role="alert"]').first().waitFor();
    await page.getByRole('radio', { name: '近12个月' }).click();
    await page.getByRole('radio', { name: '购房' }).click();
    await page.getByRole('radio', { name: '电子证明' }).click();
    await page.locator('.apply__review').click();
    await page.locator('.apply__submit').waitFor();
    await screenshot(page, 'h5-apply-review');
    await page.locator('.apply__submit').click();
    // 提交成功 first: the number, what happens next; then on to the application.
    await page.locator('.submitted__title', { hasText: '提交成功' }).waitFor();
    await page.getByRole('button', { name: '查看办件进度' }).click();
    await page.locator('.application__status').waitFor();
    expect(await page.locator('.application__status').textContent()).toContain('已提交');
    expect(await page.locator('.application').textContent()).toMatch(/SQ\d{16}/);
  });

  it('moves to approved as the department decides, without a reload', async () => {
    const number = /SQ\d{16}/.exec((await page.locator('.application').textContent()) ?? '')![0];
    for (
      let i = 0;
      i < 50 && !(await mock.json(`/social-insurance/dev/applications?reference=${number}`)).applications.length;
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    for (const status of ['ACCEPTED', 'IN_REVIEW', 'APPROVED']) {
      await mock.json(`/social-insurance/dev/applications/${number}/decide`, {
        method: 'POST',
        body: JSON.stringify({ status }),
      });
    }
    await page.locator('.application__status', { hasText: '审批通过' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'h5-apply-approved');
    // And the Messages tab has the news.
    await page.goto(`${bff.url}/#/pages/messages/index`);
    await page.locator('.messages__row', { hasText: '审批通过' }).first().waitFor();
    expect(errors).toEqual([]);
  });
});
