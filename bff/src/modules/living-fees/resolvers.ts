import { PaymentSubject, Utility as UtilityEnum, type Resolvers } from '../../generated/resolvers';
import { asEnum } from '../../enums';
import { BadUserInputError } from '../../errors';
import type { BillParent, UtilityBill } from './service';
import { isUtility, type Utility } from './service';

/** The schema's enum (WATER) ↔ the company's agency name (water). */
const utilityOf = (value: string): Utility => {
  const name = value.toLowerCase();
  if (!isUtility(name)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'utility' });
  return name;
};
const yuan = (fen: number) => (fen / 100).toFixed(2);

export const livingFeesResolvers: Resolvers = {
  Query: {
    myUtilityAccounts: async (_, args, ctx) =>
      ctx.livingFees.accounts(await ctx.auth.account(), args.utility ? utilityOf(args.utility) : null),
    utilityStatement: async (_, args, ctx) => {
      const s = await ctx.livingFees.statement(await ctx.auth.account(), args.accountId, ctx.deadline);
      const withCitizen = (b: UtilityBill): BillParent => ({ ...b, citizenId: s.account.citizen_id });
      return {
        account: s.account,
        dueAmount: yuan(s.dueFen),
        due: s.due.map(withCitizen),
        history: s.bills.map(withCitizen),
      };
    },
  },
  Mutation: {
    bindUtilityAccount: async (_, args, ctx) =>
      ctx.livingFees.bind(
        await ctx.auth.account(),
        utilityOf(args.utility),
        String(args.accountNo),
        args.holderName ?? null,
        ctx.deadline,
      ),
    unbindUtilityAccount: async (_, args, ctx) => ctx.livingFees.unbind(await ctx.auth.account(), args.accountId),
    payUtilityBill: async (_, args, ctx) =>
      ctx.livingFees.payBill(await ctx.auth.account(), args.accountId, String(args.billNo), ctx.deadline),
    payTrafficFine: async (_, args, ctx) =>
      ctx.livingFees.payFine(await ctx.auth.account(), String(args.violationId), ctx.deadline),
  },
  UtilityAccount: {
    utility: (a) => asEnum(UtilityEnum, a.utility.toUpperCase()),
    accountNoMasked: (a) => a.account_no_masked,
    holderMasked: (a) => a.holder_masked,
    addressMasked: (a) => a.address_masked,
    boundAt: (a) => a.created_at,
  },
  UtilityBill: {
    amount: (b) => yuan(b.amountFen),
    payment: (b, _, ctx) => ctx.livingFees.billPayment(b.citizenId, b.billNo),
  },
  TrafficViolation: {
    payment: async (v, _, ctx) => ctx.livingFees.finePayment((await ctx.auth.account()).citizen_id, String(v.id)),
  },
  Payment: {
    subjectKind: (p) => asEnum(PaymentSubject, p.subject_kind),
  },
};
