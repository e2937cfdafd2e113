import type { Context } from '../../context';
import type { NoticeInput } from './validate';

export const noticesResolvers = {
  Query: {
    homeNotices: (_: unknown, __: unknown, ctx: Context) => ctx.notices.live(),
    consoleNotices: async (_: unknown, __: unknown, ctx: Context) => ctx.notices.consoleNotices(await ctx.operator()),
    noticeDraft: async (_: unknown, args: { id: string }, ctx: Context) => ctx.notices.draft(await ctx.operator(), args.id),
    noticeVersions: async (_: unknown, args: { id: string }, ctx: Context) => ctx.notices.versions(await ctx.operator(), args.id),
  },
  Mutation: {
    saveNoticeDraft: async (_: unknown, args: { notice: NoticeInput; expectedRevision: number }, ctx: Context) => ctx.notices.saveDraft(await ctx.operator(), args.notice, args.expectedRevision),
    publishNotice: async (_: unknown, args: { id: string; expectedRevision: number }, ctx: Context) => ctx.notices.publish(await ctx.operator(), args.id, args.expectedRevision),
    unpublishNotice: async (_: unknown, args: { id: string }, ctx: Context) => ctx.notices.unpublish(await ctx.operator(), args.id),
  },
};
