import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot, seriousViolations } from './browser';

jest.setTimeout(90_000);

type Mode = { name: string; preferences: { locale: 'zh' | 'en'; elder: boolean; textSize: 'large' } };
const MODES: Mode[] = [
  { name: 'normal', preferences: { locale: 'zh', elder: false, textSize: 'large' } },
  { name: 'elder', preferences: { locale: 'zh', elder: true, textSize: 'large' } },
  { name: 'English', preferences: { locale: 'en', elder: false, textSize: 'large' } },
];

/**
 * The home shell the BFF draws into index.html (issue 13): the published tiles, visible
 * and usable as links before the app's JavaScript has run (here it never runs: scripts are
 * blocked), in the language and mode the citizen chose in the app (kept in localStorage);
 * then, with the scripts, the app's own home takes its place: one set of tiles.
 */
describe('H5 home shell in Chromium', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  // Where the shell drew its first tile, per mode: the app's must land there too (no jump when it takes over).
  const shellFirstTileTop = new Map<string, number>();

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  /** A phone page with the citizen's preferences stored as the app stores them (Taro's setStorageSync: { data }). */
  async function pageIn(mode: Mode, { scripts }: { scripts: boolean }): Promise<{ page: Page; errors: string[] }> {
    const { page, errors } = await phonePage(browser);
    await page.addInitScript((preferences) => {
      if (!localStorage.getItem('citizen.preferences'))
        localStorage.setItem('citizen.preferences', JSON.stringify({ data: preferences }));
    }, mode.preferences);
    if (!scripts) await page.route('**/*.js', (route) => route.abort());
    return { page, errors };
  }

  it.each(MODES)(
    'shows the published tiles before the app runs, reachable by keyboard, in $name mode',
    async (mode) => {
      const { page } = await pageIn(mode, { scripts: false });
      await page.goto(bff.url);
      const tiles = page.locator('#home-shell .hs-tile');
      expect(await tiles.count()).toBeGreaterThanOrEqual(30);
      // Visible, with the title in the chosen language only.
      const first = tiles.first();
      expect(await first.isVisible()).toBe(true);
      shellFirstTileTop.set(mode.name, (await first.boundingBox())!.y);
      const titles = await tiles.evaluateAll((links) => links.map((a) => (a as HTMLElement).innerText.trim()));
      if (mode.preferences.locale === 'en') {
        expect(titles).toContain('Provident fund balance');
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
        // No English word is cut across two lines of a tile (Reimbursement was: "Reimburseme / nt").
        const cutWords = await page.evaluate(() => {
          const cut: string[] = [];
          for (const title of Array.from(document.querySelectorAll('#home-shell .hs-title .hs-en'))) {
            const node = title.firstChild;
            if (!node?.textContent) continue;
            for (const match of Array.from(node.textContent.matchAll(/\S+/g))) {
              const range = document.createRange();
              range.setStart(node, match.index!);
              range.setEnd(node, match.index! + match[0].length);
              if (new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size > 1)
                cut.push(match[0]);
            }
          }
          return cut;
        });
        expect(cutWords).toEqual([]);
      } else {
        expect(titles).toContain('公积金余额查询');
      }
      // The other language is there but not shown (nor read out).
      expect(
        await page
          .locator(`#home-shell .hs-tile .${mode.preferences.locale === 'en' ? 'hs-zh' : 'hs-en'}`)
          .first()
          .isVisible(),
      ).toBe(false);
      expect(titles).not.toContain(mode.preferences.locale === 'en' ? '公积金余额查询' : 'Provident fund balance');
      expect(await page.locator('#home-shell h1').innerText()).toBe(
        mode.preferences.locale === 'en' ? 'City Services' : '城市通',
      );
      expect(await page.evaluate(() => document.documentElement.classList.contains('hs-elder'))).toBe(
        mode.preferences.elder,
      );
      // The first Tab stops lead to the tiles, each a link with a real href.
      let reached = '';
      for (let i = 0; i < 5 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() =>
          document.activeElement?.classList.contains('hs-tile')
            ? ((document.activeElement as HTMLAnchorElement).getAttribute('href') ?? '')
            : '',
        );
      }
      expect(reached).toMatch(/^(\/#\/|https:)/);
      expect(await seriousViolations(page)).toEqual([]);
      expect(fs.existsSync(await screenshot(page, `h5-home-shell-${mode.name}`))).toBe(true);
      await page.context().close();
    },
  );

  it('opens where the tile goes when tapped before the app is ready; the app then shows that page, without the shell', async () => {
    const [normal] = MODES;
    const blocked = await pageIn(normal!, { scripts: false });
    await blocked.page.goto(bff.url);
    const tile = blocked.page.locator('#home-shell .hs-tile', { hasText: '公积金余额查询' });
    const href = (await tile.getAttribute('href'))!;
    await tile.click();
    const url = blocked.page.url();
    expect(url).toBe(`${bff.url}${href}`);
    await blocked.page.context().close();
    // The app starts on that page (Taro names each page's root by its route).
    const { page, errors } = await pageIn(normal!, { scripts: true });
    await page.goto(url);
    await page.locator(`#app [id^="${href.slice(2).split('?')[0]}"]`).waitFor();
    expect(await page.locator('#home-shell').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each(MODES)('gives way to the app, which shows one set of tiles, in $name mode', async (mode) => {
    const { page, errors } = await pageIn(mode, { scripts: true });
    await page.goto(bff.url);
    // The app's own home: the grid, or in elder mode its short list.
    await page
      .locator(mode.preferences.elder ? '#app .elder-home__item' : '#app .tile')
      .first()
      .waitFor();
    expect(await page.locator('#home-shell').count()).toBe(0);
    expect(await page.locator('.hs-tile').count()).toBe(0);
    if (!mode.preferences.elder) {
      const names = await page.locator('#app .tile .tile__name').allTextContents();
      expect(names.length).toBeGreaterThanOrEqual(30);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toContain(mode.preferences.locale === 'en' ? 'Provident fund balance' : '公积金余额查询');
      const top = (await page.locator('#app .tile').first().boundingBox())!.y;
      expect(Math.abs(top - shellFirstTileTop.get(mode.name)!)).toBeLessThanOrEqual(8);
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
