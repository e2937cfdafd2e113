import type { Context } from '../../context';

export const walletResolvers = {
  Query: {
    myLicences: async (_: unknown, __: unknown, ctx: Context) => ctx.wallet.myLicences(await ctx.auth.account(), ctx.loaders.records),
    licence: async (_: unknown, args: { id: string; full?: boolean | null }, ctx: Context) => ctx.wallet.licence(await ctx.auth.account(), String(args.id), args.full === true, ctx.loaders.records),
  },
  Mutation: {
    licenceCode: async (_: unknown, args: { licenceId: string }, ctx: Context) => ctx.wallet.code(await ctx.auth.account(), String(args.licenceId), ctx.loaders.records),
    verifyLicenceCode: async (_: unknown, args: { token: string }, ctx: Context) => ctx.wallet.verify(await ctx.operator(), args.token, ctx.loaders.records),
  },
};
