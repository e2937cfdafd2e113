/**
 * The README's screenshots (`npm run screenshots`): the main screens of the H5 build in
 * Chromium at phone width (390 px, 1× pixels, to keep the files small), in normal, elder
 * and English mode, and the operator console at 1024 px in normal and English, written to
 * docs/screenshots/<screen>[-elder|-en].png.
 *
 * Starts its own simulated agencies and BFF on free ports over a fresh database (as the
 * browser tests do), serving STATIC_DIR when set, else miniapp/dist/h5 (built first if
 * missing); signs in a face-verified citizen who holds a provident fund account and two
 * homes, and a console operator. Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO, startBffProcess, startMockData } from '../test-support/stack';
import { VIEW_MODES, faceAndPhone, launchBrowser, setViewMode, verifiedCitizenPage } from '../miniapp/test/e2e/browser';

const OUT = path.join(REPO, 'docs/screenshots');
const OPERATOR = { username: 'screens', password: 'screens-pass-2026' };

/** Each screen: where it is, what shows it is ready, and what to do before the picture. */
interface Shot {
  name: string;
  url: string;
  ready: (page: Page) => Promise<unknown>;
  modes?: ReadonlyArray<(typeof VIEW_MODES)[number]>;
}

const CITIZEN_SCREENS: Shot[] = [
  { name: 'home', url: '/', ready: (page) => page.locator('.tile, .elder-home__item').first().waitFor() },
  {
    name: 'form',
    url: '/#/pages/apply/index?serviceId=pf-withdraw-purchase',
    // The first screen, with their second home chosen (the choice fills the home's details in below).
    ready: async (page) => {
      await page.locator('.record-choice').nth(1).click();
      await page.locator('.record-card--chosen').waitFor();
      // The draft saved (not “保存中…” in the picture).
      await page.waitForFunction(() => !document.querySelector('.apply__saved')?.textContent?.includes('…'));
      // Back to the top of whatever scrolled to show the choice (the window, or the page's own container on H5).
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        for (const e of document.querySelectorAll('*')) if (e.scrollTop > 0) e.scrollTop = 0;
      });
    },
  },
  { name: 'wallet', url: '/#/pages/licences/index', ready: (page) => page.locator('.licences__row').first().waitFor() },
  { name: 'car-move', url: '/#/pages/car-move/index', ready: (page) => page.locator('.plate-boxes').waitFor() },
];

function ensureBuild(dir: string): void {
  if (fs.existsSync(path.join(dir, 'index.html'))) return;
  console.log(`no H5 build in ${dir}: building it`);
  const built = spawnSync(path.join(REPO, 'node_modules/.bin/taro'), ['build', '--type', 'h5'], {
    cwd: path.join(REPO, 'miniapp'),
    stdio: 'inherit',
    env: { ...process.env, TARO_OUTPUT_ROOT: dir },
  });
  if (built.status !== 0) throw new Error('taro build --type h5 failed');
}

async function shoot(page: Page, base: string, shot: Shot): Promise<string[]> {
  const files: string[] = [];
  for (const mode of shot.modes ?? VIEW_MODES) {
    await page.goto(`${base}${shot.url}`);
    await setViewMode(page, mode);
    await page.reload();
    await shot.ready(page);
    // Fonts and the last re-render settle.
    await page.waitForTimeout(500);
    const file = path.join(OUT, `${shot.name}${mode.tag}.png`);
    await page.screenshot({ path: file });
    files.push(file);
  }
  return files;
}

async function main(): Promise<void> {
  const staticDir = process.env.STATIC_DIR ?? path.join(REPO, 'miniapp/dist/h5');
  ensureBuild(staticDir);
  fs.mkdirSync(OUT, { recursive: true });
  const mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
  const bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, STATIC_DIR: staticDir });
  const browser = await launchBrowser();
  try {
    const created = spawnSync(
      path.join(REPO, 'node_modules/.bin/tsx'),
      ['bff/src/modules/operators/cli.ts', '--username', OPERATOR.username, '--role', 'publisher'],
      {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: bff.dataDir, OPERATOR_PASSWORD: OPERATOR.password },
      },
    );
    if (created.status !== 0) throw new Error(`operator:create failed: ${created.stderr}`);
    const urls = { bff: bff.url, mock: mock.url };
    const { page, errors, token } = await verifiedCitizenPage(
      browser,
      urls,
      'offset=30&has=provident-fund,two-recent-homes',
      { deviceScaleFactor: 1 },
    );
    await faceAndPhone(urls, token, `136${String(Date.now()).slice(-8)}`);
    const files: string[] = [];
    for (const shot of CITIZEN_SCREENS) files.push(...(await shoot(page, bff.url, shot)));

    // The console is a desktop tool (at phone width its menu fills the first screen), and keeps its own sizes in elder mode: normal and English only.
    const desk = await (
      await browser.newContext({ viewport: { width: 1024, height: 640 }, deviceScaleFactor: 1, locale: 'zh-CN' })
    ).newPage();
    await desk.goto(`${bff.url}/#/operator/pages/login/index`);
    await desk.locator('.op-username input').fill(OPERATOR.username);
    await desk.locator('.op-password input').fill(OPERATOR.password);
    await desk.getByRole('button', { name: '登录后台' }).click();
    await desk.locator('.console-tile').first().waitFor();
    files.push(
      ...(await shoot(desk, bff.url, {
        name: 'console',
        url: '/#/operator/pages/tiles/index',
        ready: (p) => p.locator('.console-tile').first().waitFor(),
        modes: [VIEW_MODES[0], VIEW_MODES[2]],
      })),
    );

    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const total = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    for (const file of files)
      console.log(`  ${path.relative(REPO, file)}  ${(fs.statSync(file).size / 1024).toFixed(0)} KB`);
    console.log(`${files.length} screenshots, ${(total / 1024).toFixed(0)} KB in all`);
  } finally {
    await browser.close();
    await bff.stop();
    await mock.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
