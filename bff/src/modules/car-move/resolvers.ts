import type { Resolvers } from '../../generated/resolvers';

export const carMoveResolvers: Resolvers = {
  Query: {
    myCarMoveRequests: async (_, __, ctx) => ctx.carMove.list(await ctx.auth.account()),
    carMoveRequest: async (_, args, ctx) => ctx.carMove.get(await ctx.auth.account(), args.id),
    carMoveAnswer: (_, args, ctx) => ctx.carMove.ownerView(args.token),
    // Sanctioning a citizen is a publisher's or an admin's call: editors and clerks are refused.
    myCarMoveQuietHours: async (_, __, ctx) => ctx.carMove.quietHours.get(await ctx.auth.account()),
    pendingCarMoveReports: async (_, __, ctx) =>
      ctx.carMove.pendingReports(ctx.operators.requireRole(await ctx.operator(), 'publisher')),
  },
  Mutation: {
    requestCarMove: async (_, args, ctx) => ctx.carMove.request(await ctx.auth.account(), args.input, ctx.deadline),
    cancelCarMove: async (_, args, ctx) => ctx.carMove.cancel(await ctx.auth.account(), args.id),
    remindCarMove: async (_, args, ctx) => ctx.carMove.remind(await ctx.auth.account(), args.id),
    callCarMoveOwner: async (_, args, ctx) => ctx.carMove.voiceCall(await ctx.auth.account(), args.id, ctx.deadline),
    escalateCarMoveToHotline: async (_, args, ctx) =>
      ctx.carMove.hotline(await ctx.auth.account(), args.id, ctx.deadline),
    requestRelayNumber: async (_, args, ctx) =>
      ctx.carMove.relay(await ctx.auth.account(), args.requestId, ctx.deadline),
    answerCarMove: (_, args, ctx) => ctx.carMove.answer(args.token, args.answer),
    reportCarMove: (_, args, ctx) => ctx.carMove.report(args.token, args.note ?? null),
    setCarMoveQuietHours: async (_, args, ctx) =>
      ctx.carMove.quietHours.set(await ctx.auth.account(), args.startsAt, args.endsAt, ctx.deadline),
    clearCarMoveQuietHours: async (_, __, ctx) => ctx.carMove.quietHours.clear(await ctx.auth.account()),
    decideCarMoveReport: async (_, args, ctx) =>
      ctx.carMove.decideReport(
        ctx.operators.requireRole(await ctx.operator(), 'publisher'),
        args.requestId,
        args.decision,
      ),
  },
};
