import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { VERIFY_REAL_NAME } from '../../../test-support/policies';

/** Debian's Chromium, with the flags this machine's closed network needs (taro-setup.md). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../../../test-artifacts');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A phone-sized page, its errors collected so a test can assert there were none.
 * `deviceScaleFactor` 1 draws small screenshots (the README's, scripts/screenshots.ts).
 */
export async function phonePage(
  browser: Browser,
  { deviceScaleFactor = 2 } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor,
    locale: 'zh-CN',
  });
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
 * 'offset=120&has=social-insurance'. `token` is the account's access token, for a test
 * to set things up through the API.
 */
export async function verifiedCitizenPage(
  browser: Browser,
  urls: { bff: string; mock: string },
  people: string,
  options: { deviceScaleFactor?: number } = {},
): Promise<{ page: Page; errors: string[]; who: { idNumber: string; name: string }; token: string }> {
  const json = async (url: string, init?: RequestInit) =>
    (
      await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } })
    ).json() as Promise<any>;
  const gql = (query: string, variables: Record<string, unknown>, token?: string) =>
    json(`${urls.bff}/graphql`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: JSON.stringify({ query, variables }),
    });
  const user = `h5-citizen-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const [who] = (await json(`${urls.mock}/population/dev/people?count=1&${people}`)).people;
  const { code } = await json(`${urls.mock}/wechat/dev/login-code`, { method: 'POST', body: JSON.stringify({ user }) });
  const token = (await gql('mutation($c: String!) { login(platform: H5, code: $c) { accessToken } }', { c: code })).data
    .login.accessToken;
  const verified = await gql(VERIFY_REAL_NAME, { n: who.name, i: who.idNumber }, token);
  if (!verified.data) throw new Error(`verification failed: ${JSON.stringify(verified.errors)}`);
  const { page, errors } = await phonePage(browser, options);
  await page.addInitScript(
    ([simulator, name]) => {
      localStorage.setItem('citizen.simulatorUrl', simulator);
      localStorage.setItem('citizen.simulatedUser', name);
    },
    [urls.mock, user],
  );
  return { page, errors, who, token };
}

/** The three ways the app is looked at: normal, elder (长辈模式) and English; `tag` ends a screenshot's name. */
export const VIEW_MODES = [
  { tag: '', locale: 'zh', elder: false },
  { tag: '-elder', locale: 'zh', elder: true },
  { tag: '-en', locale: 'en', elder: false },
] as const;

/** Sets the app's display preferences as it keeps them (Taro's storage wraps a value in `data`); they apply from the next load. */
export function setViewMode(page: Page, mode: { locale: 'zh' | 'en'; elder: boolean }): Promise<void> {
  return page.evaluate(
    (p) => localStorage.setItem('citizen.preferences', p),
    JSON.stringify({ data: { locale: mode.locale, elder: mode.elder, textSize: 'large' } }),
  );
}

/**
 * Steps a verified account (its access token) up through the API: face verification
 * passed in the platform simulator (level 3, fresh for submitting a level-3 service) and
 * `phone` bound with the code the SMS gateway delivered (forms fill it in).
 */
export async function faceAndPhone(urls: { bff: string; mock: string }, token: string, phone: string): Promise<void> {
  const json = async (url: string, init?: RequestInit) =>
    (
      await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } })
    ).json() as Promise<any>;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const body = await json(`${urls.bff}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const { verifyId } = (await gql('mutation { startFaceVerification(consent: true) { verifyId } }'))
    .startFaceVerification;
  await json(`${urls.mock}/wechat/dev/face/${verifyId}/complete`, {
    method: 'POST',
    body: JSON.stringify({ outcome: 'pass' }),
  });
  await gql('mutation($id: ID!) { completeFaceVerification(verifyId: $id) { level } }', { id: verifyId });
  await gql('mutation($p: String!) { sendPhoneCode(phone: $p) { maskedPhone } }', { p: phone });
  const { messages } = await json(`${urls.mock}/sms/dev/outbox?phone=${phone}`);
  await gql('mutation($p: String!, $c: String!) { bindPhone(phone: $p, code: $c) { maskedPhone } }', {
    p: phone,
    c: messages.at(-1).params.code,
  });
}

/** The BFF's GraphQL endpoint called as a test's own client (someone else, on another device): the whole answer. */
export function graphqlClient(bffUrl: string) {
  return async (query: string, variables: Record<string, unknown>, token?: string): Promise<any> =>
    (
      await fetch(`${bffUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      })
    ).json();
}

/**
 * Someone else, on another device (H5): signed in as simulator user `user`, real-name
 * verified as `person`, face passed and `phone` bound (granting an authorisation needs
 * a fresh face pass). @returns their access token.
 */
export async function anotherCitizen(
  urls: { bff: string; mock: string },
  person: { idNumber: string; name: string },
  user: string,
  phone: string,
): Promise<string> {
  const gql = graphqlClient(urls.bff);
  const { code } = (await (
    await fetch(`${urls.mock}/wechat/dev/login-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    })
  ).json()) as { code: string };
  const token = (await gql('mutation($c: String!) { login(platform: H5, code: $c) { accessToken } }', { c: code })).data
    .login.accessToken as string;
  const verified = await gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, token);
  if (!verified.data) throw new Error(`verification failed: ${JSON.stringify(verified.errors)}`);
  await faceAndPhone(urls, token, phone);
  return token;
}

/** axe-core's critical and serious findings on the page as it is now (WCAG 2.1 A/AA rules). */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; targets: string[] }>> {
  // Evaluated through the devtools protocol: the app's CSP (rightly) refuses inline scripts.
  await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
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
