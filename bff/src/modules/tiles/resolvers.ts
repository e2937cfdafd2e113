import type { Context } from '../../context';
import type { TileState } from './service';
import type { TileInput } from './validate';

export const tilesResolvers = {
  Query: {
    consoleTiles: async (_: unknown, args: { state?: TileState; platform?: string; categoryId?: string }, ctx: Context) => ctx.tiles.consoleTiles(await ctx.operator(), args),
    tileDraft: async (_: unknown, args: { id: string }, ctx: Context) => ctx.tiles.draft(await ctx.operator(), args.id),
    tileVersions: async (_: unknown, args: { id: string }, ctx: Context) => ctx.tiles.versions(await ctx.operator(), args.id),
    auditLog: async (_: unknown, args: { subject?: string | null; limit?: number | null }, ctx: Context) => ctx.tiles.auditLog(await ctx.operator(), args.subject ?? null, args.limit ?? 100),
  },
  Mutation: {
    saveTileDraft: async (_: unknown, args: { tile: TileInput; expectedRevision: number }, ctx: Context) => ctx.tiles.saveDraft(await ctx.operator(), args.tile, args.expectedRevision),
    publishTile: async (_: unknown, args: { id: string; expectedRevision: number }, ctx: Context) => ctx.tiles.publish(await ctx.operator(), args.id, args.expectedRevision),
    unpublishTile: async (_: unknown, args: { id: string }, ctx: Context) => ctx.tiles.unpublish(await ctx.operator(), args.id),
    rollbackTile: async (_: unknown, args: { id: string; version: number }, ctx: Context) => ctx.tiles.rollback(await ctx.operator(), args.id, args.version),
  },
};
