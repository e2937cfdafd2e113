import type { Db } from '../../db';
import type { ServiceCategoryTable, ServiceTileTable } from '../../db/schema';
import type { PublishedCache } from '../../publishedCache';

export type CategoryRow = ServiceCategoryTable;
export type TileRow = Omit<ServiceTileTable, 'created_at'>;
/**
 * A published tile as home and search show it, its category joined in: every tile's
 * category resolved from the row, with no loader and no promise per tile (issue 12).
 */
export type LiveTile = TileRow & { readonly category: CategoryRow };

/** The division codes a region belongs to: itself, its city and its province. */
export function regionAncestors(region: string): string[] {
  return [...new Set([region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`])];
}

/** Reads of the catalogue tables. */
export class CatalogueStore {
  /**
   * `categories`: the categories kept per instance. Only the seed step adds them (never
   * the console), and the home screen and every form read them (issue 12).
   */
  constructor(
    private readonly db: Db,
    private readonly categories: PublishedCache<readonly CategoryRow[]>,
  ) {}

  listCategories(): Promise<readonly CategoryRow[]> {
    const read = (): Promise<readonly CategoryRow[]> =>
      this.db.selectFrom('service_categories').selectAll().orderBy('sort_order').orderBy('id').execute();
    return this.categories.get('all', read);
  }

  async categoriesByIds(ids: readonly string[]): Promise<CategoryRow[]> {
    if (ids.length === 0) return [];
    const wanted = new Set(ids);
    return (await this.listCategories()).filter((c) => wanted.has(c.id));
  }

  /**
   * Published tiles shown on a platform at `now`, optionally in a region (tiles with no
   * regions show everywhere). Scheduled tiles appear at publish_at and go at expire_at
   * by this filter alone: nothing has to run at those times.
   */
  async listPublishedTiles(platform: string, region: string | undefined, now: Date): Promise<LiveTile[]> {
    const at = now.toISOString();
    let query = this.db
      .selectFrom('service_tiles as t')
      .innerJoin('service_categories as c', 'c.id', 't.category_id')
      .select([
        't.id',
        't.title',
        't.title_en',
        't.icon',
        't.category_id',
        't.line',
        't.target_kind',
        't.target_value',
        't.agency',
        't.required_level',
        't.badge',
        't.sort_order',
        't.status',
        't.publish_at',
        't.expire_at',
        't.live_version',
        'c.name as category_name',
        'c.name_en as category_name_en',
        'c.icon as category_icon',
        'c.sort_order as category_sort_order',
      ])
      .where('t.status', '=', 'published')
      .where((eb) => eb.or([eb('t.publish_at', 'is', null), eb('t.publish_at', '<=', at)]))
      .where((eb) => eb.or([eb('t.expire_at', 'is', null), eb('t.expire_at', '>', at)]))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('tile_platforms as p')
            .select('p.tile_id')
            .whereRef('p.tile_id', '=', 't.id')
            .where('p.platform', '=', platform),
        ),
      );
    if (region) {
      query = query.where((eb) =>
        eb.or([
          eb.not(eb.exists(eb.selectFrom('tile_regions as r').select('r.tile_id').whereRef('r.tile_id', '=', 't.id'))),
          eb.exists(
            eb
              .selectFrom('tile_regions as r')
              .select('r.tile_id')
              .whereRef('r.tile_id', '=', 't.id')
              .where('r.division_code', 'in', regionAncestors(region)),
          ),
        ]),
      );
    } else {
      // Without a region, regional tiles are left out: we do not know the citizen is there.
      query = query.where((eb) =>
        eb.not(eb.exists(eb.selectFrom('tile_regions as r').select('r.tile_id').whereRef('r.tile_id', '=', 't.id'))),
      );
    }
    const rows = await query.orderBy('c.sort_order').orderBy('t.sort_order').orderBy('t.id').execute();
    return rows.map(({ category_name, category_name_en, category_icon, category_sort_order, ...tile }) => ({
      ...tile,
      category: {
        id: tile.category_id,
        name: category_name,
        name_en: category_name_en,
        icon: category_icon,
        sort_order: category_sort_order,
      },
    }));
  }
}
