import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, screenshot } from './browser';

jest.setTimeout(120_000);

/** A box as Chromium laid it out, and the text styles that decide readability. */
interface Measured {
  selector: string;
  text: string;
  height: number;
  fontSize: number;
  lineHeight: number;
}

/**
 * Elder mode and English in the H5 build, measured in Chromium at a 375 px wide
 * phone (the MIIT elder-friendly rules are about what the eye and the finger get):
 * body text at least 18 px, line height at least 1.3 times the text, paragraphs
 * further apart than lines, touch targets at least 48 px tall; kept after a reload;
 * then English chosen on Me, and the home screen and tab bar in English.
 */
describe('elder mode and English in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  /** Every element matching on the page on screen, with its box and text styles (CSS px). Taro H5 keeps the tab pages not shown in the document, hidden: those are left out. */
  const measure = (selector: string): Promise<Measured[]> =>
    page.locator(selector).evaluateAll(
      (elements, sel) =>
        elements
          .filter((element) => element.getClientRects().length > 0)
          .map((element) => {
            const style = getComputedStyle(element);
            const fontSize = parseFloat(style.fontSize);
            // 'normal' is about 1.2 in Chromium; report it as such rather than fail to parse.
            const lineHeight = style.lineHeight === 'normal' ? fontSize * 1.2 : parseFloat(style.lineHeight);
            return {
              selector: sel,
              text: (element.textContent ?? '').trim().slice(0, 24),
              height: element.getBoundingClientRect().height,
              fontSize,
              lineHeight,
            };
          }),
      selector,
    );
  const round = (n: number) => Math.round(n * 100) / 100;
  const report = (label: string, rows: Measured[]) =>
    console.log(
      `${label}\n${rows.map((r) => `  ${r.selector} "${r.text}": font ${round(r.fontSize)}px, line-height ${round(r.lineHeight)}px (${round(r.lineHeight / r.fontSize)}x), height ${round(r.height)}px`).join('\n')}`,
    );

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url });
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript((url) => localStorage.setItem('citizen.simulatorUrl', url), mock.url);
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('turns elder mode on from the top of the home screen: a short list of large rows', async () => {
    await page.goto(bff.url);
    await page.locator('.tile').nth(29).waitFor();
    const toggle = page.getByRole('switch', { name: '长辈模式' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    // Prominent: on the first screen, above everything else on the page.
    const box = (await toggle.boundingBox())!;
    expect(box.y).toBeLessThan(120);
    await toggle.click();
    await page.locator('.screen--elder .elder-home__item').first().waitFor();
    expect(await page.getByRole('switch', { name: '长辈模式' }).getAttribute('aria-checked')).toBe('true');
    // Each row is named by its visible title (no separate aria-label to drift from it).
    expect(
      await page
        .locator('.elder-home__item')
        .evaluateAll((rows) => rows.map((r) => r.querySelector('.elder-home__title')?.textContent ?? null)),
    ).toEqual(['社保缴费证明', '公积金余额查询', '一键挪车', '我的电子证照', '医保电子凭证', '我的办件', '消息']);
    expect(await page.locator('.tile').count()).toBe(0);
    await screenshot(page, 'h5-elder-home');
  });

  it('measures the home screen: text at least 18 px, line height at least 1.3x, paragraphs apart, targets at least 48 px', async () => {
    const body = await measure('.elder-home__lead');
    const titles = await measure('.elder-home__title');
    const root = await measure('.screen--elder');
    report('Elder home, body text (paragraphs) and row titles:', [...root, ...body, ...titles.slice(0, 2)]);
    for (const text of [...body, ...titles, ...root]) {
      expect(text.fontSize).toBeGreaterThanOrEqual(18);
      expect(text.lineHeight / text.fontSize).toBeGreaterThanOrEqual(1.3);
    }

    // Paragraph spacing: from the first paragraph's last line to the second's first, against the line spacing.
    const [first, second] = await page
      .locator('.elder-home__lead')
      .evaluateAll((elements) =>
        elements.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })),
      );
    const line = body[0].lineHeight;
    const gap = second.top - first.bottom;
    const ratio = (gap + line) / line;
    console.log(
      `Paragraph spacing: gap ${round(gap)}px between paragraphs, line spacing ${round(line)}px: next paragraph's line starts ${round(ratio)}x the line spacing below (gap is ${round(gap / (line - body[0].fontSize))}x the leading)`,
    );
    expect(ratio).toBeGreaterThanOrEqual(1.3);

    const targets = [
      ...(await measure('.elder-switch')),
      ...(await measure('.elder-home__item')),
      ...(await measure('.elder-home__all')),
    ];
    report('Elder home, touch targets:', targets);
    for (const target of targets) expect(target.height).toBeGreaterThanOrEqual(48);
  });

  it('measures the services tab and Me in elder mode: every button and tile at least 48 px', async () => {
    await page.locator('.weui-tabbar__item').nth(1).click();
    await page.locator('.screen--elder .tile').nth(20).waitFor();
    const tiles = await measure('.screen--elder .tile');
    const tileTitles = await measure('.screen--elder .tile__title');
    const lines = await measure('.screen--elder .four-lines__item');
    report('Services tab in elder mode (first tiles):', [...lines, ...tiles.slice(0, 3), ...tileTitles.slice(0, 3)]);
    for (const target of [...tiles, ...lines]) expect(target.height).toBeGreaterThanOrEqual(48);
    for (const title of tileTitles) expect(title.fontSize).toBeGreaterThanOrEqual(18);
    await screenshot(page, 'h5-elder-services');

    await page.locator('.weui-tabbar__item').nth(3).click();
    await page.locator('.screen--elder .me__title').waitFor();
    // Me is list cells now: a face-verified citizen has no primary button there; every button and switch present is measured.
    await page.locator('.screen--elder .settings__choice').first().waitFor();
    const buttons = [
      ...(await measure('.screen--elder .primary-button')),
      ...(await measure('.screen--elder .secondary-button')),
      ...(await measure('.screen--elder .settings__choice')),
      ...(await measure('.screen--elder .elder-switch')),
    ];
    report('Me in elder mode, buttons and switches:', buttons);
    for (const button of buttons) {
      expect(button.height).toBeGreaterThanOrEqual(48);
      expect(button.fontSize).toBeGreaterThanOrEqual(18);
    }
    const text = [...(await measure('.screen--elder .settings__note')), ...(await measure('.screen--elder .me__row'))];
    report('Me in elder mode, text:', text);
    for (const t of text) {
      expect(t.fontSize).toBeGreaterThanOrEqual(18);
      expect(t.lineHeight / t.fontSize).toBeGreaterThanOrEqual(1.3);
    }
    await screenshot(page, 'h5-elder-me');
  });

  it('keeps elder mode after a reload', async () => {
    await page.goto(`${bff.url}/?reload=1`);
    await page.locator('.screen--elder .elder-home__item').first().waitFor();
    expect(await page.getByRole('switch', { name: '长辈模式' }).getAttribute('aria-checked')).toBe('true');
    expect(await page.evaluate(() => document.body.classList.contains('citizen-elder'))).toBe(true);
    const tab = await measure('.weui-tabbar__label');
    report('Tab bar labels in elder mode:', tab);
    for (const label of tab) expect(label.fontSize).toBeGreaterThanOrEqual(16);
  });

  it('switches to English on Me: Me, the home screen and the tab bar in English, and back to Chinese', async () => {
    await page.locator('.weui-tabbar__item').nth(3).click();
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('switch', { name: 'Elder mode' }).waitFor();
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('.weui-tabbar__label'))
          .map((l) => l.textContent)
          .join() === 'Home,Services,Messages,Me',
    );
    expect(await page.locator('.weui-tabbar__label').allTextContents()).toEqual(['Home', 'Services', 'Messages', 'Me']);
    expect(await page.locator('.settings__title').textContent()).toBe('Display settings');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'h5-elder-me-en');

    await page.locator('.weui-tabbar__item').nth(0).click();
    await page.locator('.home__greeting', { hasText: 'Welcome to City Services' }).waitFor();
    expect(await page.locator('.elder-home__title').allTextContents()).toEqual([
      'Social insurance payment record',
      'Provident fund balance',
      'Move a blocking car',
      'My electronic licences',
      'Medical insurance card',
      'My applications',
      'Messages',
    ]);
    expect(await page.locator('.elder-home__all').textContent()).toContain('All services');
    await page.waitForFunction(() => document.title === 'City Services');
    await screenshot(page, 'h5-elder-home-en');

    // Elder mode off: the full home screen, in English.
    await page.getByRole('switch', { name: 'Elder mode' }).click();
    await page.locator('.tile').nth(29).waitFor();
    expect(await page.locator('.four-lines__label').allTextContents()).toEqual(['Apply', 'Inquire', 'Book', 'Ask']);
    expect(await page.locator('.tile-grid__heading').first().textContent()).toBe('Social insurance');
    expect(await page.locator('.home__search-input input').getAttribute('placeholder')).toBe(
      'Search, e.g. provident fund, move car',
    );
    await screenshot(page, 'h5-home-en');

    // And back: Chinese is one tap away on Me.
    await page.locator('.weui-tabbar__item').nth(3).click();
    await page.getByRole('radio', { name: '中文' }).click();
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('.weui-tabbar__label'))
          .map((l) => l.textContent)
          .join() === '首页,办事,消息,我的',
    );
    expect(errors).toEqual([]);
  });
});
