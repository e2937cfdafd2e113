import type { Context } from '../../context';
import type { RefundRequestTable } from '../../db/schema';
import type { ConsolePaymentView } from './console';

/** Money and its trail: publishers and admins only (a clerk or an editor is OPERATOR_ROLE_REQUIRED). */
const ROLE = 'publisher';

export const paymentsConsoleResolvers = {
  Query: {
    consolePayments: async (_: unknown, args: { query?: string | null; status?: string | null; first?: number | null }, ctx: Context) => {
      ctx.operators.requireRole(await ctx.operator(), ROLE);
      return ctx.paymentsConsole.search({ query: args.query, status: args.status, first: args.first ?? 50 });
    },
    consolePayment: async (_: unknown, args: { id: string }, ctx: Context) => {
      ctx.operators.requireRole(await ctx.operator(), ROLE);
      return ctx.paymentsConsole.get(args.id);
    },
    paymentReconciliations: async (_: unknown, args: { first?: number | null }, ctx: Context) => {
      ctx.operators.requireRole(await ctx.operator(), ROLE);
      return ctx.reconciliation.reports(args.first ?? 14);
    },
  },
  Mutation: {
    requestPaymentRefund: async (_: unknown, args: { paymentId: string; reason: string }, ctx: Context) =>
      ctx.paymentsConsole.requestRefund(ctx.operators.requireRole(await ctx.operator(), ROLE), args.paymentId, args.reason),
    decidePaymentRefund: async (_: unknown, args: { requestId: string; approve: boolean }, ctx: Context) =>
      ctx.paymentsConsole.decide(ctx.operators.requireRole(await ctx.operator(), ROLE), args.requestId, args.approve),
    runPaymentReconciliation: async (_: unknown, args: { day: string }, ctx: Context) => {
      ctx.operators.requireRole(await ctx.operator(), 'admin');
      return ctx.reconciliation.run(args.day);
    },
  },
  ConsolePayment: {
    id: (p: ConsolePaymentView) => p.row.id,
    itemName: (p: ConsolePaymentView) => p.row.item_name,
    amountFen: (p: ConsolePaymentView) => p.row.amount_fen,
    amount: (p: ConsolePaymentView) => (p.row.amount_fen / 100).toFixed(2),
    status: (p: ConsolePaymentView) => p.row.status,
    channel: (p: ConsolePaymentView) => p.row.channel,
    slipNo: (p: ConsolePaymentView) => p.row.slip_no,
    paymentCode: (p: ConsolePaymentView) => p.row.payment_code,
    transactionId: (p: ConsolePaymentView) => p.row.transaction_id,
    paidAt: (p: ConsolePaymentView) => p.row.paid_at,
    receipt: (p: ConsolePaymentView) => (p.row.receipt_no ? { number: p.row.receipt_no, checkCode: p.row.receipt_check_code, issuedAt: p.row.receipt_issued_at } : null),
    refundReason: (p: ConsolePaymentView) => p.row.refund_reason,
    refundedAt: (p: ConsolePaymentView) => p.row.refunded_at,
    subjectKind: (p: ConsolePaymentView) => p.row.subject_kind,
    createdAt: (p: ConsolePaymentView) => p.row.created_at,
    refundRequests: (p: ConsolePaymentView, _: unknown, ctx: Context) => ctx.paymentsConsole.refundRequests(p.row.id),
  },
  RefundRequest: {
    paymentId: (r: RefundRequestTable) => r.payment_id,
    requestedBy: (r: RefundRequestTable) => r.requested_by,
    decidedBy: (r: RefundRequestTable) => r.decided_by,
    createdAt: (r: RefundRequestTable) => r.created_at,
    decidedAt: (r: RefundRequestTable) => r.decided_at,
  },
};
