import { PROVINCES } from '@citizen/shared';
import { TileTargetKind, type Resolvers } from '../../generated/resolvers';
import { asEnum } from '../../enums';
import { BadUserInputError } from '../../errors';
import { isAgency } from '../agencies/probe';
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
    category: (t) => category(t.category),
    // The background status (no probe per request: a hanging agency costs the home screen nothing),
    // read synchronously, so every tile of one answer sees the same status.
    available: (t, _, ctx) => (t.agency ? isAgency(t.agency) && ctx.agencyStatus.available(t.agency) : null),
  },
};
