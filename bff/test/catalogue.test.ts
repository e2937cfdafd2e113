import { AGENCIES } from '@citizen/shared';
import { operatorToken, startBff, startMockData, testDatabases, type MockData, type RunningBff } from './helpers';

const TILES = `query Tiles($platform: Platform!, $region: String) {
  serviceTiles(platform: $platform, region: $region) { id title line requiredLevel available category { id name } target { kind value } }
}`;

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

describe.each(testDatabases())('catalogue on $name', (database) => {
  let bff: RunningBff;
  let boardToken: string;
  beforeAll(async () => {
    bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url });
    boardToken = await operatorToken(bff, 'board', 'editor');
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  // Tiles and the board read the background agency status: refreshed here rather than waited for.
  afterEach(async () => {
    await mock.resetFaults();
    await bff.built.services.agencyStatus.refresh();
  });

  it('serves the seeded catalogue: at least 8 categories and 30 tiles, each with a title, icon, category and target', async () => {
    const { body } = await bff.gql('{ serviceCategories { id name nameEn icon order } }');
    expect(body.errors).toBeUndefined();
    const categories = body.data.serviceCategories;
    expect(categories.length).toBeGreaterThanOrEqual(8);
    expect(categories.map((c: { order: number }) => c.order)).toEqual(
      [...categories.map((c: { order: number }) => c.order)].sort((a, b) => a - b),
    );

    const tiles = (await bff.gql(TILES, { platform: 'WECHAT' })).body.data.serviceTiles;
    expect(tiles.length).toBeGreaterThanOrEqual(30);
    expect(new Set(tiles.map((t: { category: { id: string } }) => t.category.id)).size).toBeGreaterThanOrEqual(8);
    for (const tile of tiles) {
      expect(tile.title.length).toBeGreaterThan(0);
      expect(['DO', 'INQUIRE', 'BOOK', 'ASK']).toContain(tile.line);
      expect(['SERVICE', 'PAGE', 'WEB', 'MINIPROGRAM']).toContain(tile.target.kind);
    }
    expect(tiles.find((t: { id: string }) => t.id === 'car-move')).toMatchObject({
      target: { kind: 'PAGE', value: '/pages/car-move/index' },
      requiredLevel: 2,
      available: true,
    });
  });

  it('reads tiles from the database: a row added there is served', async () => {
    await bff.built.services.db
      .insertInto('service_tiles')
      .values({
        id: 'test-new-tile',
        title: '测试新服务',
        title_en: 'Test tile',
        icon: 'star',
        category_id: 'living',
        line: 'DO',
        target_kind: 'SERVICE',
        target_value: 'test-new-tile',
        agency: null,
        required_level: 0,
        badge: 'NEW',
        sort_order: 999,
        status: 'published',
      })
      .execute();
    await bff.built.services.db
      .insertInto('tile_platforms')
      .values({ tile_id: 'test-new-tile', platform: 'ALIPAY' })
      .execute();
    const alipay = (await bff.gql(TILES, { platform: 'ALIPAY' })).body.data.serviceTiles.map(
      (t: { id: string }) => t.id,
    );
    const wechat = (await bff.gql(TILES, { platform: 'WECHAT' })).body.data.serviceTiles.map(
      (t: { id: string }) => t.id,
    );
    expect(alipay).toContain('test-new-tile');
    expect(wechat).not.toContain('test-new-tile');
  });

  it('shows regional tiles only in their region, and platform-limited tiles only on their platforms', async () => {
    const ids = async (platform: string, region?: string) =>
      (await bff.gql(TILES, { platform, region })).body.data.serviceTiles.map((t: { id: string }) => t.id);
    // The seed's two regional tiles wait unpublished until their services are built (migration 0015): published here, the targeting is what is tested.
    await bff.built.services.db
      .updateTable('service_tiles')
      .set({ status: 'published' })
      .where('id', 'in', ['shenzhen-talent-points', 'fuzhou-metro'])
      .execute();
    expect(await ids('WECHAT', '440305')).toContain('shenzhen-talent-points'); // 南山区 is in 深圳 440300
    expect(await ids('WECHAT', '350104')).not.toContain('shenzhen-talent-points');
    expect(await ids('WECHAT', '350104')).toContain('fuzhou-metro');
    expect(await ids('BAIDU', '350104')).not.toContain('fuzhou-metro');
    expect(await ids('WECHAT')).not.toContain('fuzhou-metro');
  });

  it('answers bad input with coded errors, never a 500', async () => {
    const badPlatform = await bff.gql(TILES, { platform: 'NOKIA' });
    expect(badPlatform.status).toBeLessThan(500);
    expect(badPlatform.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    for (const region of ['99', '990000', 'abcdef', '4403051']) {
      const bad = await bff.gql(TILES, { platform: 'H5', region });
      expect([region, bad.body.errors?.[0].extensions]).toEqual([region, { code: 'UNKNOWN_REGION', field: 'region' }]);
    }
    const inline = await bff.gql('{ serviceTiles(platform: NOKIA) { id } }');
    expect(inline.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const parse = await bff.gql('{ serviceTiles(');
    expect(parse.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const missing = await bff.gql(TILES, {});
    expect(missing.status).toBeLessThan(500);
    expect(missing.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses queries deeper or wider than the limits', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: serviceCategories { id }`).join(' ');
    const wide = await bff.gql(`{ ${aliases} }`);
    expect(wide.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wide.body.data).toBeUndefined();
  });

  it('with one agency down, greys only the tiles that depend on it; the instance stays ready (an agency is no reason to leave the balancer)', async () => {
    await mock.fault('vehicle', { mode: 'down' });
    await bff.built.services.agencyStatus.refresh();
    const { body } = await bff.gql(TILES, { platform: 'H5' });
    expect(body.errors).toBeUndefined();
    const byId = new Map(
      body.data.serviceTiles.map((t: { id: string; available: boolean | null }) => [t.id, t.available]),
    );
    expect(byId.get('car-move')).toBe(false);
    // 机动车信息 reads the traffic police's records now (migration 0015), not the vehicle register: it stays.
    expect(byId.get('vehicle-info')).toBe(true);
    expect(byId.get('pf-balance')).toBe(true);
    expect(byId.get('hotline-12345')).toBeNull();

    const ready = await fetch(`${bff.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('reports each agency in agencyStatus to operators only, and /healthz and /readyz when all is well', async () => {
    expect((await bff.gql('{ agencyStatus { name } }')).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const { body } = await bff.gql(
      '{ agencyStatus { name title reachable latencyMs breaker calls failures } }',
      {},
      boardToken,
    );
    expect(body.data.agencyStatus).toHaveLength(AGENCIES.length);
    for (const status of body.data.agencyStatus) expect(status).toMatchObject({ reachable: true, breaker: 'CLOSED' });
    expect((await fetch(`${bff.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bff.url}/readyz`);
    expect([ready.status, (await ready.json()).status]).toEqual([200, 'ready']);
  });

  it('counts agency calls and failures at /metrics in Prometheus format', async () => {
    await mock.fault('sms', { mode: 'down' });
    await bff.built.services.agencyStatus.refresh();
    const text = await (await fetch(`${bff.url}/metrics`)).text();
    expect(text).toMatch(/bff_upstream_calls_total\{agency="population",outcome="ok"\} \d+/);
    expect(text).toMatch(/bff_upstream_calls_total\{agency="sms",outcome="server_error"\} [1-9]/);
    expect(text).toContain('# TYPE bff_breaker_open gauge');
  });
});
