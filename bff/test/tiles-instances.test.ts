import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { operatorToken, startBff, startMockData, type MockData, type RunningBff } from './helpers';

const PG = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
/** How the instances tell each other: Redis pub/sub, or only their shared PostgreSQL database (LISTEN/NOTIFY). */
const buses = [
  ...(REDIS ? [{ bus: 'Redis', extra: { REDIS_URL: REDIS } }] : []),
  { bus: 'PostgreSQL LISTEN/NOTIFY', extra: {} as Record<string, string> },
];

/**
 * Two BFF instances on one PostgreSQL database, each caching live tiles, notices and
 * service definitions for a minute: a publish on one is served by the other within
 * seconds, because the publish tells every instance to drop its cache.
 */
(PG ? describe.each(buses) : describe.skip.each(buses))(
  'a publish on one instance, served by another, through $bus',
  ({ extra }) => {
    let mock: MockData;
    const instances: RunningBff[] = [];
    const schema = `t_tiles_${Object.keys(extra).length ? 'r' : 'p'}_${process.pid}_${Date.now().toString(36)}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-tiles-'));

    beforeAll(async () => {
      mock = await startMockData();
      const env = {
        DATABASE_URL: PG!,
        DATABASE_SCHEMA: schema,
        DATA_DIR: dataDir,
        ...extra,
        REDIS_KEY_PREFIX: schema,
        AGENCY_BASE_URL: mock.url,
        TILE_CACHE_MS: '60000',
        SERVICE_CACHE_MS: '60000',
      };
      for (let i = 0; i < 2; i++) instances.push(await startBff(env));
    });
    afterAll(async () => {
      for (const instance of instances) await instance.stop();
      await mock.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      const pool = new Pool({ connectionString: PG });
      await pool.query(`drop schema if exists "${schema}" cascade`);
      await pool.end();
    });

    it('shows the new tile on the other instance within seconds', async () => {
      const [a, b] = instances;
      const token = await operatorToken(a, 'pub', 'publisher');
      const ids = async () =>
        (await b.gql('{ serviceTiles(platform: H5) { id } }')).body.data.serviceTiles.map((t: { id: string }) => t.id);
      expect(await ids()).not.toContain('multi-instance-tile'); // b has cached the list now
      const tile = {
        id: 'multi-instance-tile',
        title: '新上线服务',
        titleEn: 'New service',
        icon: 'fund',
        categoryId: 'living',
        line: 'DO',
        target: { kind: 'SERVICE', value: 'water-fee' },
        platforms: ['H5'],
        regions: [],
        requiredLevel: 0,
        order: 1,
      };
      await a.gql(
        'mutation($t: TileInput!) { saveTileDraft(tile: $t, expectedRevision: 0) { revision } }',
        { t: tile },
        token,
      );
      const published = Date.now();
      await a.gql('mutation { publishTile(id: "multi-instance-tile", expectedRevision: 1) { state } }', {}, token);
      for (;;) {
        if ((await ids()).includes('multi-instance-tile')) break;
        if (Date.now() - published > 5000) throw new Error('instance b still serves the old tiles after 5 s');
        await new Promise((r) => setTimeout(r, 100));
      }
    });

    /** Polls `seen` on b until it holds, or fails after 5 s: what a publish on a must reach. */
    const within5s = async (what: string, seen: () => Promise<boolean>) => {
      const started = Date.now();
      while (!(await seen())) {
        if (Date.now() - started > 5000) throw new Error(`instance b still serves ${what} after 5 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    it('shows a notice published on a, and drops it when unpublished on a, on b within seconds (notices cached too)', async () => {
      const [a, b] = instances;
      const token = await operatorToken(a, 'pub-notices', 'publisher');
      const live = async () =>
        ((await b.gql('{ homeNotices { id } }')).body.data.homeNotices as Array<{ id: string }>).map((n) => n.id);
      expect(await live()).not.toContain('multi-instance-notice'); // b has cached the notices now
      const notice = {
        id: 'multi-instance-notice',
        kind: 'NOTICE',
        title: '系统维护',
        titleEn: 'Maintenance',
        order: 1,
      };
      const saved = await a.gql(
        'mutation($n: NoticeInput!) { saveNoticeDraft(notice: $n, expectedRevision: 0) { revision } }',
        { n: notice },
        token,
      );
      expect(saved.body.errors).toBeUndefined();
      await a.gql('mutation { publishNotice(id: "multi-instance-notice", expectedRevision: 1) { state } }', {}, token);
      await within5s('the notices before the publish', async () => (await live()).includes('multi-instance-notice'));
      await a.gql('mutation { unpublishNotice(id: "multi-instance-notice") { state } }', {}, token);
      await within5s('the unpublished notice', async () => !(await live()).includes('multi-instance-notice'));
    });

    it('stops offering a service unpublished on a on b within seconds (definitions cached too)', async () => {
      const [a, b] = instances;
      const token = await operatorToken(a, 'pub-services', 'publisher');
      const title = async () =>
        (await b.gql('{ service(id: "pf-withdraw-purchase") { title } }')).body.data.service?.title ?? null;
      expect(await title()).not.toBeNull(); // b has cached the definition now
      const unpublished = await a.gql('mutation { unpublishService(id: "pf-withdraw-purchase") { id } }', {}, token);
      expect(unpublished.body.errors).toBeUndefined();
      await within5s('the unpublished service', async () => (await title()) === null);
    });
  },
);
