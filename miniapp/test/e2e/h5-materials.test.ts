import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import {
  VIEW_MODES,
  faceAndPhone,
  launchBrowser,
  screenshot,
  seriousViolations,
  setViewMode,
  verifiedCitizenPage,
} from './browser';

jest.setTimeout(180_000);

interface Registration {
  certificateNumber: string;
  address: string;
  purchasedOn: string;
  purchasePrice: number;
}

/**
 * Zero materials in the browser (issue 19): a face-verified citizen with a provident fund
 * account and two homes on the real estate register goes from home to 购房提取公积金 and on
 * to 提交成功 typing only the amount and the bank card: their details, the fund account and
 * the home come from the agencies, the home picked from their own two. The department
 * receives the home chosen, by reference. The form passes axe-core in normal, elder and
 * English mode.
 */
describe('购房提取公积金 with nothing typed the government holds (H5)', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let who: { idNumber: string; name: string };
  let homes: Registration[];
  let chosen: Registration;
  let token: string;

  const json = async (url: string, init?: RequestInit) =>
    (
      await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } })
    ).json() as Promise<any>;

  beforeAll(async () => {
    mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
    // H5_STATIC_DIR: a copy of the build, when other builds may be rewriting miniapp/dist/h5 meanwhile.
    bff = await startBffProcess({
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '200',
      DEPARTMENT_POLL_MS: '200',
      ...(process.env.H5_STATIC_DIR ? { STATIC_DIR: process.env.H5_STATIC_DIR } : {}),
    });
    browser = await launchBrowser();
    ({ page, errors, who, token } = await verifiedCitizenPage(
      browser,
      { bff: bff.url, mock: mock.url },
      'offset=30&has=provident-fund,two-recent-homes',
    ));
    // Level 3 (the service needs it, and a fresh face to submit) and a bound phone (the form fills it), set up through the API.
    await faceAndPhone({ bff: bff.url, mock: mock.url }, token, `137${String(Date.now()).slice(-8)}`);
    // What the real estate register holds in their name, read directly.
    homes = (await json(`${mock.url}/real-estate/v1/owners/${who.idNumber}`)).properties;
    expect(homes.length).toBe(2);
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  /** The form's required fields that take typing: a visible, enabled text box (the rest are locked, filled or taps). */
  const typedFields = () =>
    page
      .locator('.apply [data-field-id]')
      .evaluateAll((fields) =>
        fields
          .filter(
            (f) =>
              f.querySelector('.field__required') &&
              Array.from(f.querySelectorAll('input, textarea')).some(
                (i) =>
                  (i as HTMLElement).offsetParent !== null &&
                  !(i as HTMLInputElement).disabled &&
                  !(i as HTMLInputElement).readOnly,
              ),
          )
          .map((f) => f.getAttribute('data-field-id')),
      );

  it('goes from home to the form: the applicant, the fund account and the home come from the agencies', async () => {
    await page.goto(bff.url);
    const tile = page.locator('.tile', { has: page.locator('.tile__name', { hasText: '购房提取公积金' }) });
    await tile.waitFor();
    await screenshot(page, 'h5-materials-home');
    await tile.click();
    // Nobody has signed in in this browser yet: the tile asks first (the platform login then finds the verified account).
    await page.getByText('登录', { exact: true }).click();
    await page.locator('.service__start').waitFor();
    expect(await page.locator('.service').textContent()).toContain('自动调取');
    await page.locator('.service__start').click();
    await page.getByText('申请人信息（已自动获取）').waitFor();
    await page.getByRole('radiogroup', { name: '所购房屋' }).waitFor();
    // Two homes on the register: a choice of the citizen's own, nothing typed about either.
    expect(await page.getByRole('radio').count()).toBe(2);
    expect(await typedFields()).toEqual(['amount', 'bankAccount']);
    await screenshot(page, 'h5-materials-from-home');
  });

  it('picks the second home, types the amount and the bank card only, and submits: 提交成功', async () => {
    const second = page.locator('.record-choice').nth(1);
    await second.click();
    const value = await second.getAttribute('data-value');
    chosen = homes.find((h) => h.certificateNumber === value)!;
    expect(chosen).toBeDefined();
    expect(await second.getAttribute('aria-checked')).toBe('true');
    // The chosen home fills its price and date in, locked (grouped with 元).
    const filled = (await page.locator('.record-card--chosen').textContent()) ?? '';
    expect(filled).toContain(chosen.purchasedOn);
    expect(filled.replace(/,/g, '')).toContain(String(chosen.purchasePrice));
    await screenshot(page, 'h5-materials-chosen');

    // All the typing there is: two fields.
    await page.locator('.field--amount input').fill('150000.50');
    await page.locator('.field--bankAccount input').fill('6222 0202 0202 0202 020');
    await page.locator('.apply__review').click();
    await page.locator('.apply__submit').waitFor();
    await screenshot(page, 'h5-materials-review');
    await page.locator('.apply__submit').click();
    await page.locator('.submitted__title', { hasText: '提交成功' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'h5-materials-submitted');
    expect(errors).toEqual([]);
  });

  it('the fund centre receives the home chosen, by reference, with what the register holds of it', async () => {
    const number = /SQ\d{16}/.exec((await page.locator('.submitted').textContent()) ?? '')![0];
    let received: any;
    for (let i = 0; i < 100 && !received; i++) {
      [received] = (await json(`${mock.url}/provident-fund/dev/applications?reference=${number}`)).applications;
      if (!received) await new Promise((r) => setTimeout(r, 200));
    }
    // What the citizen typed (the card's spaces normalised away), and the home chosen: its values as the register holds them, the certificate by reference.
    expect(received).toMatchObject({
      serviceId: 'pf-withdraw-purchase',
      applicant: { idNumber: who.idNumber },
      answers: {
        property: chosen.certificateNumber,
        purchaseDate: chosen.purchasedOn,
        purchasePrice: String(chosen.purchasePrice),
        amount: '150000.50',
        bankAccount: '6222020202020202020',
      },
    });
    expect(received.attachments).toEqual([{ kind: 'record', ref: chosen.certificateNumber, name: 'property' }]);
    // The application as the citizen sees it: the home's values as the register holds them, marked as read from it.
    const { data } = await json(`${bff.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'query { myApplications(first: 1) { items { number answers { fieldId display prefilled } } } }',
      }),
    });
    const [application] = data.myApplications.items;
    expect(application.number).toBe(number);
    const answers = Object.fromEntries(
      (application.answers as Array<{ fieldId: string; display: string; prefilled: boolean }>).map((a) => [
        a.fieldId,
        a,
      ]),
    );
    expect(answers.purchaseDate).toMatchObject({ display: chosen.purchasedOn, prefilled: true });
    expect(answers.purchasePrice).toMatchObject({ prefilled: true });
    expect(answers.purchasePrice!.display.replace(/,/g, '')).toContain(String(chosen.purchasePrice));
    expect(answers.property).toMatchObject({ prefilled: true });
    // Typed: only these two.
    expect(
      Object.values(answers)
        .filter((a) => !a.prefilled)
        .map((a) => a.fieldId)
        .sort(),
    ).toEqual(['amount', 'bankAccount']);
  });

  it('passes axe-core on the form with 0 critical and 0 serious in normal, elder and English mode', async () => {
    const findings: Record<string, unknown[]> = {};
    await page.goto(`${bff.url}/#/pages/apply/index?serviceId=pf-withdraw-purchase`);
    for (const mode of VIEW_MODES) {
      await setViewMode(page, mode);
      await page.reload();
      await page.locator('.record-choice').nth(1).click();
      await page.locator('.record-card--chosen').waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, `h5-materials-form${mode.tag}`);
      findings[mode.tag || 'normal'] = await seriousViolations(page);
    }
    await setViewMode(page, VIEW_MODES[0]);
    expect(findings).toEqual({ normal: [], '-elder': [], '-en': [] });
    expect(errors).toEqual([]);
  });
});
