import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, with the flags this machine's closed network needs (taro-setup.md). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A phone-sized page, its errors collected so a test can assert there were none. */
export async function phonePage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/** Saves a screenshot under test-artifacts/ for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * A citizen who verified their real name earlier (level 2) on a simulated H5 account,
 * and a phone page that signs in as that account (the H5 adapter asks the simulator
 * for a login code for `citizen.simulatedUser`). `people` is the register's query, e.g.
 * 'offset=120&has=social-insurance'.
 */
export async function verifiedCitizenPage(
  browser: Browser,
  urls: { bff: string; mock: string },
  people: string,
): Promise<{ page: Page; errors: string[]; who: { idNumber: string; name: string } }> {
  const json = async (url: string, init?: RequestInit) => (await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } })).json() as Promise<any>;
  const gql = (query: string, variables: Record<string, unknown>, token?: string) =>
    json(`${urls.bff}/graphql`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: JSON.stringify({ query, variables }) });
  const user = `h5-citizen-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const [who] = (await json(`${urls.mock}/population/dev/people?count=1&${people}`)).people;
  const { code } = await json(`${urls.mock}/wechat/dev/login-code`, { method: 'POST', body: JSON.stringify({ user }) });
  const token = (await gql('mutation($c: String!) { login(platform: H5, code: $c) { accessToken } }', { c: code })).data.login.accessToken;
  const verified = await gql('mutation($n: String!, $i: String!) { verifyRealName(name: $n, idNumber: $i) { level } }', { n: who.name, i: who.idNumber }, token);
  if (!verified.data) throw new Error(`verification failed: ${JSON.stringify(verified.errors)}`);
  const { page, errors } = await phonePage(browser);
  await page.addInitScript(([simulator, name]) => {
    localStorage.setItem('citizen.simulatorUrl', simulator);
    localStorage.setItem('citizen.simulatedUser', name);
  }, [urls.mock, user]);
  return { page, errors, who };
}
