import type { Context } from '../../context';
import { DeliveryChannel, DeliveryStatus, MessageKind, type Resolvers } from '../../generated/resolvers';
import { asEnum } from '../../enums';
import type { MessageTable } from '../../db/schema';

async function citizenId(ctx: Context): Promise<string> {
  const account = await ctx.auth.account();
  // Messages belong to a verified person; before real-name there are none.
  return account.citizen_id ?? '';
}

const view = (m: MessageTable) => ({
  id: m.id,
  kind: asEnum(MessageKind, m.kind),
  title: m.title,
  titleEn: m.title_en,
  body: m.body,
  bodyEn: m.body_en,
  link: m.link,
  read: m.read_at !== null,
  channel: asEnum(DeliveryChannel, m.channel),
  deliveryStatus: asEnum(DeliveryStatus, m.delivery_status),
  createdAt: m.created_at,
});

export const messagesResolvers: Resolvers = {
  Query: {
    myMessages: async (_, args, ctx) => {
      const id = await citizenId(ctx);
      const [page, unread] = await Promise.all([
        ctx.messages.list(id, args.first ?? 20, args.after),
        ctx.messages.unread(id),
      ]);
      return { items: page.items.map(view), nextCursor: page.nextCursor, unread };
    },
    unreadMessageCount: async (_, __, ctx) => ctx.messages.unread(await citizenId(ctx)),
  },
  Mutation: {
    markMessageRead: async (_, args, ctx) => view(await ctx.messages.markRead(await citizenId(ctx), args.id)),
    markAllMessagesRead: async (_, __, ctx) => ctx.messages.markAllRead(await citizenId(ctx)),
  },
};
