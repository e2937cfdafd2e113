import { CarMoveStatus, type Resolvers } from '../../generated/resolvers';
import { asEnum } from '../../enums';
import type { CodeNoticeStatus } from '../car-move/from-code';

const notice = ({ followToken, notice: n }: { followToken: string; notice: CodeNoticeStatus }) => ({
  followToken,
  ...n,
  status: asEnum(CarMoveStatus, n.status),
  timeline: n.timeline.map((e) => ({ ...e, status: asEnum(CarMoveStatus, e.status) })),
});

export const carMoveCodesResolvers: Resolvers = {
  Query: {
    myVehicles: async (_, __, ctx) => ctx.carMoveCodes.vehicles(await ctx.auth.account(), ctx.deadline),
    scanCarMoveCode: (_, args, ctx) => ctx.carMoveCodes.scan(args.token),
    carMoveCodeNotice: async (_, args, ctx) => notice((await ctx.carMoveCodes.follow(args.followToken))!),
  },
  Mutation: {
    generateCarMoveCode: async (_, args, ctx) =>
      ctx.carMoveCodes.generate(await ctx.auth.account(), args.vehicleId, ctx.deadline),
    setCarMoveCodePaused: async (_, args, ctx) =>
      ctx.carMoveCodes.setPaused(await ctx.auth.account(), args.id, args.paused),
    regenerateCarMoveCode: async (_, args, ctx) => ctx.carMoveCodes.regenerate(await ctx.auth.account(), args.id),
    deleteCarMoveCode: async (_, args, ctx) => ctx.carMoveCodes.remove(await ctx.auth.account(), args.id),
    notifyByCarMoveCode: async (_, args, ctx) => notice(await ctx.carMoveCodes.notify(args.input, ctx.clientIp)),
  },
  OwnedVehicle: {
    notices: async (v, _, ctx) => ctx.carMoveCodes.notices(await ctx.auth.account(), v),
  },
  CarMoveCode: {
    pdfPath: (c) => `/car-move-codes/${c.id}/sticker.pdf`,
    pngPath: (c) => `/car-move-codes/${c.id}/sticker.png`,
  },
  CarMoveReport: {
    viaCode: async (r, _, ctx) => (await ctx.carMoveCodes.viaCode([r.requestId])).has(r.requestId),
  },
};
