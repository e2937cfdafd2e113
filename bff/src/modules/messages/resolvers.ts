import type { Context } from '../../context';
import type { MessageTable } from '../../db/schema';

async function citizenId(ctx: Context): Promise<string> {
  const account = await ctx.auth.account();
  // Messages belong to a verified person; before real-name there are none.
  return account.citizen_id ?? '';
}

const view = (m: MessageTable) => ({
  id: m.id, kind: m.kind, title: m.title, titleEn: m.title_en, body: m.body, bodyEn: m.body_en, link: m.link,
  read: m.read_at !== null, channel: m.channel, deliveryStatus: m.delivery_status, createdAt: m.created_at,
});

export const messagesResolvers = {
  Query: {
    myMessages: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: Context) => {
      const id = await citizenId(ctx);
      const [page, unread] = await Promise.all([ctx.messages.list(id, args.first ?? 20, args.after), ctx.messages.unread(id)]);
      return { items: page.items.map(view), nextCursor: page.nextCursor, unread };
    },
    unreadMessageCount: async (_: unknown, __: unknown, ctx: Context) => ctx.messages.unread(await citizenId(ctx)),
  },
  Mutation: {
    markMessageRead: async (_: unknown, args: { id: string }, ctx: Context) => view(await ctx.messages.markRead(await citizenId(ctx), args.id)),
    markAllMessagesRead: async (_: unknown, __: unknown, ctx: Context) => ctx.messages.markAllRead(await citizenId(ctx)),
  },
};
