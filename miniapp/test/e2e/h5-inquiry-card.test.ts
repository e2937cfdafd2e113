import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO, startBffProcess, startMockData, type BffProcess, type MockData } from '../../../test-support/stack';
import { launchBrowser, screenshot, seriousViolations, setViewMode, verifiedCitizenPage, VIEW_MODES } from './browser';

jest.setTimeout(180_000);

const CARD_ID = `pf-card-${Date.now().toString(36)}`;
const TILE_ID = `pf-card-tile-${Date.now().toString(36)}`;

/**
 * A 查 card goes online without a release (issue 15): a publisher saves, previews and
 * publishes it and a tile that opens it; a citizen opens the tile in the H5 build and
 * sees their own provident fund record (account masked, balance grouped with 元), never
 * another citizen's, in normal, elder and English mode.
 */
describe('a 查 card published by an operator, opened from its tile in the H5 build', () => {
  let mock: MockData;
  let bff: BffProcess;
  let browser: Browser;
  let token = '';
  const gql = async (query: string, variables: Record<string, unknown>, auth?: string) =>
    (
      await fetch(`${bff.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify({ query, variables }),
      })
    ).json() as Promise<any>;

  beforeAll(async () => {
    mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
    bff = await startBffProcess({ AGENCY_BASE_URL: mock.url });
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
    token = (
      await gql('mutation { operatorSignIn(username: "publisher", password: "publish-pass-2026") { token } }', {})
    ).data.operatorSignIn.token;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await mock?.stop();
  });

  it('is published with its tile by the operator', async () => {
    const card = {
      id: CARD_ID,
      title: '我的公积金',
      titleEn: 'My provident fund',
      source: 'provident-fund',
      requiredLevel: 2,
      fields: [
        { path: 'accountNumber', label: '公积金账号', labelEn: 'Fund account', mask: 'ACCOUNT', format: 'TEXT' },
        { path: 'balanceCents', label: '账户余额', labelEn: 'Balance', mask: 'NONE', format: 'YUAN_FROM_FEN' },
      ],
    };
    const saved = await gql(
      'mutation($c: InquiryCardInput!) { saveInquiryCardDraft(card: $c, expectedRevision: 0) { revision } }',
      { c: card },
      token,
    );
    const revision = saved.data.saveInquiryCardDraft.revision;
    expect(
      (
        await gql(
          'mutation($id: ID!, $r: Int!) { previewInquiryCard(id: $id, revision: $r) { found } }',
          { id: CARD_ID, r: revision },
          token,
        )
      ).data.previewInquiryCard.found,
    ).toBe(true);
    expect(
      (
        await gql(
          'mutation($id: ID!, $r: Int!) { publishInquiryCard(id: $id, expectedRevision: $r) { id } }',
          { id: CARD_ID, r: revision },
          token,
        )
      ).errors,
    ).toBeUndefined();
    const tile = {
      id: TILE_ID,
      title: '查公积金卡',
      titleEn: 'Fund card',
      icon: 'fund',
      categoryId: 'provident-fund',
      line: 'INQUIRE',
      target: { kind: 'PAGE', value: `/inquiry/pages/card/index?id=${CARD_ID}` },
      platforms: ['H5'],
      regions: [],
      requiredLevel: 2,
      order: 0,
    };
    expect(
      (
        await gql(
          'mutation($t: TileInput!) { saveTileDraft(tile: $t, expectedRevision: 0) { revision } }',
          { t: tile },
          token,
        )
      ).errors,
    ).toBeUndefined();
    expect(
      (await gql('mutation($id: ID!) { publishTile(id: $id, expectedRevision: 1) { state } }', { id: TILE_ID }, token))
        .data.publishTile.state,
    ).toBe('PUBLISHED');
  });

  it('opens from its tile with the citizen’s own record, never another’s, in normal, elder and English mode; no serious accessibility findings', async () => {
    const other = await verifiedCitizenPage(browser, { bff: bff.url, mock: mock.url }, 'offset=241&has=provident-fund');
    const { page, errors, who } = await verifiedCitizenPage(
      browser,
      { bff: bff.url, mock: mock.url },
      'offset=247&has=provident-fund',
    );
    const own = (await mock.json(`/provident-fund/v1/accounts/${who.idNumber}`)) as {
      accountNumber: string;
      balanceCents: number;
    };
    const theirs = (await mock.json(`/provident-fund/v1/accounts/${other.who.idNumber}`)) as {
      accountNumber: string;
      balanceCents: number;
    };
    expect(theirs.accountNumber).not.toBe(own.accountNumber);
    const grouped = (own.balanceCents / 100).toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    const masked = `${own.accountNumber.slice(0, 4)}${'*'.repeat(own.accountNumber.length - 8)}${own.accountNumber.slice(-4)}`;

    // The citizen finds the tile (home, else the 办事 list) and opens it; signing in when asked.
    await page.goto(`${bff.url}/#/pages/home/index`);
    const tile = page.locator(`[data-tile-id="${TILE_ID}"]`).first();
    await page.locator('.tile').first().waitFor();
    if (!(await tile.count())) {
      await page.goto(`${bff.url}/#/pages/services/index`);
      await tile.waitFor();
    }
    await tile.click();
    const login = page.getByText('登录', { exact: true });
    await page.locator('.inquiry__row').or(login).first().waitFor();
    if (await login.isVisible()) await login.click();
    await page.locator('.inquiry__row').first().waitFor();
    expect(page.url()).toContain(`/inquiry/pages/card/index?id=${CARD_ID}`);
    const rows = await page.locator('.inquiry__row').allTextContents();
    expect(rows).toEqual([`公积金账号${masked}`, `账户余额${grouped} 元`]);
    const text = (await page.locator('.inquiry').textContent()) ?? '';
    // The other citizen's record appears nowhere (their masked account, their balance); the own account only masked.
    expect(text).not.toContain(
      `${theirs.accountNumber.slice(0, 4)}${'*'.repeat(theirs.accountNumber.length - 8)}${theirs.accountNumber.slice(-4)}`,
    );
    expect(text).not.toContain(
      (theirs.balanceCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    );
    expect(text).not.toContain(own.accountNumber);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'h5-inquiry-card');

    for (const mode of VIEW_MODES.slice(1)) {
      await setViewMode(page, mode);
      await page.reload();
      await page.locator('.inquiry__row').first().waitFor();
      const shown = await page.locator('.inquiry__row').allTextContents();
      expect(shown[1]).toBe(mode.locale === 'en' ? `BalanceCNY ${grouped}` : `账户余额${grouped} 元`);
      if (mode.elder) await page.locator('.screen--elder').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `h5-inquiry-card${mode.tag}`);
    }
    // A way back.
    await page.getByRole('button', { name: 'Back' }).last().click();
    await page.waitForURL((url) => !url.toString().includes('/inquiry/'));
    expect(errors).toEqual([]);
    await other.page.close();
  });

  it('is taken off line in the console only once no published tile opens it; then the citizen is told it is gone, with a way back', async () => {
    const op = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await op.goto(`${bff.url}/#/operator/pages/login/index`);
    await op.locator('.op-username input').fill('publisher');
    await op.locator('.op-password input').fill('publish-pass-2026');
    await op.getByRole('button', { name: '登录后台' }).click();
    await op.locator('.console-tile').first().waitFor();
    await op.getByRole('link', { name: '查询卡片' }).click();
    await op.locator('.console-card', { hasText: CARD_ID }).click();
    await op.locator('.inquiry-editor').waitFor();
    const takeOff = async () => {
      await op.getByRole('button', { name: '下线', exact: true }).click();
      await op.getByText('确定下线？', { exact: false }).waitFor();
      await op.getByText('下线', { exact: true }).last().click();
    };
    // Its tile is live: refused, naming the tile.
    await takeOff();
    const refusal = op.locator('.message--error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(TILE_ID);
    expect(await seriousViolations(op)).toEqual([]);
    await screenshot(op, 'h5-console-inquiry-in-use');
    // The tile goes first (as the message says), then the card.
    expect(
      (await gql('mutation($id: ID!) { unpublishTile(id: $id) { state } }', { id: TILE_ID }, token)).errors,
    ).toBeUndefined();
    await takeOff();
    await op.locator('.message--ok', { hasText: '已下线' }).waitFor();
    await op.locator('.console-card', { hasText: CARD_ID }).locator('.state--UNPUBLISHED').waitFor();
    await screenshot(op, 'h5-console-inquiry-off-line');
    await op.close();

    // A citizen who kept the link meets a clear message and a way back, not a blank page.
    const { page } = await verifiedCitizenPage(
      browser,
      { bff: bff.url, mock: mock.url },
      'offset=253&has=provident-fund',
    );
    await page.goto(`${bff.url}/#/inquiry/pages/card/index?id=${CARD_ID}`);
    await page.getByText('该查询已下线或不存在。').waitFor();
    expect(await page.getByRole('button', { name: '返回' }).count()).toBeGreaterThan(0);
    await page.close();
  });
});
