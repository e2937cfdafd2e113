import type { Context } from '../../context';
import type { PaymentTable, UtilityAccountTable } from '../../db/schema';
import { BadUserInputError } from '../../errors';
import type { UtilityBill } from './service';
import { isUtility, type Utility } from './service';

/** The schema's enum (WATER) ↔ the company's agency name (water). */
const utilityOf = (value: string): Utility => {
  const name = value.toLowerCase();
  if (!isUtility(name)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'utility' });
  return name;
};
const yuan = (fen: number) => (fen / 100).toFixed(2);
/** A bill keeps whose statement it is, to find the citizen's own payment of it. */
type BillParent = UtilityBill & { citizenId: string };

export const livingFeesResolvers = {
  Query: {
    myUtilityAccounts: async (_: unknown, args: { utility?: string | null }, ctx: Context) => ctx.livingFees.accounts(await ctx.auth.account(), args.utility ? utilityOf(args.utility) : null),
    utilityStatement: async (_: unknown, args: { accountId: string }, ctx: Context) => {
      const s = await ctx.livingFees.statement(await ctx.auth.account(), args.accountId);
      const withCitizen = (b: UtilityBill): BillParent => ({ ...b, citizenId: s.account.citizen_id });
      return { account: s.account, dueAmount: yuan(s.dueFen), due: s.due.map(withCitizen), history: s.bills.map(withCitizen) };
    },
  },
  Mutation: {
    bindUtilityAccount: async (_: unknown, args: { utility: string; accountNo: string; holderName?: string | null }, ctx: Context) =>
      ctx.livingFees.bind(await ctx.auth.account(), utilityOf(args.utility), String(args.accountNo), args.holderName ?? null),
    unbindUtilityAccount: async (_: unknown, args: { accountId: string }, ctx: Context) => ctx.livingFees.unbind(await ctx.auth.account(), args.accountId),
    payUtilityBill: async (_: unknown, args: { accountId: string; billNo: string }, ctx: Context) => ctx.livingFees.payBill(await ctx.auth.account(), args.accountId, String(args.billNo)),
    payTrafficFine: async (_: unknown, args: { violationId: string }, ctx: Context) => ctx.livingFees.payFine(await ctx.auth.account(), String(args.violationId)),
  },
  UtilityAccount: {
    utility: (a: UtilityAccountTable) => a.utility.toUpperCase(),
    accountNoMasked: (a: UtilityAccountTable) => a.account_no_masked,
    holderMasked: (a: UtilityAccountTable) => a.holder_masked,
    addressMasked: (a: UtilityAccountTable) => a.address_masked,
    boundAt: (a: UtilityAccountTable) => a.created_at,
  },
  UtilityBill: {
    amount: (b: BillParent) => yuan(b.amountFen),
    payment: (b: BillParent, _: unknown, ctx: Context) => ctx.livingFees.billPayment(b.citizenId, b.billNo),
  },
  TrafficViolation: {
    payment: async (v: { id: string }, _: unknown, ctx: Context) => ctx.livingFees.finePayment((await ctx.auth.account()).citizen_id, String(v.id)),
  },
  Payment: {
    subjectKind: (p: PaymentTable) => p.subject_kind,
  },
};
