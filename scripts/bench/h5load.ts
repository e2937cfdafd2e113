import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, CDPSession } from 'playwright-core';
import { launchBrowser } from '../../miniapp/test/e2e/browser';
import { startBffProcess, startMockData } from '../../test-support/stack';

/**
 * A cold load of the H5 build's home screen in Chromium, as a slow phone sees it:
 * each run in a fresh browser context (empty cache), CPU slowed 4× through the
 * DevTools protocol, and/or the network shaped like DevTools' "Fast 3G" preset
 * (562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up). Reports the time from
 * navigation until the first tile can be seen (the BFF draws the published tiles into
 * index.html, issue 13), until the app's own interactive home has mounted, bytes
 * transferred by then, and the compressed size of the JavaScript the home route loaded.
 *
 * Each script's Content-Encoding as sent is printed (Chromium takes brotli from a secure
 * origin, which 127.0.0.1 is), with the brotli file's size beside it. The machine's load
 * average is printed too: on a shared 2-core machine the throttled times scale with it.
 */
const ROOT = path.resolve(__dirname, '..', '..');
// H5_STATIC_DIR: a copy of the build, when other builds may be rewriting miniapp/dist/h5 meanwhile.
const DIST = process.env.H5_STATIC_DIR ? path.resolve(process.env.H5_STATIC_DIR) : path.join(ROOT, 'miniapp/dist/h5');
const RUNS = Number(process.env.BENCH_H5_RUNS ?? 5);
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.44 * 1024 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
};

interface Scenario {
  name: string;
  cpu: number;
  network: typeof FAST_3G | null;
  goalMs: number | null;
}

const SCENARIOS: Scenario[] = [
  { name: '4× CPU', cpu: 4, network: null, goalMs: 1000 },
  { name: 'Fast 3G', cpu: 1, network: FAST_3G, goalMs: 2000 },
  { name: 'Fast 3G + 4× CPU', cpu: 4, network: FAST_3G, goalMs: null },
];

interface Run {
  tilesMs: number;
  appMs: number;
  bytes: number;
  requests: number;
  scripts: Array<{ url: string; bytes: number; encoding: string }>;
}

/**
 * Looks, once per animation frame, for the first tile a citizen can see (the BFF's shell's
 * `.hs-tile` or the app's `.tile`, laid out with its title showing) and for the app's own
 * home (a `.tile` inside its root, #app). A page still waiting for render-blocking CSS gets
 * no frames: these are the times the tiles could be painted, not only parsed. Text, not a
 * function: tsx would wrap a named helper in __name(), which the page does not have. The loop
 * starts at the parser's first insertion: a frame asked for while the init script runs (on
 * the document being replaced) never comes.
 */
const FIRST_TILES_SCRIPT = `(function () {
  function shows(selector) {
    return Array.prototype.some.call(document.querySelectorAll(selector), function (el) { return el.checkVisibility() && el.innerText.trim() !== ''; });
  }
  function frame(now) {
    if (window.__tilesAt === undefined && shows('.tile, .hs-tile')) window.__tilesAt = now;
    if (window.__appAt === undefined && shows('#app .tile')) window.__appAt = now;
    if (window.__appAt === undefined) requestAnimationFrame(frame);
  }
  var observer = new MutationObserver(function () {
    observer.disconnect();
    requestAnimationFrame(frame);
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function coldLoad(browser: Browser, url: string, scenario: Scenario): Promise<Run> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (scenario.network) await cdp.send('Network.emulateNetworkConditions', scenario.network);
  if (scenario.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: scenario.cpu });
  const types = new Map<string, { url: string; type: string; encoding: string }>();
  const finished = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => {
    const encoding =
      Object.entries(e.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1] ?? 'identity';
    types.set(e.requestId, { url: e.response.url, type: e.type, encoding: String(encoding) });
  });
  cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, e.encodedDataLength));
  // Both moments on the page's own clock (0 = navigation start).
  await page.addInitScript({ content: FIRST_TILES_SCRIPT });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __appAt?: number }).__appAt !== undefined, undefined, {
    timeout: 60_000,
    polling: 50,
  });
  const { tilesMs, appMs } = await page.evaluate(() => {
    const w = window as unknown as { __tilesAt: number; __appAt: number };
    return { tilesMs: w.__tilesAt, appMs: w.__appAt };
  });
  // What the app's home took, up to its mount (the shell's tiles come earlier and with less).
  const bytes = [...finished.values()].reduce((a, b) => a + b, 0);
  const scripts = [...finished.entries()]
    .filter(([id]) => types.get(id)?.type === 'Script')
    .map(([id, size]) => ({ url: types.get(id)!.url, bytes: size, encoding: types.get(id)!.encoding }));
  await context.close();
  return { tilesMs, appMs, bytes, requests: finished.size, scripts };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Brotli size of a built file, from the .br the build wrote (or compressed here when there is none). */
function brotliSize(url: string): number {
  const file = path.join(DIST, new URL(url).pathname);
  if (fs.existsSync(`${file}.br`)) return fs.statSync(`${file}.br`).size;
  return zlib.brotliCompressSync(fs.readFileSync(file)).length;
}

export async function h5Load(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error('no H5 build: run npm run build:h5 first');
  const mock = await startMockData();
  const bff = await startBffProcess({
    AGENCY_BASE_URL: mock.url,
    LOG_LEVEL: 'warn',
    ...(process.env.H5_STATIC_DIR ? { STATIC_DIR: DIST } : {}),
  });
  const browser = await launchBrowser();
  try {
    // One warm-up load so the BFF's caches (live tiles, agency status) are as in service.
    await coldLoad(browser, bff.url, { name: 'warm-up', cpu: 1, network: null, goalMs: null });
    console.log(`\nH5 cold load of home in Chromium (median of ${RUNS} runs, each in a fresh context)`);
    let homeScripts: Run['scripts'] = [];
    for (const scenario of SCENARIOS) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, bff.url, scenario));
      const tiles = median(runs.map((r) => r.tilesMs));
      const goal = scenario.goalMs
        ? ` (goal ≤ ${(scenario.goalMs / 1000).toFixed(1)} s: ${tiles <= scenario.goalMs ? 'met' : 'NOT met'})`
        : '';
      const app = median(runs.map((r) => r.appMs));
      console.log(
        `  ${scenario.name.padEnd(17)} tiles visible ${(tiles / 1000).toFixed(2)} s${goal}; min ${(Math.min(...runs.map((r) => r.tilesMs)) / 1000).toFixed(2)} s, max ${(Math.max(...runs.map((r) => r.tilesMs)) / 1000).toFixed(2)} s`,
      );
      console.log(
        `  ${''.padEnd(17)} app's home mounted ${(app / 1000).toFixed(2)} s (min ${(Math.min(...runs.map((r) => r.appMs)) / 1000).toFixed(2)} s, max ${(Math.max(...runs.map((r) => r.appMs)) / 1000).toFixed(2)} s); ${kb(median(runs.map((r) => r.bytes)))} in ${median(runs.map((r) => r.requests))} requests by then`,
      );
      homeScripts = runs[0]!.scripts;
    }
    const sent = homeScripts.reduce((a, s) => a + s.bytes, 0);
    const brotli = homeScripts.reduce((a, s) => a + brotliSize(s.url), 0);
    console.log(
      `  home route JS: ${homeScripts.length} files, ${kb(sent)} as sent, ${kb(brotli)} as brotli files (goal ≤ 200 KB compressed: ${sent <= 200 * 1024 ? 'met' : 'NOT met'})`,
    );
    for (const s of homeScripts.sort((a, b) => b.bytes - a.bytes))
      console.log(
        `    ${new URL(s.url).pathname.padEnd(34)} ${kb(s.bytes).padStart(9)} sent (${s.encoding}) ${kb(brotliSize(s.url)).padStart(9)} br file`,
      );
    console.log(
      `  load average during the bench: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} on ${os.cpus().length} cores`,
    );
  } finally {
    await browser.close();
    await bff.stop();
    await mock.stop();
  }
}
