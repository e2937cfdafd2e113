import { PaymentChannel, PaymentStatus, type Resolvers } from '../../generated/resolvers';
import { asEnum, asOptionalEnum } from '../../enums';
import { receipt } from './receipt';

/** Money and its trail: publishers and admins only (a clerk or an editor is OPERATOR_ROLE_REQUIRED). */
const ROLE = 'publisher';

export const paymentsConsoleResolvers: Resolvers = {
  Query: {
    consolePayments: async (_, args, ctx) => {
      ctx.operators.requireRole(await ctx.operator(), ROLE);
      return ctx.paymentsConsole.search({ query: args.query, status: args.status, first: args.first ?? 50 });
    },
    consolePayment: async (_, args, ctx) => {
      ctx.operators.requireRole(await ctx.operator(), ROLE);
      return ctx.paymentsConsole.get(args.id);
    },
    paymentReconciliations: async (_, args, ctx) => {
      ctx.operators.requireRole(await ctx.operator(), ROLE);
      return ctx.reconciliation.reports(args.first ?? 14);
    },
  },
  Mutation: {
    requestPaymentRefund: async (_, args, ctx) =>
      ctx.paymentsConsole.requestRefund(
        ctx.operators.requireRole(await ctx.operator(), ROLE),
        args.paymentId,
        args.reason,
      ),
    decidePaymentRefund: async (_, args, ctx) =>
      ctx.paymentsConsole.decide(ctx.operators.requireRole(await ctx.operator(), ROLE), args.requestId, args.approve),
    runPaymentReconciliation: async (_, args, ctx) => {
      ctx.operators.requireRole(await ctx.operator(), 'admin');
      return ctx.reconciliation.run(args.day, ctx.deadline);
    },
  },
  ConsolePayment: {
    id: (p) => p.row.id,
    itemName: (p) => p.row.item_name,
    itemNameEn: (p) => p.row.item_name_en,
    amountFen: (p) => p.row.amount_fen,
    amount: (p) => (p.row.amount_fen / 100).toFixed(2),
    status: (p) => asEnum(PaymentStatus, p.row.status),
    channel: (p) => asOptionalEnum(PaymentChannel, p.row.channel),
    slipNo: (p) => p.row.slip_no,
    paymentCode: (p) => p.row.payment_code,
    transactionId: (p) => p.row.transaction_id,
    paidAt: (p) => p.row.paid_at,
    receipt: (p) => receipt(p.row),
    refundReason: (p) => p.row.refund_reason,
    refundedAt: (p) => p.row.refunded_at,
    subjectKind: (p) => p.row.subject_kind,
    createdAt: (p) => p.row.created_at,
    refundRequests: (p, _, ctx) => ctx.paymentsConsole.refundRequests(p.row.id),
  },
  RefundRequest: {
    paymentId: (r) => r.payment_id,
    requestedBy: (r) => r.requested_by,
    decidedBy: (r) => r.decided_by,
    createdAt: (r) => r.created_at,
    decidedAt: (r) => r.decided_at,
  },
};
