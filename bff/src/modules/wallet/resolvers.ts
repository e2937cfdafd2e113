import type { Resolvers } from '../../generated/resolvers';

export const walletResolvers: Resolvers = {
  Query: {
    myLicences: async (_, __, ctx) => ctx.wallet.myLicences(await ctx.auth.account(), ctx.loaders.records),
    licence: async (_, args, ctx) =>
      ctx.wallet.licence(await ctx.auth.account(), String(args.id), args.full === true, ctx.loaders.records),
  },
  Mutation: {
    licenceCode: async (_, args, ctx) =>
      ctx.wallet.code(await ctx.auth.account(), String(args.licenceId), ctx.loaders.records),
    verifyLicenceCode: async (_, args, ctx) => ctx.wallet.verify(await ctx.operator(), args.token, ctx.loaders.records),
  },
};
