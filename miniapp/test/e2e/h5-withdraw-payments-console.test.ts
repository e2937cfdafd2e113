import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { faceAndPhone, launchBrowser, screenshot, seriousViolations, verifiedCitizenPage } from './browser';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

jest.setTimeout(240_000);

const REPO = path.resolve(__dirname, '../../..');

/**
 * Issue 16 on screen: a citizen withdraws an application waiting for its fee (撤回, with a
 * confirmation; normal, elder and English), and the console's 缴费管理: a publisher finds
 * a paid fee by its application number and asks for a refund, which they cannot approve
 * themselves; a second publisher approves it; the day's reconciliation report is listed.
 * axe-core finds nothing critical or serious on any of these screens.
 */
describe('withdrawing and the console payments view in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let token: string;

  const json = async (url: string, init?: RequestInit) =>
    (
      await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } })
    ).json() as Promise<any>;
  const gql = async (query: string, variables: Record<string, unknown>, auth?: string) => {
    const body = await json(`${bff.url}/graphql`, {
      method: 'POST',
      headers: auth ? { authorization: `Bearer ${auth}` } : {},
      body: JSON.stringify({ query, variables }),
    });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  /** The endorsement as the app sends it, for the account behind `auth`. */
  const submitEndorsement = async (auth: string) => {
    const form = (
      await gql(
        'query($s: ID!) { applicationForm(serviceId: $s) { licences { id kind } prefilled { fieldId } choices { fieldId options { value } } } }',
        { s: 'hk-macao-endorsement' },
        auth,
      )
    ).applicationForm;
    const answers: Record<string, string> = {
      idCard: form.licences.find((l: { kind: string }) => l.kind === 'ID_CARD').id,
      permitNumber: 'C12345678',
      endorsementType: 'tourism',
      visits: '1',
    };
    for (const { fieldId } of form.prefilled as Array<{ fieldId: string }>) delete answers[fieldId];
    for (const choice of form.choices as Array<{ fieldId: string; options: Array<{ value: string }> }>) {
      answers[choice.fieldId] = choice.options[0]!.value;
      if (choice.fieldId === 'permit') delete answers.permitNumber;
    }
    return (
      await gql(
        'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number status payment { id } } }',
        { s: 'hk-macao-endorsement', a: answers, k: `e2e-wd-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` },
        auth,
      )
    ).submitApplication;
  };
  const operator = (username: string, role: string, password: string) => {
    const created = spawnSync(
      path.join(REPO, 'node_modules/.bin/tsx'),
      ['bff/src/modules/operators/cli.ts', '--username', username, '--role', role],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: bff.dataDir, OPERATOR_PASSWORD: password },
      },
    );
    expect(created.status).toBe(0);
  };
  const expectAccessible = async (p: Page) => expect(await seriousViolations(p)).toEqual([]);

  beforeAll(async () => {
    mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, OUTBOX_POLL_MS: '200', DEPARTMENT_POLL_MS: '200' });
    // Before any request: the CLI blocks this process for seconds, and a kept-alive socket would go stale meanwhile.
    operator('pay-clerk-a', 'publisher', 'pay-console-pass-2026a');
    operator('pay-clerk-b', 'publisher', 'pay-console-pass-2026b');
    operator('pay-admin', 'admin', 'pay-console-pass-2026c');
    browser = await launchBrowser();
    ({ page, token } = await verifiedCitizenPage(browser, { bff: bff.url, mock: mock.url }, 'offset=300&has=permit'));
    await faceAndPhone({ bff: bff.url, mock: mock.url }, token, `136${String(Date.now()).slice(-8)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('withdraws an application after confirming, in normal, elder and English', async () => {
    const app = await submitEndorsement(token);
    expect(app.status).toBe('AWAITING_PAYMENT');
    const url = `${bff.url}/#/pages/application/index?id=${encodeURIComponent(app.id)}`;
    for (const [mode, prefs, label] of [
      ['en', { locale: 'en', elder: false, textSize: 'large' }, 'Withdraw'],
      ['elder', { locale: 'zh', elder: true, textSize: 'large' }, '撤回申请'],
      ['normal', { locale: 'zh', elder: false, textSize: 'large' }, '撤回申请'],
    ] as const) {
      await page.goto(url);
      await page.evaluate((p) => localStorage.setItem('citizen.preferences', JSON.stringify({ data: p })), prefs);
      await page.reload();
      const button = page.locator('.application__withdraw-button').first();
      await button.waitFor();
      expect(await button.textContent()).toContain(label);
      await button.scrollIntoViewIfNeeded();
      await screenshot(page, `h5-withdraw-${mode}`);
      await expectAccessible(page);
    }
    // Normal mode: the platform's modal asks first; 不撤回 leaves it as it was.
    await page.locator('.application__withdraw-button').first().click();
    await page.getByText('确认撤回').waitFor();
    await screenshot(page, 'h5-withdraw-confirm');
    await page.getByText('不撤回').click();
    expect(
      (await gql('query($id: ID!) { application(id: $id) { status } }', { id: app.id }, token)).application.status,
    ).toBe('AWAITING_PAYMENT');
    await page.locator('.application__withdraw-button').first().click();
    await page.getByText('确认撤回').click();
    await page.getByText('申请已撤回。如需办理，请重新申请。').waitFor();
    expect(await page.locator('.application__withdraw-button').count()).toBe(0);
    await page.locator('.application__status').getByText('已撤回').waitFor();
    await screenshot(page, 'h5-withdrawn');
    await expectAccessible(page);
    expect(
      (await gql('query($id: ID!) { application(id: $id) { status withdrawal { outcome } } }', { id: app.id }, token))
        .application,
    ).toEqual({ status: 'WITHDRAWN', withdrawal: { outcome: 'WITHDRAWN' } });
  });

  it('finds a paid fee in the console, asks for a refund, and has it approved by a second operator; the reconciliation report is listed', async () => {
    // A fee paid on WeChat by another citizen (through the API and the platform simulator).
    const user = `e2e-payer-${Date.now()}`;
    const { code } = await json(`${mock.url}/wechat/dev/login-code`, {
      method: 'POST',
      body: JSON.stringify({ user }),
    });
    const payer = (
      await gql('mutation($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }', { c: code })
    ).login.accessToken as string;
    const [who] = (await json(`${mock.url}/population/dev/people?count=1&offset=340&has=permit`)).people;
    await gql(VERIFY_REAL_NAME, { n: who.name, i: who.idNumber }, payer);
    await faceAndPhone({ bff: bff.url, mock: mock.url }, payer, `135${String(Date.now()).slice(-8)}`);
    const app = await submitEndorsement(payer);
    const started = (
      await gql(
        'mutation($p: ID!) { startPayment(paymentId: $p, channel: WECHAT) { wechat { package } } }',
        { p: app.payment.id },
        payer,
      )
    ).startPayment;
    await json(`${mock.url}/wechat/dev/pay/${started.wechat.package.slice('prepay_id='.length)}`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'paid' }),
    });
    for (let i = 0; i < 100; i++) {
      if (
        (await gql('query($id: ID!) { application(id: $id) { payment { status } } }', { id: app.id }, payer))
          .application.payment.status === 'SETTLED'
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const admin = (
      await gql('mutation($u: String!, $p: String!) { operatorSignIn(username: $u, password: $p) { token } }', {
        u: 'pay-admin',
        p: 'pay-console-pass-2026c',
      })
    ).operatorSignIn.token;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await gql('mutation($d: String!) { runPaymentReconciliation(day: $d) { day } }', { d: today }, admin);

    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const signIn = async (username: string, password: string) => {
      const p = await desktop.newPage();
      await p.goto(`${bff.url}/#/operator/pages/login/index`);
      await p.evaluate(() => localStorage.removeItem('operator.session'));
      await p.reload();
      await p.locator('.op-username input').fill(username);
      await p.locator('.op-password input').fill(password);
      await p.getByRole('button', { name: '登录后台' }).click();
      await p.locator('.console__who').first().waitFor();
      await p.goto(`${bff.url}/#/operator/pages/payments/index`);
      await p.locator('.payments__query input').waitFor();
      return p;
    };

    // The page opens on every payment; a search by the application number narrows the
    // list to this one. Waiting for the narrowed list (not for any row) is what keeps
    // the opening list from being read as the answer.
    const findByNumber = async (p: Page) => {
      await p.locator('.payments__query input').fill(app.number);
      await p.getByRole('button', { name: '查找' }).click();
      await p.waitForFunction(
        () =>
          !document.querySelector('.payments__searching') && document.querySelectorAll('.payments__row').length === 1,
      );
      expect(await p.locator('.payments__row').first().textContent()).toContain(app.number);
      await p.locator('.payments__row').first().click();
    };

    const first = await signIn('pay-clerk-a', 'pay-console-pass-2026a');
    await first.getByText(`${today}：本系统`).waitFor();
    await findByNumber(first);
    await first.locator('.payments__detail').getByText(app.number, { exact: false }).waitFor();
    await screenshot(first, 'h5-console-payments-detail');
    await expectAccessible(first);
    await first.locator('.payments__reason input').fill('重复缴费，核实后退款');
    await first.getByRole('button', { name: '申请退款' }).click();
    await first.getByText('您发起的退款须由另一位操作员批准。').waitFor();
    expect(await first.getByRole('button', { name: '批准退款' }).count()).toBe(0);
    await screenshot(first, 'h5-console-payments-requested');
    await first.close();

    const second = await signIn('pay-clerk-b', 'pay-console-pass-2026b');
    await findByNumber(second);
    await second.getByRole('button', { name: '批准退款' }).click();
    await second.getByText('已批准，退款将原路退回').waitFor();
    await second.locator('.payments__request').getByText('pay-clerk-b 已批准').waitFor();
    await screenshot(second, 'h5-console-payments-approved');
    await expectAccessible(second);
    for (let i = 0; i < 100; i++) {
      if (
        (await gql('query($id: ID!) { application(id: $id) { payment { status } } }', { id: app.id }, payer))
          .application.payment.status === 'REFUNDED'
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(
      (await gql('query($id: ID!) { application(id: $id) { payment { status } } }', { id: app.id }, payer)).application
        .payment.status,
    ).toBe('REFUNDED');
  });
});
