import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO, startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, phonePage, screenshot } from './browser';

jest.setTimeout(120_000);

/**
 * Home as a city app, in the H5 build served by a real BFF: the banner and notices an
 * operator publishes (shown within their schedule, gone after expireAt), 最近使用 after
 * opening a service, tile titles without a lone character on a line (measured in
 * Chromium's layout), and screenshots in normal, elder and English.
 */
describe('H5 home like a city app', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let token: string;

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(`${bff.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const publish = async (notice: Record<string, unknown>) => {
    await gql('mutation($n: NoticeInput!) { saveNoticeDraft(notice: $n, expectedRevision: 0) { revision } }', {
      n: notice,
    });
    return (
      await gql('mutation($id: ID!) { publishNotice(id: $id, expectedRevision: 1) { state } }', { id: notice.id })
    ).publishNotice.state;
  };
  // As Taro's H5 storage keeps a value: { data }.
  const setPreferences = (prefs: Record<string, unknown>) =>
    page.evaluate((p) => localStorage.setItem('citizen.preferences', JSON.stringify({ data: p })), prefs);

  beforeAll(async () => {
    mock = await startMockData();
    // H5_STATIC_DIR: a copy of the build, when other builds may be rewriting miniapp/dist/h5 meanwhile.
    bff = await startBffProcess({
      AGENCY_BASE_URL: mock.url,
      ...(process.env.H5_STATIC_DIR ? { STATIC_DIR: process.env.H5_STATIC_DIR } : {}),
    });
    const created = spawnSync(
      path.join(REPO, 'node_modules/.bin/tsx'),
      ['bff/src/modules/operators/cli.ts', '--username', 'publisher', '--role', 'publisher'],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: bff.dataDir, OPERATOR_PASSWORD: 'publish-pass-2026' },
      },
    );
    expect(created.status).toBe(0);
    const signIn = await fetch(`${bff.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { operatorSignIn(username: "publisher", password: "publish-pass-2026") { token } }',
      }),
    });
    token = ((await signIn.json()) as any).data.operatorSignIn.token;
    browser = await launchBrowser();
    ({ page, errors } = await phonePage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('shows the banner and a notice once published and within schedule, and drops the notice after its expireAt', async () => {
    expect(
      await publish({
        id: 'banner-2027-base',
        kind: 'BANNER',
        title: '2027年度社保缴费基数已公布',
        titleEn: '2027 social insurance base published',
        body: '7月1日起按新基数缴费，可在“我要查”查看',
        bodyEn: 'The new base applies from 1 July; see it under Inquire.',
        link: '/pages/services/index',
        order: 1,
      }),
    ).toBe('PUBLISHED');
    const expireAt = new Date(Date.now() + 12_000).toISOString();
    expect(
      await publish({
        id: 'notice-upgrade',
        kind: 'NOTICE',
        title: '周六0:00–6:00系统升级，部分服务暂停',
        titleEn: 'Sat 0:00–6:00 upgrade: some services paused',
        order: 1,
        expireAt,
      }),
    ).toBe('PUBLISHED');
    expect(
      await publish({
        id: 'notice-later',
        kind: 'NOTICE',
        title: '明年起新增电子社保卡服务',
        titleEn: 'Electronic social security card next year',
        order: 2,
        publishAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
    ).toBe('SCHEDULED');

    await page.goto(bff.url);
    await page.locator('.tile').nth(20).waitFor();
    await page.locator('.home-banner').waitFor();
    expect(await page.locator('.home-banner__title').textContent()).toBe('2027年度社保缴费基数已公布');
    expect(await page.locator('.home-notice__title').allTextContents()).toEqual([
      '周六0:00–6:00系统升级，部分服务暂停',
    ]);
    await screenshot(page, 'h5-home-city');
    await page.screenshot({ path: path.join(REPO, 'test-artifacts', 'h5-home-city-full.png'), fullPage: true });

    // After expireAt the notice is gone at the next load; the banner (no expiry) stays.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expireAt) - Date.now() + 500)));
    await page.reload();
    await page.locator('.home-banner').waitFor();
    await page.locator('.tile').nth(20).waitFor();
    expect(await page.locator('.home-notice').count()).toBe(0);
    // The banner leads where the operator pointed it, from the keyboard too.
    await page.locator('.home-banner').focus();
    await page.keyboard.press('Enter');
    await page.locator('.screen.services').waitFor();
    expect(errors).toEqual([]);
  });

  it('lists 最近使用 after a service is opened, newest first, kept across loads', async () => {
    await page.goto(bff.url);
    await page.locator('.tile').nth(20).waitFor();
    expect(await page.locator('.home-recent').count()).toBe(0);
    // Two services anyone may open (no sign-in): 实时公交, then 12345热线.
    await page.locator('.tile-grid [data-tile-id="realtime-bus"]').click();
    await page.waitForURL(/pages\/(service|records)/);
    await page.goto(bff.url);
    await page.locator('.tile').nth(20).waitFor();
    await page.locator('.tile-grid [data-tile-id="hotline-12345"]').click();
    await page.waitForFunction(() => (localStorage.getItem('citizen.recentTiles') ?? '').includes('hotline-12345'));
    await page.goto(bff.url);
    await page.locator('.home-recent .tile').nth(1).waitFor();
    expect(
      await page.locator('.home-recent .tile').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-tile-id'))),
    ).toEqual(['hotline-12345', 'realtime-bus']);
    await page.locator('.home-recent').scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-home-recent');
  });

  it('sets no tile title with one character alone on a line (measured in the layout)', async () => {
    await page.goto(bff.url);
    await page.locator('.tile').nth(30).waitFor();
    // The lines drawn for the eye (the whole title beside them is for screen readers, out of sight).
    const lines = await page.locator('.tile-grid .tile__title > [aria-hidden="true"]').evaluateAll((titles) =>
      titles.map((title) => {
        // Each character's box: characters that share a top share a line.
        const tops = new Map<number, number>();
        const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (let i = 0; i < text.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const top = Math.round(range.getBoundingClientRect().top);
            tops.set(top, (tops.get(top) ?? 0) + 1);
          }
        }
        return { title: title.textContent, perLine: [...tops.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n) };
      }),
    );
    expect(lines.length).toBeGreaterThanOrEqual(30);
    const orphans = lines.filter((l) => l.perLine.length > 1 && l.perLine.some((n) => n === 1));
    expect(orphans).toEqual([]);
    expect(Math.max(...lines.map((l) => l.perLine.length))).toBeLessThanOrEqual(2);
  });

  it('looks right in elder mode and in English (screenshots), with SVG icons (no glyphs)', async () => {
    await setPreferences({ locale: 'zh', elder: true, textSize: 'large' });
    await page.goto(bff.url);
    await page.locator('.elder-home__item').first().waitFor();
    await page.locator('.home-banner').waitFor();
    expect(await page.getByRole('switch', { name: '长辈模式' }).getAttribute('aria-checked')).toBe('true');
    await screenshot(page, 'h5-home-city-elder');

    await setPreferences({ locale: 'en', elder: false, textSize: 'large' });
    await page.goto(bff.url);
    await page.locator('.tile').nth(20).waitFor();
    expect(await page.locator('.home-banner__title').textContent()).toBe('2027 social insurance base published');
    // Icons are SVG images: no character on any of them, Chinese or not.
    const icons = await page.locator('.tile-grid .tile__icon').allTextContents();
    expect(icons.length).toBeGreaterThan(20);
    expect(icons.filter((g) => g.trim() !== '')).toEqual([]);
    expect(await page.locator('.tile-grid .tile__icon img[src^="data:image/svg+xml"]').count()).toBe(icons.length);
    await screenshot(page, 'h5-home-city-en');
    // No English word is cut across two lines of a tile (Reimbursement was: "Reimburseme / nt").
    const cutWords = await page.evaluate(() => {
      const cut: string[] = [];
      for (const line of Array.from(document.querySelectorAll('.tile-grid .tile__line'))) {
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const match of Array.from(node.textContent!.matchAll(/\S+/g))) {
            const range = document.createRange();
            range.setStart(node, match.index!);
            range.setEnd(node, match.index! + match[0].length);
            if (new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size > 1) cut.push(match[0]);
          }
        }
      }
      return cut;
    });
    expect(cutWords).toEqual([]);
    await page.screenshot({ path: path.join(REPO, 'test-artifacts', 'h5-home-city-en-full.png'), fullPage: true });
    await setPreferences({ locale: 'zh', elder: false, textSize: 'large' });
  });
});
