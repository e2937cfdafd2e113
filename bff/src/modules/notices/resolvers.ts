import type { Resolvers } from '../../generated/resolvers';

export const noticesResolvers: Resolvers = {
  Query: {
    homeNotices: (_, __, ctx) => ctx.notices.live(),
    consoleNotices: async (_, __, ctx) => ctx.notices.consoleNotices(await ctx.operator()),
    noticeDraft: async (_, args, ctx) => ctx.notices.draft(await ctx.operator(), args.id),
    noticeVersions: async (_, args, ctx) => ctx.notices.versions(await ctx.operator(), args.id),
  },
  Mutation: {
    saveNoticeDraft: async (_, args, ctx) =>
      ctx.notices.saveDraft(await ctx.operator(), args.notice, args.expectedRevision),
    publishNotice: async (_, args, ctx) => ctx.notices.publish(await ctx.operator(), args.id, args.expectedRevision),
    unpublishNotice: async (_, args, ctx) => ctx.notices.unpublish(await ctx.operator(), args.id),
  },
};
