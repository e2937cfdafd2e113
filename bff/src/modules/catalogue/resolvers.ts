import { PROVINCES } from '@citizen/shared';
import type { Context } from '../../context';
import { BadUserInputError } from '../../errors';
import type { CategoryRow, TileRow } from './store';

export const category = (row: CategoryRow) => ({ id: row.id, name: row.name, nameEn: row.name_en, icon: row.icon, order: row.sort_order });

export function checkRegion(region: string | null | undefined): string | undefined {
  if (region === null || region === undefined || region === '') return undefined;
  if (!/^\d{6}$/.test(region) || !PROVINCES[region.slice(0, 2)]) {
    throw new BadUserInputError('UNKNOWN_REGION', { field: 'region' });
  }
  return region;
}

export const catalogueResolvers = {
  Query: {
    serviceCategories: async (_: unknown, __: unknown, ctx: Context) => (await ctx.catalogue.listCategories()).map(category),
    serviceTiles: (_: unknown, args: { platform: string; region?: string | null }, ctx: Context) => {
      const region = checkRegion(args.region);
      return ctx.liveTiles.get(`${args.platform}|${region ?? ''}`, () => ctx.catalogue.listPublishedTiles(args.platform, region, ctx.now()));
    },
  },
  ServiceTile: {
    titleEn: (t: TileRow) => t.title_en,
    requiredLevel: (t: TileRow) => t.required_level,
    order: (t: TileRow) => t.sort_order,
    target: (t: TileRow) => ({ kind: t.target_kind, value: t.target_value }),
    category: async (t: TileRow, _: unknown, ctx: Context) => category(await ctx.loaders.categoryById.load(t.category_id)),
    // One probe per agency per request, however many tiles share it (DataLoader).
    available: (t: TileRow, _: unknown, ctx: Context) => (t.agency ? ctx.loaders.agencyAvailable.load(t.agency) : null),
  },
};
