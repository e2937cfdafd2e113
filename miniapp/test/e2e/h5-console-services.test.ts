import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { maskName } from '@citizen/shared';
import { REPO, startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { ARTIFACTS, launchBrowser, screenshot, seriousViolations, verifiedCitizenPage } from './browser';

jest.setTimeout(180_000);

const SERVICE_ID = `fund-contact-${Date.now().toString(36)}`;
const TITLE = '公积金联系信息变更';

/**
 * A service goes online without a release: a publisher builds it entirely in the
 * console (guide, a prefilled field, a field with a rule and its own message, a choice
 * and a field shown only for one answer), previews it, publishes it and creates its
 * tile; a citizen in another browser context applies for it, finds their name locked,
 * meets the rule inline, submits, and the department has it.
 */
describe('a service built in the console of the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let op: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url, OUTBOX_POLL_MS: '200', DEPARTMENT_POLL_MS: '200' });
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
    browser = await launchBrowser();
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    op = await desktop.newPage();
    op.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  const fill = (name: string, value: string) => op.locator(`.${name} input, .${name} textarea`).first().fill(value);
  const press = (name: string) => op.getByRole('button', { name, exact: true }).click();

  it('lists the services with their state and version, with no serious accessibility findings', async () => {
    await op.goto(`${bff.url}/#/operator/pages/login/index`);
    await op.locator('.op-username input').fill('publisher');
    await op.locator('.op-password input').fill('publish-pass-2026');
    await op.getByRole('button', { name: '登录后台' }).click();
    await op.locator('.console-tile').first().waitFor();
    await op.getByRole('link', { name: '办事服务' }).click();
    await op.locator('.console-service').first().waitFor();
    const first = await op.locator('.console-service').first().textContent();
    expect(first).toMatch(/已发布v\d+/);
    expect(await seriousViolations(op)).toEqual([]);
    await screenshot(op, 'h5-console-services');
  });

  it('builds the service: guide, fields, a rule, a condition and a prefill picked from the register’s description', async () => {
    await press('新建服务');
    await op.locator('.service-basics').waitFor();
    expect(pageErrors).toEqual([]);
    await fill('svc-id', SERVICE_ID);
    await fill('svc-title', TITLE);
    await fill('svc-title-en', 'Change provident fund contact details');
    await fill('svc-description', '变更住房公积金账户的联系邮箱。');
    await fill('svc-description-en', 'Change the contact email of a provident fund account.');
    await press('分类 住房公积金');
    await press('部门 住房公积金管理中心');
    const guide: Array<[string, string]> = [
      ['guide-item-code', '44030012399'],
      ['guide-legalBasis', '《住房公积金管理条例》'],
      ['guide-legalBasis-en', 'Housing Provident Fund Regulations'],
      ['guide-eligibility', '本市缴存人'],
      ['guide-eligibility-en', 'Contributors in the city'],
      ['guide-feeBasis', '不收费'],
      ['guide-feeBasis-en', 'No fee'],
      ['guide-place', '市民中心B区'],
      ['guide-place-en', 'Citizen Centre, Block B'],
      ['guide-hours', '工作日9:00-17:00'],
      ['guide-hours-en', 'Weekdays 9:00-17:00'],
      ['guide-result', '信息变更'],
      ['guide-result-en', 'Details changed'],
      ['guide-delivery', '短信通知'],
      ['guide-delivery-en', 'By text message'],
      ['guide-enquiry-phone', '12329'],
      ['guide-complaint-phone', '12345'],
    ];
    for (const [name, value] of guide) await fill(name, value);

    // 1. The name, prefilled from the population register's described record.
    await press('添加文本');
    await fill('fb-id', 'name');
    await fill('fb-label', '姓名');
    await fill('fb-label-en', 'Name');
    await press('预填来源 户籍人口');
    await op.getByRole('button', { name: /^预填字段 name / }).click();
    await press('收起 name');
    // 2. An email with a rule and its own message.
    await press('添加文本');
    await fill('fb-id', 'email');
    await fill('fb-label', '电子邮箱');
    await fill('fb-label-en', 'Email');
    await fill('fb-pattern', '[^@\\s]+@[^@\\s]+');
    await fill('fb-pattern-message', '请输入有效的邮箱地址');
    await fill('fb-pattern-message-en', 'Enter a valid email address.');
    await press('收起 email');
    // 3. A choice, 4. a field shown only for one of its answers.
    await press('添加单选');
    await fill('fb-id', 'reason');
    await fill('fb-label', '变更原因');
    await fill('fb-label-en', 'Reason');
    await fill('fb-option-value-0', 'moved');
    await fill('fb-option-label-0', '搬家');
    await fill('fb-option-label-en-0', 'Moved');
    await fill('fb-option-value-1', 'other');
    await fill('fb-option-label-1', '其他');
    await fill('fb-option-label-en-1', 'Other');
    await press('收起 reason');
    await press('添加文本');
    await fill('fb-id', 'reasonOther');
    await fill('fb-label', '其他原因');
    await fill('fb-label-en', 'Other reason');
    await fill('fb-max-length', '50');
    await op.getByRole('button', { name: /^条件字段 变更原因/ }).click();
    await fill('fb-condition-equals', 'other');
    await op.locator('.form-builder').screenshot({ path: path.join(ARTIFACTS, 'h5-console-form-builder.png') });
    await press('收起 reasonOther');
    expect(await op.locator('.fb-field').count()).toBe(4);
  });

  it('previews the form with the test person’s name locked, the rule checked, in elder mode and in English', async () => {
    const preview = op.locator('.form-preview');
    await preview.scrollIntoViewIfNeeded();
    expect(await preview.locator('.field--name').textContent()).toContain(maskName('张小明'));
    expect(await preview.locator('.field--name input').count()).toBe(0);
    // The conditional field appears for its answer only.
    expect(await preview.locator('.field--reasonOther').count()).toBe(0);
    await preview.getByRole('radio', { name: '其他' }).click();
    await preview.locator('.field--reasonOther').waitFor();
    await preview.locator('.field--email input').fill('not-an-email');
    await preview.locator('.field--email input').blur();
    await preview.getByText('请输入有效的邮箱地址').waitFor();
    await press('预览方式 长辈模式');
    await preview.locator('.screen--elder').waitFor();
    await preview.screenshot({ path: path.join(ARTIFACTS, 'h5-console-preview-elder.png') });
    await op.getByRole('button', { name: '预览方式 English' }).click();
    await preview.getByText('Enter a valid email address.').waitFor();
    await preview.getByText('Other reason').waitFor();
    await preview.screenshot({ path: path.join(ARTIFACTS, 'h5-console-preview-en.png') });
    // Back to Chinese (the console's language follows).
    await op.getByRole('button', { name: 'Preview mode English' }).click();
    await op.getByText('表单字段（按顺序）').waitFor();
    await press('预览方式 长辈模式');
  });

  it('saves, publishes with confirmation, creates the tile in one step, with no serious accessibility findings', async () => {
    await press('保存草稿');
    await op.getByText('草稿已保存（第 1 稿）').waitFor();
    await op.locator('.service-basics').scrollIntoViewIfNeeded();
    await screenshot(op, 'h5-console-service-editor');
    expect(await seriousViolations(op)).toEqual([]);
    await press('发布');
    await op.getByText('发布后市民即可申请。确定发布？').waitFor();
    await op.getByText('发布', { exact: true }).last().click();
    await op.getByText('已发布为第 1 版').waitFor();
    await op
      .locator('.service-versions')
      .getByText(/第 1 版 · publish · publisher/)
      .waitFor();
    await press('生成磁贴');
    await op.getByText('生成', { exact: true }).last().click();
    await op.getByText('磁贴已生成并发布').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('is applied for by a citizen in another context: the name locked, the rule inline, delivered to the fund centre', async () => {
    const { page, errors, who } = await verifiedCitizenPage(browser, { bff: bff.url, mock: mock.url }, 'offset=233');
    const tiles = await fetch(`${bff.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query { serviceTiles(platform: H5) { id title } }' }),
    }).then((r) => r.json() as Promise<{ data: { serviceTiles: Array<{ id: string; title: string }> } }>);
    expect(tiles.data.serviceTiles).toContainEqual({ id: SERVICE_ID, title: TITLE });
    await page.goto(`${bff.url}/#/pages/service/index?id=${SERVICE_ID}`);
    await page.locator('.service__start').waitFor();
    expect(await page.locator('.service').textContent()).toContain('住房公积金管理中心');
    // The 办事指南 published with it, on the citizen's service page.
    const shownGuide = (await page.locator('.service__guide').textContent()) ?? '';
    for (const part of ['办事指南', '44030012399', '《住房公积金管理条例》', '市民中心B区', '12329'])
      expect(shownGuide).toContain(part);
    await page.locator('.service__guide').scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-service-guide');
    await page.locator('.service__start').click();
    // Sign-in first when this browser has none yet (the platform login finds the verified account).
    const login = page.getByText('登录', { exact: true });
    await page.locator('.field--locked').or(login).first().waitFor();
    if (await login.isVisible()) await login.click();
    await page.locator('.field--locked').first().waitFor();
    expect(await page.locator('.field--name').textContent()).toContain(maskName(who.name));
    expect(await page.locator('.field--name input').count()).toBe(0);

    // The condition: 其他 brings its own question.
    expect(await page.locator('.field--reasonOther').count()).toBe(0);
    await page.getByRole('radio', { name: '其他' }).click();
    await page.locator('.field--reasonOther').waitFor();
    await page.locator('.field--email input').fill('li-at-example');
    await page.locator('.apply__review').click();
    await page.locator('.field--email').getByText('请输入有效的邮箱地址').waitFor();
    await screenshot(page, 'h5-console-service-citizen-rule');
    await page.locator('.field--email input').fill('li@example.cn');
    await page.locator('.field--reasonOther input, .field--reasonOther textarea').first().fill('换了工作');
    await page.locator('.apply__review').click();
    await page.locator('.apply__submit').waitFor();
    await page.locator('.apply__submit').click();
    // The confirmation (提交成功) or the application itself, both with its number.
    const done = page.locator('.submitted, .application').first();
    await done
      .getByText(/SQ\d{16}/)
      .first()
      .waitFor();
    const number = /SQ\d{16}/.exec((await done.textContent()) ?? '')![0];
    let delivered: Array<{ serviceId: string; answers: Record<string, string> }> = [];
    for (let i = 0; i < 100 && !delivered.length; i++) {
      delivered = (await mock.json(`/provident-fund/dev/applications?reference=${number}`)).applications;
      if (!delivered.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      serviceId: SERVICE_ID,
      answers: expect.objectContaining({ email: 'li@example.cn', reason: 'other', reasonOther: '换了工作' }),
    });
    expect(errors).toEqual([]);
  });
});
