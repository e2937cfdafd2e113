import type { Resolvers } from '../../generated/resolvers';
import type { MyRecordsParent } from './service';
import { dashboard } from './dashboard';

export const recordsResolvers: Resolvers = {
  Query: {
    // The holder is resolved once; each record field reads its own agency through the request's loaders.
    myRecords: async (_, __, ctx): Promise<MyRecordsParent> => ({
      holder: await ctx.records.holder(await ctx.auth.account()),
    }),
    dashboard: (_, __, ctx) => dashboard(ctx),
    businessLicences: async (_, args, ctx) => {
      ctx.identity.requireLevel(await ctx.auth.account(), 1);
      return ctx.records.businesses(args.query, ctx.deadline);
    },
    busStops: (_, args, ctx) => ctx.records.busStops(args.query, ctx.deadline),
    busArrivals: (_, args, ctx) => ctx.records.busArrivals(String(args.stopId), ctx.deadline),
  },
  Mutation: {
    medicalVoucher: async (_, __, ctx) =>
      ctx.records.voucher(await ctx.records.holder(await ctx.auth.account()), ctx.deadline),
  },
  MyRecords: {
    providentFund: ({ holder }, _, ctx) => ctx.records.providentFund(ctx.loaders.citizenRecords, holder),
    socialInsurance: ({ holder }, _, ctx) => ctx.records.socialInsurance(ctx.loaders.citizenRecords, holder),
    medicalInsurance: ({ holder }, _, ctx) => ctx.records.medicalInsurance(ctx.loaders.citizenRecords, holder),
    driving: ({ holder }, _, ctx) => ctx.records.driving(ctx.loaders.citizenRecords, holder),
    exitEntry: ({ holder }, _, ctx) => ctx.records.exitEntry(ctx.loaders.citizenRecords, holder),
    qualifications: ({ holder }, _, ctx) => ctx.records.qualifications(ctx.loaders.citizenRecords, holder),
    realEstate: ({ holder }, _, ctx) => ctx.records.realEstate(ctx.loaders.citizenRecords, holder),
    vaccinations: ({ holder }, _, ctx) => ctx.records.vaccinations(ctx.loaders.citizenRecords, holder),
  },
  ProvidentFundRecord: {
    deposits: (parent, args, ctx) =>
      parent.hasAccount ? ctx.records.deposits(parent.holder, args.page ?? 1, args.pageSize ?? 12, ctx.deadline) : null,
  },
  SocialInsuranceRecord: {
    contributions: (parent, args, ctx) =>
      parent.insured ? ctx.records.contributions(parent.holder, args.months ?? 12, ctx.deadline) : null,
  },
};
