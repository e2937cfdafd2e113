import { PROVINCES } from '@citizen/shared';
import { TileTargetKind, type Resolvers } from '../../generated/resolvers';
import { asEnum } from '../../enums';
import { BadUserInputError } from '../../errors';
import type { CategoryRow } from './store';

export const category = (row: CategoryRow) => ({
  id: row.id,
  name: row.name,
  nameEn: row.name_en,
  icon: row.icon,
  order: row.sort_order,
});

export function checkRegion(region: string | null | undefined): string | undefined {
  if (region === null || region === undefined || region === '') return undefined;
  if (!/^\d{6}$/.test(region) || !PROVINCES[region.slice(0, 2)]) {
    throw new BadUserInputError('UNKNOWN_REGION', { field: 'region' });
  }
  return region;
}

export const catalogueResolvers: Resolvers = {
  Query: {
    serviceCategories: async (_, __, ctx) => (await ctx.catalogue.listCategories()).map(category),
    serviceTiles: (_, args, ctx) => {
      const region = checkRegion(args.region);
      return ctx.liveTiles.get(`${args.platform}|${region ?? ''}`, () =>
        ctx.catalogue.listPublishedTiles(args.platform, region, ctx.now()),
      );
    },
  },
  ServiceTile: {
    titleEn: (t) => t.title_en,
    requiredLevel: (t) => t.required_level,
    order: (t) => t.sort_order,
    target: (t) => ({ kind: asEnum(TileTargetKind, t.target_kind), value: t.target_value }),
    category: async (t, _, ctx) => category(await ctx.loaders.categoryById.load(t.category_id)),
    // One probe per agency per request, however many tiles share it (DataLoader).
    available: (t, _, ctx) => (t.agency ? ctx.loaders.agencyAvailable.load(t.agency) : null),
  },
};
