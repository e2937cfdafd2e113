import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot, seriousViolations, verifiedCitizenPage } from './browser';

jest.setTimeout(180_000);

type Mode = { name: string; locale: 'zh' | 'en'; elder: boolean };
const MODES: Mode[] = [
  { name: 'normal', locale: 'zh', elder: false },
  { name: 'elder', locale: 'zh', elder: true },
  { name: 'en', locale: 'en', elder: false },
];

/** The citizen's preferences as the app stores them, then a reload so the page reads them. */
async function useMode(page: Page, mode: Mode): Promise<void> {
  await page.evaluate(
    (m) =>
      localStorage.setItem(
        'citizen.preferences',
        JSON.stringify({ data: { locale: m.locale, elder: m.elder, textSize: m.elder ? 'large' : 'standard' } }),
      ),
    mode,
  );
  await page.reload();
}

/**
 * 查 and 问 for a verified citizen in the H5 build: the provident fund balance from its
 * home tile, the traffic violations, a question to 12345 whose reply arrives in
 * Messages, and a progress lookup by number and query code by someone not signed in.
 * The records screen and the ask page are looked at in normal, elder and English mode
 * and checked with axe-core.
 */
describe('查 and 问 in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let token: string;
  let who: { idNumber: string; name: string };

  const gql = async (query: string, variables: Record<string, unknown> = {}) =>
    (
      await fetch(`${bff.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      })
    ).json() as Promise<any>;

  beforeAll(async () => {
    mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
    // The hotline's feed is read every 200 ms, so a reply reaches Messages within the test's patience.
    bff = await startBffProcess({
      AGENCY_BASE_URL: mock.url,
      HOTLINE_POLL_MS: '200',
      DEPARTMENT_POLL_MS: '200',
      OUTBOX_POLL_MS: '200',
    });
    // Someone the provident fund and social insurance know, with a traffic violation not yet handled.
    const has = 'has=provident-fund,social-insurance';
    const { people } = await mock.json(`/population/dev/people?count=100&offset=200&${has}`);
    const { drivers } = await mock.json('/traffic-police/v1/drivers/batch', {
      method: 'POST',
      body: JSON.stringify({ idNumbers: people.map((p: { idNumber: string }) => p.idNumber) }),
    });
    const index = drivers.findIndex((d: { violations?: Array<{ handled: boolean }> } | null) =>
      d?.violations?.some((v) => !v.handled),
    );
    if (index < 0) throw new Error('no driver with an open violation among 100 people');
    browser = await launchBrowser();
    ({ page, errors, who, token } = await verifiedCitizenPage(
      browser,
      { bff: bff.url, mock: mock.url },
      `offset=${200 + index}&${has}`,
    ));
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('opens 公积金余额查询 from its home tile and shows the balance in 元 with thousands separators', async () => {
    const expected = (await gql('{ myRecords { providentFund { balanceCents employer } } }')).data.myRecords
      .providentFund;
    await page.goto(bff.url);
    const tile = page.locator('.tile[data-tile-id="pf-balance"]', { hasText: '公积金余额查询' });
    await tile.scrollIntoViewIfNeeded();
    await tile.click();
    // Nobody has signed in in this browser yet: the tile asks, and the platform login finds the verified account.
    await page.getByText('“公积金余额查询”需要登录后使用。').waitFor();
    await page.getByText('登录', { exact: true }).click();
    const balance = page.locator('.records__balance .records__amount');
    await balance.waitFor();
    const shown = (expected.balanceCents / 100).toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(await balance.textContent()).toBe(`${shown} 元`);
    expect(await page.locator('.records').textContent()).toContain(expected.employer);
    expect(await page.locator('.records').textContent()).not.toContain(who.idNumber);
    expect(page.url()).toContain('/pages/records/index?type=providentFund');
  });

  it('reads well in normal, elder and English mode, with no serious accessibility finding', async () => {
    for (const mode of MODES) {
      await useMode(page, mode);
      await page.locator(`.records__balance .records__amount`).waitFor();
      if (mode.elder) await page.locator('.screen--elder').waitFor();
      if (mode.locale === 'en') await page.getByText('Balance', { exact: true }).waitFor();
      await page.waitForTimeout(400); // the page's slide-in
      await screenshot(page, `h5-records-pf-${mode.name}`);
      expect({ mode: mode.name, violations: await seriousViolations(page) }).toEqual({
        mode: mode.name,
        violations: [],
      });
    }
    await useMode(page, MODES[0]!);
  });

  it('lists the traffic violations with time, place, fine and points, the open one marked', async () => {
    const { violations } = (
      await gql('{ myRecords { driving { violations { id act place fineCents points handled } } } }')
    ).data.myRecords.driving;
    await page.goto(`${bff.url}/#/pages/records/index?type=driving`);
    // The router may keep the earlier records page (same path, other type) in the DOM, hidden: look at the shown one only.
    await page
      .locator('.records__heading:visible', { hasText: /^交通违法$/ })
      .first()
      .waitFor();
    const cards = page.locator('.records__card:visible', { hasText: '地点' });
    await cards.first().waitFor();
    expect(await cards.count()).toBe(violations.length);
    const open = violations.find((v: { handled: boolean }) => !v.handled);
    const card = page.locator('.records__card--open:visible', { hasText: open.place }).first();
    const text = await card.textContent();
    expect(text).toContain(open.act);
    expect(text).toContain(`${(open.fineCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} 元`);
    expect(text).toContain('未处理');
    await screenshot(page, 'h5-records-violations');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('asks 12345 a question; the reply arrives in Messages', async () => {
    await page.goto(`${bff.url}/#/pages/ask/index`);
    await page.locator('.ask__question textarea').waitFor();
    for (const mode of MODES) {
      await useMode(page, mode);
      await page.locator('.ask__question textarea').waitFor();
      if (mode.elder) await page.locator('.screen--elder').waitFor();
      if (mode.locale === 'en') await page.getByRole('button', { name: 'Send' }).waitFor();
      await page.waitForTimeout(400);
      await screenshot(page, `h5-ask-${mode.name}`);
      expect({ mode: mode.name, violations: await seriousViolations(page) }).toEqual({
        mode: mode.name,
        violations: [],
      });
    }
    await useMode(page, MODES[0]!);

    const question = '请问公积金提取后多久到账？需要本人到窗口吗？';
    await page.locator('.ask__question textarea').fill(question);
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const row = page.locator('.consultation', { hasText: question });
    await row.waitFor();
    expect(page.url()).toContain('/pages/consultations/index');

    // The question reaches the hotline through the outbox (on a busy machine not at once): wait for its ticket.
    let ticket: { ticketNo: string; question: string } | undefined;
    for (let i = 0; i < 100 && !ticket; i++) {
      const { tickets } = await mock.json('/hotline/dev/tickets');
      ticket = tickets.find((t: { question: string }) => t.question === question);
      if (!ticket) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(ticket).toBeDefined();
    // The duty officer answers at the hotline; the BFF reads it from the feed.
    const reply = '您好，公积金提取审核通过后1至3个工作日到账，线上办理无需到窗口。';
    await mock.json(`/hotline/dev/tickets/${ticket!.ticketNo}/reply`, {
      method: 'POST',
      body: JSON.stringify({ reply }),
    });

    await page.goto(`${bff.url}/#/pages/messages/index`);
    const message = page.locator('.messages__row', { hasText: '12345已答复您的咨询' });
    for (let i = 0; i < 30 && !(await message.count()); i++) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.locator('.messages').waitFor();
      await page.waitForTimeout(300);
    }
    await message.first().waitFor();
    expect(await message.count()).toBe(1);
    await screenshot(page, 'h5-ask-reply-message');
    // And on the consultation itself, with solved / not solved.
    await page.goto(`${bff.url}/#/pages/consultations/index`);
    await page.locator('.consultation__reply', { hasText: reply }).waitFor();
    expect(errors).toEqual([]);
  });

  it('looks up an application’s progress by number and query code without signing in, showing nothing personal', async () => {
    const submitted = await gql(
      'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { number queryCode } }',
      {
        s: 'si-payment-record',
        a: { months: '12', purpose: 'home', delivery: 'electronic' },
        k: `h5-progress-${Date.now()}`,
      },
    );
    if (!submitted.data) throw new Error(JSON.stringify(submitted.errors));
    const { number, queryCode } = submitted.data.submitApplication;

    // A family member's phone: a fresh browser that never signed in.
    const { page: family, errors: familyErrors } = await phonePage(browser);
    const graphqlBodies: string[] = [];
    family.on('request', (request) => {
      if (request.url().endsWith('/graphql')) graphqlBodies.push(request.postData() ?? '');
    });
    await family.goto(`${bff.url}/#/pages/progress/index`);
    await family.locator('.progress__number input').fill(number);
    await family.locator('.progress__code input').fill('ZZZZZZ');
    await family.getByRole('button', { name: '查询', exact: true }).click();
    await family.locator('.notice').first().waitFor();
    expect(await family.locator('.progress__result').count()).toBe(0);

    await family.locator('.progress__code input').fill(queryCode.toLowerCase());
    await family.getByRole('button', { name: '查询', exact: true }).click();
    const result = family.locator('.progress__result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('社保缴费证明');
    expect(text).toContain(number);
    expect(text).toMatch(/状态：(已提交|已受理|审核中)/);
    expect(text).not.toContain(who.name);
    expect(text).not.toContain(who.idNumber);
    // Nobody signed in: no login, and no session kept in this browser.
    expect(graphqlBodies.some((b) => b.includes('login('))).toBe(false);
    expect(await family.evaluate(() => localStorage.getItem('citizen.session'))).toBeNull();
    await screenshot(family, 'h5-progress-lookup');
    expect(await seriousViolations(family)).toEqual([]);
    expect(familyErrors).toEqual([]);
    await family.context().close();
  });
});
