import type { Resolvers } from '../../generated/resolvers';

export const tilesResolvers: Resolvers = {
  Query: {
    consoleTiles: async (_, args, ctx) => ctx.tiles.consoleTiles(await ctx.operator(), args),
    tileDraft: async (_, args, ctx) => ctx.tiles.draft(await ctx.operator(), args.id),
    tileVersions: async (_, args, ctx) => ctx.tiles.versions(await ctx.operator(), args.id),
    auditLog: async (_, args, ctx) => ctx.tiles.auditLog(await ctx.operator(), args.subject ?? null, args.limit ?? 100),
  },
  Mutation: {
    saveTileDraft: async (_, args, ctx) => ctx.tiles.saveDraft(await ctx.operator(), args.tile, args.expectedRevision),
    publishTile: async (_, args, ctx) => ctx.tiles.publish(await ctx.operator(), args.id, args.expectedRevision),
    unpublishTile: async (_, args, ctx) => ctx.tiles.unpublish(await ctx.operator(), args.id),
    rollbackTile: async (_, args, ctx) => ctx.tiles.rollback(await ctx.operator(), args.id, args.version),
  },
};
