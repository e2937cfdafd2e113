import {
  Citizens,
  operatorToken,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
} from './helpers';
import { pngWithText } from '../../test-support/images';

const SAVE =
  'mutation($t: TileInput!, $r: Int!) { saveTileDraft(tile: $t, expectedRevision: $r) { revision updatedBy tile { id title publishAt expireAt } } }';
const PUBLISH = 'mutation($id: ID!, $r: Int!) { publishTile(id: $id, expectedRevision: $r) { id state liveVersion } }';
const UNPUBLISH = 'mutation($id: ID!) { unpublishTile(id: $id) { id state } }';
const ROLLBACK = 'mutation($id: ID!, $v: Int!) { rollbackTile(id: $id, version: $v) { id state liveVersion } }';
const LIVE = 'query($p: Platform!, $r: String) { serviceTiles(platform: $p, region: $r) { id title } }';

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

let n = 0;
const tile = (overrides: Record<string, unknown> = {}) => ({
  id: `test-tile-${Date.now().toString(36)}-${++n}`,
  title: '测试新服务',
  titleEn: 'Test service',
  icon: 'fund',
  categoryId: 'provident-fund',
  line: 'DO',
  target: { kind: 'SERVICE', value: 'pf-balance' },
  platforms: ['WECHAT', 'H5'],
  regions: [],
  requiredLevel: 0,
  order: 5,
  badge: 'NEW',
  ...overrides,
});

describe.each(testDatabases())('publishing tiles on $name', (database) => {
  let bff: RunningBff;
  let shiftMs = 0;
  const tokens: Record<string, string | undefined> = {};
  const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;
  const liveIds = async (platform: string, region?: string) =>
    (await bff.gql(LIVE, { p: platform, r: region })).body.data.serviceTiles.map((t: { id: string }) => t.id);

  beforeAll(async () => {
    bff = await startBff(
      { ...(await database.env()), AGENCY_BASE_URL: mock.url, TILE_CACHE_MS: '60000' },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    for (const role of ['editor', 'publisher', 'admin'] as const)
      tokens[role] = await operatorToken(bff, `${role}1`, role);
    tokens.editor2 = await operatorToken(bff, 'editor2', 'editor');
    tokens.citizen = (await new Citizens(bff, mock).signIn()).accessToken;
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => {
    shiftMs = 0;
  });

  it('checks every tile operation against anonymous, citizen, editor, publisher and admin', async () => {
    const draft = tile();
    await bff.gql(SAVE, { t: draft, r: 0 }, tokens.editor);
    const ops: Array<[string, string, Record<string, unknown>, string]> = [
      ['consoleTiles', '{ consoleTiles { id } }', {}, 'editor'],
      ['auditLog', '{ auditLog(limit: 5) { id } }', {}, 'editor'],
      ['tileVersions', 'query($id: ID!) { tileVersions(id: $id) { version } }', { id: draft.id }, 'editor'],
      ['saveTileDraft', SAVE, { t: tile(), r: 0 }, 'editor'],
      ['publishTile', PUBLISH, { id: draft.id, r: 99 }, 'publisher'],
      ['unpublishTile', UNPUBLISH, { id: 'no-such-tile' }, 'publisher'],
      ['rollbackTile', ROLLBACK, { id: draft.id, v: 99 }, 'publisher'],
    ];
    const rank = { anonymous: 0, citizen: 0, editor: 1, publisher: 2, admin: 3 } as const;
    for (const [name, query, variables, needed] of ops) {
      for (const who of ['anonymous', 'citizen', 'editor', 'publisher', 'admin'] as const) {
        const outcome = code((await bff.gql(query, variables, tokens[who])).body);
        const expected =
          rank[who] === 0
            ? 'UNAUTHENTICATED'
            : rank[who] < rank[needed as keyof typeof rank]
              ? 'OPERATOR_ROLE_REQUIRED'
              : 'allowed';
        // Allowed calls may still fail on their arguments (a stale revision, an unknown id): never on the role.
        const seen = outcome === 'UNAUTHENTICATED' || outcome === 'OPERATOR_ROLE_REQUIRED' ? outcome : 'allowed';
        expect([name, who, seen]).toEqual([name, who, expected]);
      }
    }
  });

  it('publishes to the targeted platforms and regions only; unpublish takes it away', async () => {
    const regional = tile({ regions: ['440300'], platforms: ['ALIPAY'] });
    const saved = (await bff.gql(SAVE, { t: regional, r: 0 }, tokens.editor)).body.data.saveTileDraft;
    expect(saved).toMatchObject({ revision: 1, updatedBy: 'editor1' });
    expect(await liveIds('ALIPAY', '440305')).not.toContain(regional.id); // a draft is not live
    const published = (await bff.gql(PUBLISH, { id: regional.id, r: 1 }, tokens.publisher)).body.data.publishTile;
    expect(published).toEqual({ id: regional.id, state: 'PUBLISHED', liveVersion: 1 });
    expect(await liveIds('ALIPAY', '440305')).toContain(regional.id);
    expect(await liveIds('ALIPAY', '350104')).not.toContain(regional.id);
    expect(await liveIds('WECHAT', '440305')).not.toContain(regional.id);
    expect((await bff.gql(UNPUBLISH, { id: regional.id }, tokens.publisher)).body.data.unpublishTile.state).toBe(
      'UNPUBLISHED',
    );
    expect(await liveIds('ALIPAY', '440305')).not.toContain(regional.id);
  });

  it('shows a scheduled tile at its publish time and removes it at its expiry, with nobody acting', async () => {
    const start = new Date(Date.now() + 3600_000).toISOString();
    const end = new Date(Date.now() + 2 * 3600_000).toISOString();
    const scheduled = tile({ publishAt: start, expireAt: end });
    await bff.gql(SAVE, { t: scheduled, r: 0 }, tokens.editor);
    expect((await bff.gql(PUBLISH, { id: scheduled.id, r: 1 }, tokens.publisher)).body.data.publishTile.state).toBe(
      'SCHEDULED',
    );
    expect(await liveIds('WECHAT')).not.toContain(scheduled.id);
    shiftMs = 90 * 60_000;
    bff.built.services.liveTiles.invalidate(); // the cache's own life is 60 s in this test; the clock jumped further
    expect(await liveIds('WECHAT')).toContain(scheduled.id);
    shiftMs = 3 * 3600_000;
    await bff.built.services.liveTiles.invalidate();
    expect(await liveIds('WECHAT')).not.toContain(scheduled.id);
    expect(
      (
        await bff.gql('query($s: TileState) { consoleTiles(state: $s) { id } }', { s: 'EXPIRED' }, tokens.editor)
      ).body.data.consoleTiles.map((t: { id: string }) => t.id),
    ).toContain(scheduled.id);
  });

  it('rolls back to an earlier version in one step, as a new version', async () => {
    const t = tile({ title: '第一版' });
    await bff.gql(SAVE, { t, r: 0 }, tokens.editor);
    await bff.gql(PUBLISH, { id: t.id, r: 1 }, tokens.publisher);
    await bff.gql(SAVE, { t: { ...t, title: '第二版坏了' }, r: 1 }, tokens.editor);
    await bff.gql(PUBLISH, { id: t.id, r: 2 }, tokens.publisher);
    const title = async () =>
      (await bff.gql(LIVE, { p: 'WECHAT' })).body.data.serviceTiles.find((x: { id: string }) => x.id === t.id)?.title;
    expect(await title()).toBe('第二版坏了');
    expect((await bff.gql(ROLLBACK, { id: t.id, v: 1 }, tokens.publisher)).body.data.rollbackTile).toEqual({
      id: t.id,
      state: 'PUBLISHED',
      liveVersion: 3,
    });
    expect(await title()).toBe('第一版');
    const versions = (
      await bff.gql(
        'query($id: ID!) { tileVersions(id: $id) { version action publishedBy tile { title } } }',
        { id: t.id },
        tokens.editor,
      )
    ).body.data.tileVersions;
    expect(versions.map((v: { version: number; action: string }) => [v.version, v.action])).toEqual([
      [3, 'rollback:1'],
      [2, 'publish'],
      [1, 'publish'],
    ]);
    expect(code((await bff.gql(ROLLBACK, { id: t.id, v: 42 }, tokens.publisher)).body)).toBe('TILE_VERSION_NOT_FOUND');
  });

  it('refuses a stale edit as a conflict and keeps both versions', async () => {
    const t = tile({ title: '原标题' });
    await bff.gql(SAVE, { t, r: 0 }, tokens.editor);
    // Both editors opened revision 1.
    expect(
      (await bff.gql(SAVE, { t: { ...t, title: '甲的修改' }, r: 1 }, tokens.editor)).body.data.saveTileDraft.revision,
    ).toBe(2);
    const stale = await bff.gql(SAVE, { t: { ...t, title: '乙的修改' }, r: 1 }, tokens.editor2);
    expect(stale.body.errors?.[0].extensions).toEqual({ code: 'TILE_CONFLICT', currentRevision: 2 });
    const draft = (
      await bff.gql('query($id: ID!) { tileDraft(id: $id) { revision tile { title } } }', { id: t.id }, tokens.editor)
    ).body.data.tileDraft;
    expect(draft).toEqual({ revision: 2, tile: { title: '甲的修改' } });
    const kept = await bff.built.services.db
      .selectFrom('tile_draft_conflicts')
      .selectAll()
      .where('tile_id', '=', t.id)
      .execute();
    expect(kept.map((k) => [k.author, JSON.parse(k.data).title])).toEqual([['editor2', '乙的修改']]);
    expect(code((await bff.gql(PUBLISH, { id: t.id, r: 1 }, tokens.publisher)).body)).toBe('TILE_CONFLICT');
  });

  it('refuses bad tiles with codes and saves nothing', async () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [
        { target: { kind: 'WEB', value: 'https://evil.example.com/phish' } },
        { code: 'TILE_TARGET_NOT_ALLOWED', field: 'target' },
      ],
      [
        { target: { kind: 'WEB', value: 'http://www.gd.gov.cn/' } },
        { code: 'TILE_TARGET_NOT_ALLOWED', field: 'target' },
      ],
      [{ target: { kind: 'SERVICE', value: 'no-such-service' } }, { code: 'TILE_TARGET_UNKNOWN', field: 'target' }],
      [{ target: { kind: 'PAGE', value: '/pages/nowhere/index' } }, { code: 'TILE_TARGET_UNKNOWN', field: 'target' }],
      [
        { publishAt: '2026-12-02T00:00:00Z', expireAt: '2026-12-01T00:00:00Z' },
        { code: 'TILE_SCHEDULE_INVALID', field: 'expireAt' },
      ],
      [{ title: '这是一个非常非常非常长的标题' }, { code: 'TILE_INVALID', field: 'title' }],
      [{ icon: 'upload:00000000-0000-0000-0000-000000000000' }, { code: 'TILE_INVALID', field: 'icon' }],
      [{ regions: ['990000'] }, { code: 'TILE_INVALID', field: 'regions' }],
      [{ categoryId: 'nothing' }, { code: 'TILE_INVALID', field: 'categoryId' }],
      [
        { target: { kind: 'MINIPROGRAM', value: '{"WECHAT":"wx123456"}' }, platforms: ['WECHAT', 'ALIPAY'] },
        { code: 'TILE_INVALID', field: 'target' },
      ],
    ];
    for (const [overrides, expected] of cases) {
      const t = tile(overrides);
      expect([overrides, (await bff.gql(SAVE, { t, r: 0 }, tokens.editor)).body.errors?.[0].extensions]).toEqual([
        overrides,
        expected,
      ]);
      expect(
        await bff.built.services.db.selectFrom('tile_drafts').select('tile_id').where('tile_id', '=', t.id).execute(),
      ).toEqual([]);
    }
    const good = await bff.gql(
      SAVE,
      { t: tile({ target: { kind: 'WEB', value: 'https://www.gd.gov.cn/zwgk/' } }), r: 0 },
      tokens.editor,
    );
    expect(good.body.errors).toBeUndefined();
  });

  it('takes an uploaded icon after checking its type and size', async () => {
    const upload = (bytes: Buffer, token?: string) =>
      fetch(`${bff.url}/operator/icons`, {
        method: 'POST',
        body: new Uint8Array(bytes),
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await upload(pngWithText())).status).toBe(401);
    expect((await upload(pngWithText(), tokens.citizen)).status).toBe(401);
    const huge = await upload(Buffer.concat([pngWithText(), Buffer.alloc(300 * 1024)]), tokens.editor);
    expect([huge.status, (await huge.json()).error]).toEqual([413, 'ICON_TOO_LARGE']);
    const notImage = await upload(Buffer.from('<svg onload="alert(1)"/>'), tokens.editor);
    expect([notImage.status, (await notImage.json()).error]).toEqual([415, 'ICON_TYPE']);
    const ok = await upload(pngWithText(), tokens.editor);
    const { icon, id } = await ok.json();
    expect(ok.status).toBe(201);
    expect((await bff.gql(SAVE, { t: tile({ icon }), r: 0 }, tokens.editor)).body.errors).toBeUndefined();
    const served = await fetch(`${bff.url}/icons/${id}`);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await served.arrayBuffer()).includes(Buffer.from('tEXt'))).toBe(false);
  });

  it('writes every action to an audit log the API cannot change', async () => {
    const t = tile();
    await bff.gql(SAVE, { t, r: 0 }, tokens.editor);
    await bff.gql(PUBLISH, { id: t.id, r: 1 }, tokens.publisher);
    await bff.gql(UNPUBLISH, { id: t.id }, tokens.admin);
    const entries = (
      await bff.gql('query($s: String) { auditLog(subject: $s) { actor action detail } }', { s: t.id }, tokens.editor)
    ).body.data.auditLog;
    expect(entries.map((e: { actor: string; action: string }) => [e.actor, e.action])).toEqual([
      ['operator:admin1', 'tile.unpublish'],
      ['operator:publisher1', 'tile.publish'],
      ['operator:editor1', 'tile.draft'],
    ]);
    expect(JSON.parse(entries[2].detail)).toMatchObject({ before: null, after: { id: t.id, title: t.title } });
    const mutations = (await bff.gql('{ __type(name: "Mutation") { fields { name } } }')).body.data.__type.fields.map(
      (f: { name: string }) => f.name,
    );
    expect(mutations.filter((m: string) => /audit/i.test(m))).toEqual([]);
  });
});
