import fs from 'node:fs';
import path from 'node:path';
import { startBff, startMockData, testDatabases, type MockData, type RunningBff } from './helpers';

jest.setTimeout(60_000);

const MINIAPP = path.resolve(__dirname, '../../miniapp/src');
const TILES = `query($p: Platform!, $r: String) { serviceTiles(platform: $p, region: $r) { id title line requiredLevel target { kind value } } }`;
const PLATFORMS = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'] as const;
/** Regions the regional seed tiles are for, and none (the home grid without a known region). */
const REGIONS = [null, '440305', '350102'];

/** The app's registered pages (app.config.ts, read as Taro reads it) and the pages a tile may open directly (openTile.ts). */
function appPages() {
  (globalThis as { defineAppConfig?: unknown }).defineAppConfig ??= (config: unknown) => config;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after defineAppConfig exists, as Taro loads it
  const config = require(path.join(MINIAPP, 'app.config')).default as {
    pages: string[];
    subPackages: Array<{ root: string; pages: string[] }>;
  };
  // A subpackage's pages are opened under its root (/fees/pages/bills/index, /pages/records/index).
  const registered = new Set([
    ...config.pages.map((page) => `/${page}`),
    ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `/${sub.root}/${page}`)),
  ]);
  const openTile = fs.readFileSync(path.join(MINIAPP, 'features/catalogue/openTile.ts'), 'utf8');
  const openable = new Set([...openTile.matchAll(/'(\/(?:[\w-]+\/)?pages\/[\w-]+\/index[^']*)'/g)].map((m) => m[1]!));
  return { registered, openable };
}

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

describe.each(testDatabases())('every published tile answers, on $name', (database) => {
  let bff: RunningBff;
  beforeAll(async () => {
    bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url });
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  it('no tile on any platform or region lands on 该服务正在接入', async () => {
    const { registered, openable } = appPages();
    const dead: string[] = [];
    const seen = new Set<string>();
    for (const platform of PLATFORMS) {
      for (const region of REGIONS) {
        const { body } = await bff.gql(TILES, { p: platform, r: region });
        expect(body.errors).toBeUndefined();
        for (const tile of body.data.serviceTiles as Array<{
          id: string;
          title: string;
          target: { kind: string; value: string };
        }>) {
          seen.add(tile.id);
          const where = `${platform}${region ? `/${region}` : ''} ${tile.id} ${tile.title} → ${tile.target.kind} ${tile.target.value}`;
          if (tile.target.kind === 'SERVICE') {
            // The service page shows 正在接入 exactly when service(id) is null.
            const service = (await bff.gql('query($id: ID!) { service(id: $id) { id } }', { id: tile.target.value }))
              .body.data?.service;
            if (!service) dead.push(where);
          } else if (tile.target.kind === 'PAGE') {
            const page = tile.target.value.split('?')[0]!;
            const opensDirectly = openable.has(tile.target.value) || openable.has(page);
            const built = registered.has(page) && fs.existsSync(path.join(MINIAPP, `${page.slice(1)}.tsx`));
            if (!opensDirectly || !built)
              dead.push(
                `${where} (${!built ? 'page not built or not registered' : 'openTile sends it to the service page'})`,
              );
          } else if (tile.target.kind === 'WEB') {
            if (!/^https:\/\//.test(tile.target.value)) dead.push(where);
          }
        }
      }
    }
    expect(dead).toEqual([]);
    // The walk saw the 查 line's tiles (a guard against walking an empty catalogue).
    for (const id of [
      'pf-balance',
      'traffic-violations',
      'realtime-bus',
      'business-licence-query',
      'vaccination-record',
      'water-fee',
      'power-fee',
      'gas-fee',
    ])
      expect(seen).toContain(id);
  });
});
