import type { Resolvers } from '../../generated/resolvers';

export const notificationsResolvers: Resolvers = {
  Mutation: {
    recordMessageSubscription: async (_, args, ctx) =>
      ctx.subscriptions.record(await ctx.auth.account(), args.topic, args.accepted),
  },
};
