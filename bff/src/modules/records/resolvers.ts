import type { Context } from '../../context';
import type { RecordHolder } from './service';
import { dashboard } from './dashboard';

type Parent = { holder: RecordHolder };

export const recordsResolvers = {
  Query: {
    // The holder is resolved once; each record field reads its own agency through the request's loaders.
    myRecords: async (_: unknown, __: unknown, ctx: Context): Promise<Parent> => ({ holder: await ctx.records.holder(await ctx.auth.account()) }),
    dashboard: (_: unknown, __: unknown, ctx: Context) => dashboard(ctx),
    businessLicences: async (_: unknown, args: { query: string }, ctx: Context) => {
      ctx.identity.requireLevel(await ctx.auth.account(), 1);
      return ctx.records.businesses(args.query);
    },
    busStops: (_: unknown, args: { query?: string | null }, ctx: Context) => ctx.records.busStops(args.query),
    busArrivals: (_: unknown, args: { stopId: string }, ctx: Context) => ctx.records.busArrivals(String(args.stopId)),
  },
  Mutation: {
    medicalVoucher: async (_: unknown, __: unknown, ctx: Context) => ctx.records.voucher(await ctx.records.holder(await ctx.auth.account())),
  },
  MyRecords: {
    providentFund: ({ holder }: Parent, _: unknown, ctx: Context) => ctx.records.providentFund(ctx.loaders.citizenRecords, holder),
    socialInsurance: ({ holder }: Parent, _: unknown, ctx: Context) => ctx.records.socialInsurance(ctx.loaders.citizenRecords, holder),
    medicalInsurance: ({ holder }: Parent, _: unknown, ctx: Context) => ctx.records.medicalInsurance(ctx.loaders.citizenRecords, holder),
    driving: ({ holder }: Parent, _: unknown, ctx: Context) => ctx.records.driving(ctx.loaders.citizenRecords, holder),
    exitEntry: ({ holder }: Parent, _: unknown, ctx: Context) => ctx.records.exitEntry(ctx.loaders.citizenRecords, holder),
    qualifications: ({ holder }: Parent, _: unknown, ctx: Context) => ctx.records.qualifications(ctx.loaders.citizenRecords, holder),
    realEstate: ({ holder }: Parent, _: unknown, ctx: Context) => ctx.records.realEstate(ctx.loaders.citizenRecords, holder),
    vaccinations: ({ holder }: Parent, _: unknown, ctx: Context) => ctx.records.vaccinations(ctx.loaders.citizenRecords, holder),
  },
  ProvidentFundRecord: {
    deposits: (parent: Parent & { hasAccount: boolean }, args: { page?: number | null; pageSize?: number | null }, ctx: Context) =>
      parent.hasAccount ? ctx.records.deposits(parent.holder, args.page ?? 1, args.pageSize ?? 12) : null,
  },
  SocialInsuranceRecord: {
    contributions: (parent: Parent & { insured: boolean }, args: { months?: number | null }, ctx: Context) =>
      parent.insured ? ctx.records.contributions(parent.holder, args.months ?? 12) : null,
  },
};
