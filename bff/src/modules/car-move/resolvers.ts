import type { Context } from '../../context';
import type { CarMoveInput } from './service';

export const carMoveResolvers = {
  Query: {
    myCarMoveRequests: async (_: unknown, __: unknown, ctx: Context) => ctx.carMove.list(await ctx.auth.account()),
    carMoveRequest: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMove.get(await ctx.auth.account(), args.id),
    carMoveAnswer: (_: unknown, args: { token: string }, ctx: Context) => ctx.carMove.ownerView(args.token),
  },
  Mutation: {
    requestCarMove: async (_: unknown, args: { input: CarMoveInput }, ctx: Context) => ctx.carMove.request(await ctx.auth.account(), args.input),
    cancelCarMove: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMove.cancel(await ctx.auth.account(), args.id),
    remindCarMove: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMove.remind(await ctx.auth.account(), args.id),
    requestRelayNumber: async (_: unknown, args: { requestId: string }, ctx: Context) => ctx.carMove.relay(await ctx.auth.account(), args.requestId),
    answerCarMove: (_: unknown, args: { token: string; answer: 'COMING' | 'MOVED' }, ctx: Context) => ctx.carMove.answer(args.token, args.answer),
    reportCarMove: (_: unknown, args: { token: string; note?: string | null }, ctx: Context) => ctx.carMove.report(args.token, args.note ?? null),
  },
};
