import type { Context } from '../../context';
import type { MessageTopic } from './subscriptions';

export const notificationsResolvers = {
  Mutation: {
    recordMessageSubscription: async (_: unknown, args: { topic: MessageTopic; accepted: boolean }, ctx: Context) =>
      ctx.subscriptions.record(await ctx.auth.account(), args.topic, args.accepted),
  },
};
