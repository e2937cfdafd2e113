import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { maskPlate } from '@citizen/shared';
import { launchBrowser, phonePage, screenshot, seriousViolations, verifiedCitizenPage } from './browser';
import { sceneEvidence } from '../../../test-support/car-move';

jest.setTimeout(180_000);

const PREFS = (p: { locale?: 'zh' | 'en'; elder?: boolean }) =>
  JSON.stringify({ data: { locale: p.locale ?? 'zh', elder: p.elder ?? false, textSize: 'large' } });

/** Presses Tab until the focused control's words match, then returns; fails after 80 stops. */
async function tabTo(page: Page, words: RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      return e ? `${e.getAttribute('aria-label') ?? ''} ${e.textContent ?? ''}` : '';
    });
    if (words.test(focused)) return;
  }
  throw new Error(`no tab stop matched ${words}`);
}

/**
 * The screens of issue 13 part A, in the H5 build at phone size: the title bar and back,
 * Messages' header, a keyboard-only application ending on its confirmation, typed
 * answers normalised, the 8-box plate, the owner's branded page, and axe-core on the
 * main screens in normal and elder mode (0 critical, 0 serious), with screenshots in
 * normal, elder and English.
 */
describe('screens people trust, usable by everyone (H5)', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let token: string;
  const findings: Record<string, unknown[]> = {};

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
    ({ page, errors, token } = await verifiedCitizenPage(
      browser,
      { bff: bff.url, mock: mock.url },
      'offset=160&has=social-insurance',
    ));
  });
  /** The car-moving SMS to the owner of `plate` (sent by the outbox shortly after the request). */
  async function waitForSms(plate: string): Promise<{ params: Record<string, string> }> {
    for (let i = 0; i < 100; i++) {
      const { messages } = await mock.json('/sms/dev/outbox');
      const sms = messages.find(
        (m: { templateId: string; params: Record<string, string> }) =>
          m.templateId === 'CAR_MOVE' && m.params.plate === maskPlate(plate),
      );
      if (sms) return sms;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('no car-moving SMS');
  }

  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  async function check(name: string, ready: () => Promise<unknown>) {
    for (const mode of [
      { tag: '', prefs: {} },
      { tag: '-elder', prefs: { elder: true } },
      { tag: '-en', prefs: { locale: 'en' as const } },
    ]) {
      await page.evaluate((p) => localStorage.setItem('citizen.preferences', p), PREFS(mode.prefs));
      await page.reload();
      await ready();
      await page.waitForTimeout(400);
      await screenshot(page, `h5-ux-${name}${mode.tag}`);
      if (mode.tag !== '-en') findings[`${name}${mode.tag}`] = await seriousViolations(page);
    }
    await page.evaluate((p) => localStorage.setItem('citizen.preferences', p), PREFS({}));
  }

  it('lets zoom happen: no user-scalable=no', async () => {
    await page.goto(`${bff.url}/#/pages/me/index`);
    expect(await page.locator('meta[name="viewport"]').getAttribute('content')).not.toMatch(
      /user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\D|$)/,
    );
  });

  it('draws a title bar on every page, with back on pages that are not tabs', async () => {
    await page.goto(`${bff.url}/#/pages/me/index`);
    await page.locator('.title-bar', { hasText: '我的' }).waitFor();
    expect(await page.locator('.title-bar__back').count()).toBe(0);
    await page.getByRole('button', { name: '隐私政策' }).click();
    await page.locator('.title-bar', { hasText: '隐私政策' }).waitFor();
    await page.getByText('收集的信息、目的和保存期限').waitFor();
    const back = page.locator('.title-bar__back:visible');
    expect(await back.textContent()).toContain('返回');
    await screenshot(page, 'h5-ux-title-bar');
    // Back from the keyboard: Tab to it and press Enter.
    await tabTo(page, /返回/);
    await page.keyboard.press('Enter');
    await page.locator('.policy').waitFor({ state: 'detached' });
    // Back on 我的 (Taro keeps earlier pages in the document, hidden: the visible title bar is the page shown).
    await page.locator('.title-bar:visible', { hasText: '我的' }).waitFor();
    expect(await page.locator('.title-bar__back:visible').count()).toBe(0);
  });

  it('a keyboard-only application: the form, the review and the submit, then 提交成功 with the number and what happens next', async () => {
    await page.goto(`${bff.url}/#/pages/apply/index?serviceId=si-payment-record`);
    await page.getByText('申请人信息（已自动获取）').waitFor();
    // The prefilled details are one compact card, not a stack of locked fields.
    expect(await page.locator('.applicant-card .field--locked').count()).toBeGreaterThan(0);
    await screenshot(page, 'h5-ux-form');
    for (const choice of [/近12个月/, /购房/, /电子证明/]) {
      await tabTo(page, choice);
      await page.keyboard.press('Enter');
    }
    await tabTo(page, /下一步：核对信息/);
    await page.keyboard.press('Enter');
    await page.locator('.apply__submit').waitFor();
    await tabTo(page, /确认提交/);
    await page.keyboard.press('Enter');
    await page.locator('.submitted__title', { hasText: '提交成功' }).waitFor({ timeout: 20_000 });
    const text = (await page.locator('.submitted').textContent()) ?? '';
    expect(text).toMatch(/SQ\d{16}/);
    expect(text).toContain('接下来');
    expect(text).toContain('我的办件');
    await screenshot(page, 'h5-ux-submitted');
    findings.submitted = await seriousViolations(page);
    await page.getByRole('button', { name: '查看办件进度' }).click();
    await page.locator('.application__status').waitFor();
  });

  it('shows the Messages header on one line: the count beside a button of its own size', async () => {
    for (const elder of [false, true]) {
      await page.goto(`${bff.url}/#/pages/messages/index`);
      await page.evaluate((p) => localStorage.setItem('citizen.preferences', p), PREFS({ elder }));
      await page.reload();
      await page.locator('.messages__count').waitFor();
      const count = (await page.locator('.messages__count').boundingBox())!;
      const button = (await page.locator('.messages__read-all').boundingBox())!;
      // One line: every fragment of the count's text starts at the same height.
      const lines = await page.locator('.messages__count').evaluate((e) => {
        const range = document.createRange();
        range.selectNodeContents(e);
        return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
      });
      expect(lines).toBe(1);
      expect(button.height).toBeLessThan(80);
      expect(button.width).toBeLessThan(240);
      expect(Math.abs(count.y + count.height / 2 - (button.y + button.height / 2))).toBeLessThan(12);
      await screenshot(page, `h5-ux-messages${elder ? '-elder' : ''}`);
    }
    await page.evaluate((p) => localStorage.setItem('citizen.preferences', p), PREFS({}));
  });

  it('normalises what is typed: full-width brackets and digits, a bank card in groups of four', async () => {
    await page.goto(`${bff.url}/#/pages/apply/index?serviceId=deed-tax-subsidy`);
    await page.locator('.field--certificateNo input').waitFor();
    await page.locator('.field--certificateNo input').fill('粤（２０２６）深圳市不动产权第0012345号');
    await page.locator('.field--certificateNo input').blur();
    await page.locator('.field--bankAccount input').fill(' 6222 0212 3456 7890 ');
    await page.locator('.field--bankAccount input').blur();
    // The amount box is a number keyboard (no commas can be typed there); the preview reads it back grouped, with 大写.
    await page.locator('.field--deedTaxPaid input').fill('3200000');
    await page.locator('.field--deedTaxPaid input').blur();
    await page.waitForTimeout(300);
    expect(
      await page
        .locator(
          '.field--certificateNo [role="alert"], .field--bankAccount [role="alert"], .field--deedTaxPaid [role="alert"]',
        )
        .count(),
    ).toBe(0);
    expect(await page.locator('.field--deedTaxPaid .field__amount-preview').textContent()).toBe(
      '3,200,000.00 元 · 叁佰贰拾万元整',
    );
    await screenshot(page, 'h5-ux-normalised');
  });

  it('types a new-energy plate into the 8th box with no checkbox to find first', async () => {
    await page.goto(`${bff.url}/#/pages/car-move/index`);
    await page.locator('.plate-keyboard').waitFor();
    expect(await page.locator('.toggle').count()).toBe(0);
    expect(await page.locator('.plate-boxes__box').count()).toBe(8);
    for (const key of '粤BD12345') await page.locator(`.plate-keyboard__key[data-key="${key}"]`).click();
    expect(await page.locator('.plate-boxes__box[data-box="7"]').textContent()).toBe('5');
    await screenshot(page, 'h5-ux-plate-new-energy');
  });

  it('draws tile and line icons as SVG (no character glyphs, no Chinese in English), English titles at most three lines', async () => {
    await page.goto(`${bff.url}/#/pages/home/index`);
    await page.evaluate((p) => localStorage.setItem('citizen.preferences', p), PREFS({ locale: 'en' }));
    await page.reload();
    await page.locator('.tile-grid .tile').first().waitFor();
    const icons = await page.locator('.tile-grid .tile__icon, .four-lines__icon').evaluateAll((nodes) =>
      nodes.map((n) => ({
        text: (n.textContent ?? '').trim(),
        svg: (n.querySelector('img')?.getAttribute('src') ?? '').startsWith('data:image/svg+xml'),
      })),
    );
    expect(icons.length).toBeGreaterThan(20);
    expect(icons.filter((i) => i.text !== '' || !i.svg)).toEqual([]);
    // The 12345 hotline's tile: a phone, not "12H".
    expect(await page.locator('.tile[data-tile-id="hotline-12345"] .tile__icon').textContent()).toBe('');
    // Every English title within three lines of the tile's type.
    const lines = await page
      .locator('.tile-grid .tile__title')
      .evaluateAll((nodes) =>
        nodes.map((n) => Math.round(n.getBoundingClientRect().height / parseFloat(getComputedStyle(n).lineHeight))),
      );
    expect(Math.max(...lines)).toBeLessThanOrEqual(3);
    // The tab bar in English as well.
    await page.locator('.weui-tabbar__label', { hasText: 'Services' }).waitFor();
    expect(await page.locator('.weui-tabbar__label').allTextContents()).toEqual(['Home', 'Services', 'Messages', 'Me']);
    await screenshot(page, 'h5-ux-icons-en');
    await page.evaluate((p) => localStorage.setItem('citizen.preferences', p), PREFS({}));
  });

  it('styles the address box as the other fields: the app font, no resize handle', async () => {
    await page.goto(`${bff.url}/#/pages/apply/index?serviceId=deed-tax-subsidy`);
    const box = page.locator('.field__textarea textarea').first();
    await box.waitFor();
    const style = await box.evaluate((e) => {
      const c = getComputedStyle(e);
      return { resize: c.resize, font: c.fontFamily, size: parseFloat(c.fontSize) };
    });
    expect(style.resize).toBe('none');
    expect(style.font).not.toMatch(/monospace/);
    expect(style.size).toBeGreaterThanOrEqual(16);
  });

  it('passes axe-core with 0 critical and 0 serious on every main screen, normal and elder, and looks right in English', async () => {
    const screens: Array<[string, string, () => Promise<unknown>]> = [
      ['home', '/pages/home/index', () => page.locator('.tile, .elder-home__item').first().waitFor()],
      ['services', '/pages/services/index', () => page.locator('.services__search').waitFor()],
      ['service', '/pages/service/index?id=si-payment-record', () => page.locator('.service__title').waitFor()],
      ['form', '/pages/apply/index?serviceId=deed-tax-subsidy', () => page.locator('.applicant-card').waitFor()],
      ['messages', '/pages/messages/index', () => page.locator('.messages__count').waitFor()],
      ['me', '/pages/me/index', () => page.locator('.me__title').waitFor()],
      ['licences', '/pages/licences/index', () => page.locator('.screen').first().waitFor()],
      ['car-move', '/pages/car-move/index', () => page.locator('.plate-boxes').waitFor()],
      ['records', '/pages/records/index?type=socialInsurance', () => page.locator('.records').first().waitFor()],
      ['ask', '/pages/ask/index', () => page.locator('.ask__question textarea').waitFor()],
      ['privacy', '/pages/privacy/index', () => page.locator('.policy').waitFor()],
    ];
    for (const [name, url, ready] of screens) {
      await page.goto(`${bff.url}/#${url}`);
      await check(name, ready);
    }
    const counts = Object.fromEntries(Object.entries(findings).map(([k, v]) => [k, v.length]));
    console.log(`axe critical+serious findings per screen: ${JSON.stringify(counts)}`);
    expect(Object.entries(findings).filter(([, v]) => v.length > 0)).toEqual([]);
    // Every screen in both modes, and the confirmation page from the keyboard-only run.
    expect(Object.keys(findings).length).toBe(screens.length * 2 + 1);
    expect(errors).toEqual([]);
  });

  it("brands the owner's page from the SMS link as the traffic police's service, with how to tell it is genuine, without signing in", async () => {
    const plate = (await mock.json('/vehicle/dev/vehicles?count=1&offset=77')).vehicles[0].plate as string;
    const asked = await fetch(`${bff.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation($i: CarMoveInput!) { requestCarMove(input: $i) { id } }',
        variables: {
          i: {
            plate,
            reason: 'BLOCKING_EXIT',
            place: '学府路停车场出口',
            ...(await sceneEvidence(bff.url, token)),
            idempotencyKey: `owner-page-${Date.now()}`,
          },
        },
      }),
    }).then((r) => r.json());
    expect(asked.errors).toBeUndefined();
    const sms = await waitForSms(plate);
    const link = new URL(sms.params.link);
    // A phone that never used the app: no simulated platform user, so nobody is signed in.
    const owner = await phonePage(browser);
    for (const mode of [
      { tag: '', prefs: {} },
      { tag: '-elder', prefs: { elder: true } },
      { tag: '-en', prefs: { locale: 'en' as const } },
    ]) {
      await owner.page.goto(`${bff.url}/${link.hash}`);
      await owner.page.evaluate((p) => localStorage.setItem('citizen.preferences', p), PREFS(mode.prefs));
      await owner.page.reload();
      await owner.page.locator('.status-card__status').waitFor();
      const text = (await owner.page.locator('.screen').first().textContent()) ?? '';
      if (mode.tag === '-en') {
        expect(text).toContain('Provided by the city traffic police');
        expect(text).toContain('How to tell this notice is genuine');
        expect(text).toContain(`this page is on the City App’s own address, ${new URL(bff.url).host}`);
        // No Chinese but what the requester typed and the plate itself.
        expect(text.split('学府路停车场出口').join('').split(maskPlate(plate)).join('')).not.toMatch(/[\u4e00-\u9fff]/);
      } else {
        expect(text).toContain('交警一键挪车');
        expect(text).toContain('由市公安局交通警察支队提供');
        expect(text).toContain('如何确认这是官方通知');
        expect(text).toContain(`本页来自城市通官方网址 ${new URL(bff.url).host}`);
        expect(text).toContain('不会要求您付款');
        expect(text).toContain(maskPlate(plate));
        expect(text).not.toContain(plate);
        expect({ mode: `owner${mode.tag}`, violations: await seriousViolations(owner.page) }).toEqual({
          mode: `owner${mode.tag}`,
          violations: [],
        });
      }
      // Nobody signed in: the page works from the link's token alone.
      expect(
        await owner.page.evaluate(() => Object.keys(localStorage).filter((k) => /token|session/i.test(k))),
      ).toEqual([]);
      await owner.page.waitForTimeout(300);
      await screenshot(owner.page, `h5-ux-owner${mode.tag}`);
    }
    expect(owner.errors).toEqual([]);
    await owner.page.context().close();
  });
});
