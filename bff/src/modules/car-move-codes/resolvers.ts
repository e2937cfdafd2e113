import type { Context } from '../../context';
import type { PendingReportView, Reason } from '../car-move/service';
import type { CarMoveCodeView, OwnedVehicleView } from './service';
import type { CodeNoticeStatus } from '../car-move/from-code';

const notice = (n: { followToken: string; notice: CodeNoticeStatus }) => ({ followToken: n.followToken, ...n.notice });

export const carMoveCodesResolvers = {
  Query: {
    myVehicles: async (_: unknown, __: unknown, ctx: Context) => ctx.carMoveCodes.vehicles(await ctx.auth.account()),
    scanCarMoveCode: (_: unknown, args: { token: string }, ctx: Context) => ctx.carMoveCodes.scan(args.token),
    carMoveCodeNotice: async (_: unknown, args: { followToken: string }, ctx: Context) => notice((await ctx.carMoveCodes.follow(args.followToken))!),
  },
  Mutation: {
    generateCarMoveCode: async (_: unknown, args: { vehicleId: string }, ctx: Context) => ctx.carMoveCodes.generate(await ctx.auth.account(), args.vehicleId),
    setCarMoveCodePaused: async (_: unknown, args: { id: string; paused: boolean }, ctx: Context) => ctx.carMoveCodes.setPaused(await ctx.auth.account(), args.id, args.paused),
    regenerateCarMoveCode: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMoveCodes.regenerate(await ctx.auth.account(), args.id),
    deleteCarMoveCode: async (_: unknown, args: { id: string }, ctx: Context) => ctx.carMoveCodes.remove(await ctx.auth.account(), args.id),
    notifyByCarMoveCode: async (_: unknown, args: { input: { token: string; reason: Reason; photoId?: string | null; deviceId: string; idempotencyKey: string } }, ctx: Context) =>
      notice(await ctx.carMoveCodes.notify(args.input, ctx.clientIp)),
  },
  OwnedVehicle: {
    notices: async (v: OwnedVehicleView, _: unknown, ctx: Context) => ctx.carMoveCodes.notices(await ctx.auth.account(), v),
  },
  CarMoveCode: {
    pdfPath: (c: CarMoveCodeView) => `/car-move-codes/${c.id}/sticker.pdf`,
    pngPath: (c: CarMoveCodeView) => `/car-move-codes/${c.id}/sticker.png`,
  },
  CarMoveReport: {
    viaCode: async (r: PendingReportView, _: unknown, ctx: Context) => (await ctx.carMoveCodes.viaCode([r.requestId])).has(r.requestId),
  },
};
