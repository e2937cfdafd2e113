import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { graphqlClient, launchBrowser, phonePage, screenshot } from './browser';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

jest.setTimeout(120_000);

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's critical and serious findings on the page as it is now (WCAG 2.1 A/AA rules). */
async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; targets: string[] }>> {
  // Evaluated through the devtools protocol: the app's CSP (rightly) refuses inline scripts.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }>;
        };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * Someone who knows a citizen's name and ID number signs in on another platform and
 * "verifies" as them. The H5 app does not let them in: it asks for proof of
 * possession, offering face or a code to the citizen's bound phone (masked). The real
 * person, who has the phone, gets in; the screen is looked at in normal, elder and
 * English mode and checked with axe-core.
 */
describe('joining an identity already in use, in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let who: { idNumber: string; name: string };
  const phone = '13712345678';

  const gql = (query: string, variables: Record<string, unknown>, token?: string) =>
    graphqlClient(bff.url)(query, variables, token);

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url });
    who = (await mock.json('/population/dev/people?count=1&offset=311')).people[0];
    // The citizen uses the app on WeChat, with this phone bound.
    const { code } = await mock.json('/wechat/dev/login-code', {
      method: 'POST',
      body: JSON.stringify({ user: `owner-${Date.now()}` }),
    });
    const token = (
      await gql('mutation($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }', { c: code })
    ).data.login.accessToken;
    await gql(VERIFY_REAL_NAME, { n: who.name, i: who.idNumber }, token);
    await gql('mutation($p: String!) { sendPhoneCode(phone: $p) { maskedPhone } }', { p: phone }, token);
    const sms = (await mock.json(`/sms/dev/outbox?phone=${phone}`)).messages.at(-1).params.code;
    await gql(
      'mutation($p: String!, $c: String!) { bindPhone(phone: $p, code: $c) { level } }',
      { p: phone, c: sms },
      token,
    );

    browser = await launchBrowser();
    ({ page, errors } = await phonePage(browser));
    await page.addInitScript((url) => localStorage.setItem('citizen.simulatorUrl', url), mock.url);
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('asks the newcomer to prove it is them, showing only the masked bound phone', async () => {
    await page.goto(`${bff.url}/#/pages/me/index`);
    await page.getByRole('button', { name: '去实名认证' }).click();
    await page.locator('.name-input input').fill(who.name);
    await page.getByRole('button', { name: '身份证号，点击输入' }).click();
    for (const key of who.idNumber) await page.locator(`.id-keyboard__key[data-key="${key}"]`).click();
    await page.getByRole('button', { name: '完成输入' }).click();
    await page.getByRole('checkbox', { name: /我已阅读并同意隐私政策和用户协议/ }).click();
    await page.getByRole('button', { name: '提交认证' }).click();
    await page.getByText('方式二：发送验证码到已绑定手机 137****5678').waitFor();
    expect(await page.getByRole('button', { name: '用人脸识别确认' }).isVisible()).toBe(true);
    await page.waitForTimeout(500); // the page's slide-in
    await screenshot(page, 'h5-link-proof');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reads well in elder mode and in English', async () => {
    const url = page.url();
    await page.evaluate(() =>
      localStorage.setItem(
        'citizen.preferences',
        JSON.stringify({ data: { locale: 'zh', elder: true, textSize: 'large' } }),
      ),
    );
    await page.reload();
    await page.locator('.screen--elder').getByText('方式二：发送验证码到已绑定手机 137****5678').waitFor();
    await screenshot(page, 'h5-link-proof-elder');
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() =>
      localStorage.setItem(
        'citizen.preferences',
        JSON.stringify({ data: { locale: 'en', elder: false, textSize: 'large' } }),
      ),
    );
    await page.reload();
    await page.getByText('Option 2: a code to the bound phone 137****5678').waitFor();
    await screenshot(page, 'h5-link-proof-en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() =>
      localStorage.setItem(
        'citizen.preferences',
        JSON.stringify({ data: { locale: 'zh', elder: false, textSize: 'large' } }),
      ),
    );
    await page.reload();
    await page.getByText('方式二：发送验证码到已绑定手机 137****5678').waitFor();
    expect(page.url()).toBe(url);
  });

  it('lets in the person who holds the phone: level 2 on Me', async () => {
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('验证码已发送至 137****5678，5分钟内有效').waitFor();
    const sent = (await mock.json(`/sms/dev/outbox?phone=${phone}`)).messages.at(-1);
    expect(sent.templateId).toBe('LINK_CODE');
    // Keyboard only: focus the code box, type, and press the confirm button with Enter.
    await page.locator('.code-input input').focus();
    await page.keyboard.type(sent.params.code);
    await page.getByRole('button', { name: '确认', exact: true }).click();
    await page.locator('.level', { hasText: 'L2 已实名认证' }).waitFor();
    expect(await page.locator('.me__row', { hasText: '微信' }).count()).toBe(1);
    await page.waitForTimeout(500);
    await screenshot(page, 'h5-link-proof-joined');
    expect(errors).toEqual([]);
  });
});
