import type { Browser, Page } from 'playwright-core';
import { startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import {
  anotherCitizen,
  graphqlClient,
  launchBrowser,
  screenshot,
  seriousViolations,
  setViewMode,
  verifiedCitizenPage,
  VIEW_MODES,
} from './browser';

jest.setTimeout(180_000);

interface Relation {
  relation: string;
  idNumber: string;
  name: string;
  birthDate: string;
}

/**
 * 家人代办 (issue 17) in the H5 build: a parent (the population register's
 * ?has=minor-child) opens 家人代办 from 我的, picks their child, sees the banner on every
 * screen, applies for primary school enrolment for the child (the child already picked
 * from the register, nothing typed about them) and submits; the child's
 * application list, while acting, shows it; back to oneself, the parent's own list does
 * not. The parent then authorises another adult on 授权他人代办 (face verification on the
 * way, the form kept) and sees it in 我的授权. The page, the banner and the grant screen
 * in normal, elder and English mode (axe 0 serious), and a keyboard-only pass: Tab and
 * Enter reach 为TA办理 and 切换回本人.
 */
describe('acting for a child in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let parent: { idNumber: string; name: string };
  let child: Relation;
  const masked = (name: string) => `${name[0]}${'*'.repeat(name.length - 1)}`;

  beforeAll(async () => {
    mock = await startMockData();
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url });
    browser = await launchBrowser();
    ({
      page,
      errors,
      who: parent,
    } = await verifiedCitizenPage(browser, { bff: bff.url, mock: mock.url }, 'has=minor-child,spouse'));
    // The register's own answer: the child the parent may act for (under 18).
    const { relations } = (await mock.json(`/population/v1/relations/${parent.idNumber}`)) as { relations: Relation[] };
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    child = relations.find(
      (r) => r.relation === 'CHILD' && `${Number(r.birthDate.slice(0, 4)) + 18}${r.birthDate.slice(4)}` > today,
    )!;
    expect(child).toBeDefined();
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  // Taro's H5 router keeps pages shown before (hidden) in the document: only the page in view counts.
  const banner = () => page.locator('.acting-banner:visible').first();
  const noBannerInView = () =>
    page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.acting-banner')).every((b) => (b as HTMLElement).offsetParent === null),
    );

  it('opens 家人代办 from 我的: the register’s relations, masked, 为TA办理 for the child', async () => {
    await page.goto(`${bff.url}/#/pages/me/index`);
    await page.locator('.me__family').click();
    const row = page.locator('.family__member', { hasText: masked(child.name) }).first();
    await row.waitFor();
    const text = (await page.locator('.family').textContent()) ?? '';
    expect(text).toContain('当前：为本人办理');
    expect(text).not.toContain(child.name);
    expect(text).not.toContain(child.idNumber);
    expect(await row.textContent()).toMatch(/子女 · \d+岁/);
    expect(await row.textContent()).toContain('可代办至');
    expect(await page.locator('.acting-banner:visible').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('picks the child: the banner names them on every screen', async () => {
    await page
      .locator('.family__member', { hasText: masked(child.name) })
      .first()
      .getByRole('button', { name: `为TA办理（${masked(child.name)}）` })
      .click();
    await banner().waitFor();
    expect(await banner().textContent()).toContain(`正在为 ${masked(child.name)} 办理`);
    await page.getByText('✓ 正在为TA办理').waitFor();
    await screenshot(page, 'h5-family-acting');
    expect(await seriousViolations(page)).toEqual([]);
    for (const [url, name] of [
      ['/#/pages/home/index', 'home'],
      ['/#/pages/services/index', 'services'],
      ['/#/pages/me/index', 'me'],
    ]) {
      await page.goto(`${bff.url}${url}`);
      await banner().waitFor();
      expect(await banner().textContent()).toContain(masked(child.name));
      await page.waitForTimeout(1000); // the route's slide-in
      await screenshot(page, `h5-family-banner-on-${name}`);
    }
    // 我的 says for whom the app works now.
    expect(await page.locator('.me__family:visible').textContent()).toContain(masked(child.name));
  });

  it('applies for primary school enrolment for the child and submits; the child’s list shows it', async () => {
    await page.goto(`${bff.url}/#/pages/apply/index?serviceId=school-enrolment`);
    await page.locator('.field--school').waitFor();
    await banner().waitFor();
    await screenshot(page, 'h5-family-banner-on-apply');
    // The child is the one acted for, picked from the register: shown, locked, nothing typed.
    await page.locator('.field--child .record-card__title', { hasText: masked(child.name) }).waitFor();
    expect(await page.locator('.record-card__row.field--childName .record-card__value').textContent()).toBe(
      masked(child.name),
    );
    expect(await page.locator('.field--childName input').count()).toBe(0);
    expect(await page.getByRole('button', { name: '儿童身份证号，点击输入' }).count()).toBe(0);
    // A phone the parent has not bound yet is typed.
    if (await page.locator('.field--phone input').count())
      await page.locator('.field--phone input').fill('13800138000');
    await page
      .getByRole('radio', { name: '母亲' })
      .or(page.getByRole('radio', { name: '父亲' }))
      .first()
      .click();
    await page.getByRole('radio', { name: '实验小学' }).click();
    await page.getByRole('radio', { name: '是', exact: true }).click();
    await page.locator('.apply__review').click();
    await page.locator('.apply__submit').waitFor();
    await page.locator('.apply__submit').click();
    await page.locator('.submitted__title', { hasText: '提交成功' }).waitFor({ timeout: 30_000 });
    expect(await banner().textContent()).toContain(masked(child.name));
    await page.goto(`${bff.url}/#/pages/applications/index`);
    await page.locator('.list__row, .applications__row', { hasText: '小学新生入学报名' }).first().waitFor();
    await banner().waitFor();
    await screenshot(page, 'h5-family-child-applications');
  });

  it('back to oneself from the banner: 我的, no banner, and one’s own list has no school enrolment', async () => {
    await page.getByRole('button', { name: '切换回本人' }).click();
    await page.locator('.me__family').waitFor();
    await noBannerInView();
    expect(await page.locator('.me__family:visible').textContent()).toContain('本人');
    await page.goto(`${bff.url}/#/pages/applications/index`);
    await page.locator('.list').first().waitFor();
    await page.waitForTimeout(1500);
    expect(await page.locator('.list__row', { hasText: '小学新生入学报名' }).count()).toBe(0);
    expect(await page.locator('.acting-banner:visible').count()).toBe(0);
  });

  it('keyboard only: Tab and Enter reach 为TA办理, then 切换回本人', async () => {
    await page.goto(`${bff.url}/#/family/pages/members/index`);
    await page.locator('.family__act').first().waitFor();
    // The focused control's name (the body, focused between tab stops, names nothing).
    const focusedText = () =>
      page.evaluate(() => {
        const focused = document.activeElement;
        if (!focused || focused === document.body || focused.getAttribute('role') !== 'button') return '';
        return (focused.getAttribute('aria-label') || focused.textContent || '').trim();
      });
    const tabTo = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if ((await focusedText()).includes(name)) return;
      }
      throw new Error(`Tab never reached ${name}`);
    };
    await tabTo(`为TA办理（${masked(child.name)}）`);
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('family__act');
    await page.keyboard.press('Enter');
    await banner().waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.evaluate(() => window.scrollTo(0, 0));
    await tabTo('切换回本人');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('acting-banner__back');
    await page.keyboard.press('Enter');
    await noBannerInView();
    await page.locator('.family__current-text:visible', { hasText: '当前：为本人办理' }).waitFor();
  });

  it('我的授权: another adult authorises the parent by name; the parent accepts, acts for them, and goes back', async () => {
    // The grantor signs in elsewhere, verifies, passes face (granting needs it) and names the parent.
    const gql = graphqlClient(bff.url);
    const [grantor] = (await mock.json('/population/dev/people?count=1&offset=7&has=no-relations')).people as Array<{
      idNumber: string;
      name: string;
    }>;
    const token = await anotherCitizen(
      { bff: bff.url, mock: mock.url },
      grantor,
      `h5-grantor-${Date.now()}`,
      `139${String(Date.now()).slice(-8)}`,
    );
    const until = new Date(Date.now() + 8 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
    const granted = await gql(
      'mutation($to: AuthorisationGrantee!, $s: [String!]!, $u: String!) { grantAuthorisation(to: $to, scopes: $s, until: $u) { id status } }',
      { to: { idNumber: parent.idNumber, name: parent.name }, s: ['appointments'], u: until },
      token,
    );
    expect(granted.data?.grantAuthorisation.status).toBe('PENDING');

    await page.goto(`${bff.url}/#/family/pages/members/index`);
    await page.reload();
    const accept = page.getByRole('button', { name: `接受 ${masked(grantor.name)} 的授权` });
    await accept.waitFor();
    expect(await page.locator('.family__authorisations-received').textContent()).toContain('范围：预约');
    expect(await page.locator('.family__authorisations').textContent()).not.toContain(grantor.name);
    await page.locator('.family__authorisations').scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-family-authorisation-pending');
    expect(await seriousViolations(page)).toEqual([]);
    await accept.click();
    const act = page.getByRole('button', { name: `为TA办理（${masked(grantor.name)}）` });
    await act.waitFor();
    await act.click();
    await banner().waitFor();
    expect(await banner().textContent()).toContain(`正在为 ${masked(grantor.name)} 办理`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'h5-family-authorisation-acting');
    await page.locator('.acting-banner__back:visible').click();
    await noBannerInView();
  });

  it('授权他人代办: the parent names an adult on the new screen, passes face verification on the way, and sees it in 我的授权', async () => {
    const [helper] = (await mock.json('/population/dev/people?count=1&offset=9&has=no-relations')).people as Array<{
      idNumber: string;
      name: string;
    }>;
    await page.goto(`${bff.url}/#/family/pages/members/index`);
    await page.reload();
    await page.getByRole('button', { name: '授权他人代办' }).click();
    const named = page.getByRole('radio', { name: '其他成年人（填写姓名和身份证号，需对方接受）' });
    await named.waitFor();
    // A minor child is not offered.
    expect(await page.locator('.grant__relation', { hasText: `${masked(child.name)}（子女` }).count()).toBe(0);
    await page.getByRole('checkbox', { name: '小学新生入学报名' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'h5-family-grant-empty');
    // Nothing chosen: said by each field, nothing sent.
    await page.locator('.grant__submit').click();
    await page.locator('.field--grantee .field__error', { hasText: '请选择授权给谁' }).waitFor();
    await page.locator('.field--scopes .field__error', { hasText: '请至少选择一项授权范围' }).waitFor();
    // Keyboard: Space on the focused radio, Enter on a checkbox.
    await named.focus();
    await page.keyboard.press(' ');
    expect(await named.getAttribute('aria-checked')).toBe('true');
    await page.locator('.field--name input').fill(helper.name);
    await page.getByRole('button', { name: '被授权人身份证号，点击输入' }).click();
    for (const key of helper.idNumber) await page.locator(`.id-keyboard__key[data-key="${key}"]`).click();
    await page.getByRole('button', { name: '完成输入' }).click();
    await page.getByRole('checkbox', { name: '预约办事' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('checkbox', { name: '小学新生入学报名' }).first().click();
    await screenshot(page, 'h5-family-grant-filled');
    expect(await seriousViolations(page)).toEqual([]);
    // The parent has not passed face verification: the app asks, the face page, and back here where the kept form is sent again.
    await page.locator('.grant__submit').click();
    await page.getByText('需要身份认证').waitFor();
    await page.getByText('去认证', { exact: true }).click();
    await page.getByRole('button', { name: '开始人脸识别' }).waitFor();
    await page
      .locator('.consent taro-checkbox-core, .consent .weui-check, .consent [aria-label="同意采集人脸信息"]')
      .first()
      .click();
    await page.getByRole('button', { name: '开始人脸识别' }).click();
    await page.getByText('模拟：本人，识别通过').click();
    // Back on 家人代办 with a confirmation; the new one in 我的授权, waiting for the helper.
    const notice = page.locator('.notice--ok:visible', {
      hasText: `已授权 ${masked(helper.name)}，待对方在“家人代办”中接受后生效`,
    });
    await notice.waitFor({ timeout: 30_000 });
    const row = page
      .locator('.family__authorisations-given:visible .family__authorisation', { hasText: masked(helper.name) })
      .first();
    await row.waitFor();
    expect(await row.textContent()).toContain('指定的人 · 待接受');
    // Scopes in words: the service by its title, as the screen offered it.
    await row.getByText('范围：预约、小学新生入学报名').waitFor();
    expect(await page.locator('.family:visible').textContent()).not.toContain(helper.idNumber);
    // The grant screen is gone from the history: the page in view is 家人代办.
    expect(await page.locator('.grant:visible').count()).toBe(0);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-family-granted');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the spouse authorises the parent from their own family list: the spouse’s row offers 为TA办理 until the authorisation’s last day', async () => {
    // The spouse, as the register holds them, signs in elsewhere, verifies and passes face (granting needs it).
    const { relations } = (await mock.json(`/population/v1/relations/${parent.idNumber}`)) as { relations: Relation[] };
    const spouse = relations.find((r) => r.relation === 'SPOUSE')!;
    expect(spouse).toBeDefined();
    const gql = graphqlClient(bff.url);
    const token = await anotherCitizen(
      { bff: bff.url, mock: mock.url },
      spouse,
      `h5-spouse-${Date.now()}`,
      `137${String(Date.now()).slice(-8)}`,
    );
    const family = (await gql('query { myFamily { ref relation maskedName } }', {}, token)).data.myFamily as Array<{
      ref: string;
      relation: string;
      maskedName: string;
    }>;
    const toParent = family.find((m) => m.relation === 'SPOUSE' && m.maskedName === masked(parent.name))!;
    const lastDay = new Date(Date.now() + 8 * 3600_000 + 20 * 86_400_000).toISOString().slice(0, 10);
    const granted = await gql(
      'mutation($to: AuthorisationGrantee!, $s: [String!]!, $u: String!) { grantAuthorisation(to: $to, scopes: $s, until: $u) { status } }',
      { to: { ref: toParent.ref }, s: ['appointments'], u: lastDay },
      token,
    );
    expect(granted.data?.grantAuthorisation.status).toBe('ACTIVE');

    await page.goto(`${bff.url}/#/family/pages/members/index`);
    await page.reload();
    // In the family list (我的授权 below offers the same act on the authorisation itself).
    const label = { name: `为TA办理（${masked(spouse.name)}）`, exact: true };
    const row = page
      .locator('.family__members:visible .family__member')
      .filter({ has: page.getByRole('button', label) });
    const act = row.getByRole('button', label);
    await act.waitFor();
    expect(await row.textContent()).toContain(`可代办至 ${lastDay}（TA的授权）`);
    expect(await row.textContent()).not.toContain('成年人需由本人授权后才能代办');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-family-authorised-by-spouse');
    expect(await seriousViolations(page)).toEqual([]);
    await act.click();
    await banner().waitFor();
    expect(await banner().textContent()).toContain(`正在为 ${masked(spouse.name)} 办理`);
    await page.locator('.acting-banner__back:visible').click();
    await noBannerInView();
  });

  it('the page and the banner in normal, elder and English mode (axe 0 serious)', async () => {
    for (const mode of VIEW_MODES) {
      await setViewMode(page, mode);
      await page.goto(`${bff.url}/#/family/pages/members/index`);
      await page.reload();
      await page.locator('.family__member').first().waitFor();
      await screenshot(page, `h5-family${mode.tag}`);
      expect(await seriousViolations(page)).toEqual([]);
      // The child's button (the spouse, who authorised the parent, has one too).
      const act = page.getByRole('button', {
        name: mode.locale === 'en' ? `Act for ${masked(child.name)}` : `为TA办理（${masked(child.name)}）`,
        exact: true,
      });
      await act.click();
      await banner().waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `h5-family-banner${mode.tag}`);
      expect(await banner().textContent()).toContain(
        mode.locale === 'en' ? `Acting for ${masked(child.name)}` : `正在为 ${masked(child.name)} 办理`,
      );
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('.acting-banner__back:visible').click();
      await noBannerInView();
      // 授权他人代办 in this mode.
      await page.goto(`${bff.url}/#/family/pages/grant/index`);
      await page.reload();
      await page.locator('.grant__relation, .grant__named').first().waitFor();
      await page.locator('.grant__scope').nth(2).waitFor();
      await screenshot(page, `h5-family-grant${mode.tag}`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await setViewMode(page, { locale: 'zh', elder: false });
    expect(errors).toEqual([]);
  });
});
