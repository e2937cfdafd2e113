import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot, setViewMode } from './browser';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

jest.setTimeout(180_000);

/**
 * A face-verified citizen on H5 sent an HK/Macao endorsement application (two
 * endorsements, 15 元 each): it waits for its fee. From the application page 去缴费
 * opens the pay page (30.00 元, 人民币叁拾元整), the H5 cashier takes the money and
 * sends the browser back, and the page shows the finance bureau's electronic receipt
 * once the platform's notification (not the browser) has said it is paid. The receipt
 * is kept in 我的票据 and in Messages. Completed by the bureau, the endorsement is
 * issued to the wallet and shown on the application, and the citizen rates the case
 * (好差评) once; a low rating says it is being followed up.
 */
describe('paying an endorsement fee in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let applicationId: string;
  let applicationNumber: string;

  const json = async (url: string, init?: RequestInit) =>
    (
      await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } })
    ).json() as Promise<any>;
  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const body = await json(`${bff.url}/graphql`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: JSON.stringify({ query, variables }),
    });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  beforeAll(async () => {
    mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, OUTBOX_POLL_MS: '200', DEPARTMENT_POLL_MS: '200' });
    browser = await launchBrowser();

    // Step 1: an H5 account, verified by name and ID number, then by face (level 3), with a phone.
    const user = `h5-payer-${Date.now()}`;
    const [who] = (await json(`${mock.url}/population/dev/people?count=1&offset=420`)).people;
    const { code } = await json(`${mock.url}/wechat/dev/login-code`, {
      method: 'POST',
      body: JSON.stringify({ user }),
    });
    const token = (await gql('mutation($c: String!) { login(platform: H5, code: $c) { accessToken } }', { c: code }))
      .login.accessToken as string;
    await gql(VERIFY_REAL_NAME, { n: who.name, i: who.idNumber }, token);
    const { verifyId } = (await gql('mutation { startFaceVerification(consent: true) { verifyId } }', {}, token))
      .startFaceVerification;
    await json(`${mock.url}/wechat/dev/face/${verifyId}/complete`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'pass' }),
    });
    await gql('mutation($id: ID!) { completeFaceVerification(verifyId: $id) { level } }', { id: verifyId }, token);
    const phone = `139${String(Date.now()).slice(-8)}`;
    await gql('mutation($p: String!) { sendPhoneCode(phone: $p) { maskedPhone } }', { p: phone }, token);
    const { messages } = await json(`${mock.url}/sms/dev/outbox?phone=${phone}`);
    await gql(
      'mutation($p: String!, $c: String!) { bindPhone(phone: $p, code: $c) { maskedPhone } }',
      { p: phone, c: messages.at(-1).params.code },
      token,
    );

    // Step 2: the endorsement application, sent before this browser session (the form itself is tested elsewhere).
    const form = await gql(
      'query($s: ID!) { applicationForm(serviceId: $s) { licences { id kind } prefilled { fieldId } choices { fieldId options { value } } } }',
      { s: 'hk-macao-endorsement' },
      token,
    );
    const idCard = form.applicationForm.licences.find((l: { kind: string }) => l.kind === 'ID_CARD').id;
    const answers: Record<string, string> = {
      idCard,
      permitNumber: 'C12345678',
      endorsementType: 'tourism',
      visits: '2',
    };
    // What the exit-entry bureau holds (the permit and its certified photo, issue 19) is filled in by the server; of several, the first is chosen.
    for (const { fieldId } of form.applicationForm.prefilled as Array<{ fieldId: string }>) delete answers[fieldId];
    for (const choice of form.applicationForm.choices as Array<{
      fieldId: string;
      options: Array<{ value: string }>;
    }>) {
      answers[choice.fieldId] = choice.options[0]!.value;
      if (choice.fieldId === 'permit') delete answers.permitNumber;
    }
    const sent = await gql(
      'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number status } }',
      { s: 'hk-macao-endorsement', a: answers, k: `e2e-pay-${Date.now()}` },
      token,
    );
    expect(sent.submitApplication.status).toBe('AWAITING_PAYMENT');
    ({ id: applicationId, number: applicationNumber } = sent.submitApplication);

    ({ page, errors } = await phonePage(browser));
    await page.addInitScript(
      ([simulator, name]) => {
        localStorage.setItem('citizen.simulatorUrl', simulator);
        localStorage.setItem('citizen.simulatedUser', name);
      },
      [mock.url, user],
    );
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('shows the fee on the application and opens the pay page with the amount in figures and in 大写', async () => {
    await page.goto(`${bff.url}/#/pages/application/index?id=${encodeURIComponent(applicationId)}`);
    await page.locator('.application__status', { hasText: '待缴费' }).waitFor();
    expect(await page.locator('.application__fee').textContent()).toContain('30.00 元');
    await screenshot(page, 'h5-pay-application');
    await page.locator('.application__pay').click();
    await page.locator('.fee__amount').waitFor();
    expect(await page.locator('.fee__amount').textContent()).toBe('30.00 元');
    expect(await page.locator('.fee__capital').textContent()).toBe('人民币叁拾元整');
    expect(await page.locator('.fee__item').textContent()).toBe('往来港澳通行证签注费');
    await screenshot(page, 'h5-pay-page');
  });

  it('pays at the H5 cashier, comes back, and shows the receipt once the notification is in', async () => {
    await page.locator('.payment__pay').click();
    await page.waitForURL(/\/wechat\/dev\/cashier\//);
    expect(await page.locator('#amount').textContent()).toBe('¥30.00');
    await screenshot(page, 'h5-pay-cashier');
    await page.locator('#pay').click();
    await page.waitForURL((url) => url.href.startsWith(bff.url));
    await page.locator('.receipt__number').waitFor({ timeout: 30_000 });
    const receipt = await page.locator('.receipt').textContent();
    expect(receipt).toMatch(/\d{14}/);
    expect(receipt).toMatch(/校验码\s*\d{6}/);
    expect(await page.locator('.fee__status').textContent()).toBe('已缴费');
    await screenshot(page, 'h5-pay-receipt');
    // Paid, the application went to the exit-entry bureau, once.
    const cases = await json(`${mock.url}/exit-entry/dev/applications?reference=${applicationNumber}`);
    expect(cases.applications).toHaveLength(1);
  });

  it('keeps the receipt in 我的票据 and in Messages', async () => {
    const number = /\d{14}/.exec((await page.locator('.receipt__number').textContent()) ?? '')![0];
    await page.goto(`${bff.url}/#/pages/receipts/index`);
    await page.locator('.receipts__row', { hasText: number }).waitFor();
    expect(await page.locator('.receipts__row').first().textContent()).toContain('30.00 元');
    await page.goto(`${bff.url}/#/pages/messages/index`);
    await page.locator('.messages__row', { hasText: '缴费成功' }).first().waitFor();
    // In English the item is named in English, on the list and on the receipt.
    await setViewMode(page, { locale: 'en', elder: false });
    await page.goto(`${bff.url}/#/pages/receipts/index`);
    await page.reload();
    await page.locator('.receipts__row', { hasText: number }).waitFor();
    expect(await page.locator('.receipts__row').first().textContent()).toContain('HK and Macao permit endorsement fee');
    await screenshot(page, 'h5-pay-receipts-en');
    await page.locator('.receipts__row').first().click();
    await page.locator('.fee__item', { hasText: 'HK and Macao permit endorsement fee' }).waitFor();
    await screenshot(page, 'h5-pay-receipt-en');
    await setViewMode(page, { locale: 'zh', elder: false });
    await page.reload();
    expect(errors).toEqual([]);
  });

  it('shows the result once the bureau completes it: the endorsement, opened in the wallet', async () => {
    for (const status of ['ACCEPTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED']) {
      await json(`${mock.url}/exit-entry/dev/applications/${applicationNumber}/decide`, {
        method: 'POST',
        body: JSON.stringify({ status }),
      });
    }
    await page.goto(`${bff.url}/#/pages/application/index?id=${encodeURIComponent(applicationId)}`);
    await page.locator('.application__result', { hasText: '往来港澳通行证签注' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.application__status').textContent()).toContain('已办结');
    await screenshot(page, 'h5-pay-result');
    await page.locator('.application__open-result').click();
    // The licence page's own title: the application page stays in the DOM (hidden) under it.
    await page.locator('.licence__title', { hasText: '往来港澳通行证签注' }).waitFor();
    await screenshot(page, 'h5-pay-result-licence');
    await page.goto(`${bff.url}/#/pages/documents/index`);
    await page.locator('.documents__row', { hasText: '往来港澳通行证签注' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('rates the finished case once; a low rating is followed up', async () => {
    await page.goto(`${bff.url}/#/pages/application/index?id=${encodeURIComponent(applicationId)}`);
    await page.locator('.application__rate-button').click();
    await page.locator('.rate__level', { hasText: '不满意' }).first().waitFor();
    await page.getByRole('radio', { name: /^○ 不满意$/ }).click();
    // Indicators appear for a low rating.
    await page.getByRole('checkbox', { name: /办事效率/ }).click();
    await page.locator('.rate__text textarea').fill('签注等了很久');
    await screenshot(page, 'h5-pay-rate');
    await page.locator('.rate__send').click();
    await page.locator('.rate__done').waitFor();
    expect(await page.locator('.rate__following-up').textContent()).toContain('尽快与您联系');
    const [sent] = (await json(`${mock.url}/evaluation/dev/ratings?caseNumber=${applicationNumber}`)).ratings;
    for (let i = 0; i < 50 && !sent; i++) await new Promise((r) => setTimeout(r, 100));
    await page.goto(`${bff.url}/#/pages/application/index?id=${encodeURIComponent(applicationId)}`);
    await page.locator('.application__rating', { hasText: '不满意' }).waitFor();
    expect(await page.locator('.application__following-up').count()).toBe(1);
    expect(await page.locator('.application__rate-button').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
