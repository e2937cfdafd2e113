import type { Context } from '../../context';
import type { CarMoveInput } from './service';

export const carMoveResolvers = {
  Query: {
    myCarMoveRequests: async (_: unknown, __: unknown, ctx: Context) => ctx.carMove.list(await ctx.auth.account()),
    carMoveRequest: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMove.get(await ctx.auth.account(), args.id),
    carMoveAnswer: (_: unknown, args: { token: string }, ctx: Context) => ctx.carMove.ownerView(args.token),
    // Sanctioning a citizen is a publisher's or an admin's call: editors and clerks are refused.
    myCarMoveQuietHours: async (_: unknown, __: unknown, ctx: Context) => ctx.carMove.quietHours.get(await ctx.auth.account()),
    pendingCarMoveReports: async (_: unknown, __: unknown, ctx: Context) => ctx.carMove.pendingReports(ctx.operators.requireRole(await ctx.operator(), 'publisher')),
  },
  Mutation: {
    requestCarMove: async (_: unknown, args: { input: CarMoveInput }, ctx: Context) => ctx.carMove.request(await ctx.auth.account(), args.input),
    cancelCarMove: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMove.cancel(await ctx.auth.account(), args.id),
    remindCarMove: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMove.remind(await ctx.auth.account(), args.id),
    callCarMoveOwner: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMove.voiceCall(await ctx.auth.account(), args.id),
    escalateCarMoveToHotline: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMove.hotline(await ctx.auth.account(), args.id),
    requestRelayNumber: async (_: unknown, args: { requestId: string }, ctx: Context) => ctx.carMove.relay(await ctx.auth.account(), args.requestId),
    answerCarMove: (_: unknown, args: { token: string; answer: 'COMING' | 'MOVED' }, ctx: Context) => ctx.carMove.answer(args.token, args.answer),
    reportCarMove: (_: unknown, args: { token: string; note?: string | null }, ctx: Context) => ctx.carMove.report(args.token, args.note ?? null),
    setCarMoveQuietHours: async (_: unknown, args: { startsAt: string; endsAt: string }, ctx: Context) => ctx.carMove.quietHours.set(await ctx.auth.account(), args.startsAt, args.endsAt),
    clearCarMoveQuietHours: async (_: unknown, __: unknown, ctx: Context) => ctx.carMove.quietHours.clear(await ctx.auth.account()),
    decideCarMoveReport: async (_: unknown, args: { requestId: string; decision: 'CONFIRM' | 'DISMISS' }, ctx: Context) =>
      ctx.carMove.decideReport(ctx.operators.requireRole(await ctx.operator(), 'publisher'), args.requestId, args.decision),
  },
};
