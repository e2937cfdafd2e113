import type { Context } from '../../context';
import type { PaymentTable } from '../../db/schema';
import type { ApplicationView } from '../applications/service';
import { isChannel } from './channels';
import { BadUserInputError } from '../../errors';

export const paymentsResolvers = {
  Query: {
    payment: async (_: unknown, args: { id: string }, ctx: Context) => ctx.payments.get(await ctx.auth.account(), args.id),
    myReceipts: async (_: unknown, args: { first?: number | null }, ctx: Context) => ctx.payments.receipts(await ctx.auth.account(), args.first ?? 50),
  },
  Mutation: {
    startPayment: async (_: unknown, args: { paymentId: string; channel: string; returnUrl?: string | null }, ctx: Context) => {
      if (!isChannel(args.channel)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'channel' });
      const { payment, prepared, channel } = await ctx.payments.start(await ctx.auth.account(), args.paymentId, args.channel, { origin: ctx.origin, returnUrl: args.returnUrl ?? null });
      const p = prepared.params;
      return {
        payment, channel,
        wechat: channel === 'WECHAT' ? { timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign } : null,
        alipayTradeNo: channel === 'ALIPAY' ? p.tradeNO : null,
        baiduOrderInfo: channel === 'BAIDU' ? p.orderInfo : null,
        cashierUrl: prepared.cashierUrl,
      };
    },
  },
  Application: {
    payment: (a: ApplicationView, _: unknown, ctx: Context) => ctx.payments.ofApplication(a.row.citizen_id, a.row.id),
  },
  Payment: {
    itemName: (p: PaymentTable) => p.item_name,
    amountFen: (p: PaymentTable) => p.amount_fen,
    amount: (p: PaymentTable) => (p.amount_fen / 100).toFixed(2),
    paymentCode: (p: PaymentTable) => p.payment_code,
    expiresAt: (p: PaymentTable) => p.expires_at,
    paidAt: (p: PaymentTable) => p.paid_at,
    refundedAt: (p: PaymentTable) => p.refunded_at,
    applicationId: (p: PaymentTable) => (p.subject_kind === 'APPLICATION' ? p.subject_id : null),
    receipt: (p: PaymentTable) => (p.receipt_no ? { number: p.receipt_no, checkCode: p.receipt_check_code, issuedAt: p.receipt_issued_at } : null),
  },
};
