import type { Resolvers } from '../../generated/resolvers';
import { isChannel } from './channels';
import { receipt } from './receipt';
import { BadUserInputError } from '../../errors';

export const paymentsResolvers: Resolvers = {
  Query: {
    payment: async (_, args, ctx) => ctx.payments.get(await ctx.auth.account(), args.id),
    myReceipts: async (_, args, ctx) => ctx.payments.receipts(await ctx.auth.account(), args.first ?? 50),
  },
  Mutation: {
    startPayment: async (_, args, ctx) => {
      if (!isChannel(args.channel)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'channel' });
      const { payment, prepared, channel } = await ctx.payments.start(
        await ctx.auth.account(),
        args.paymentId,
        args.channel,
        { origin: ctx.origin, returnUrl: args.returnUrl ?? null },
        ctx.deadline,
      );
      const p = prepared.params;
      return {
        payment,
        channel,
        wechat:
          channel === 'WECHAT'
            ? {
                timeStamp: p.timeStamp,
                nonceStr: p.nonceStr,
                package: p.package,
                signType: p.signType,
                paySign: p.paySign,
              }
            : null,
        alipayTradeNo: channel === 'ALIPAY' ? p.tradeNO : null,
        baiduOrderInfo: channel === 'BAIDU' ? p.orderInfo : null,
        cashierUrl: prepared.cashierUrl,
      };
    },
  },
  Application: {
    payment: (a, _, ctx) => ctx.payments.ofApplication(a.row.citizen_id, a.row.id),
  },
  Payment: {
    itemName: (p) => p.item_name,
    itemNameEn: (p) => p.item_name_en,
    amountFen: (p) => p.amount_fen,
    amount: (p) => (p.amount_fen / 100).toFixed(2),
    paymentCode: (p) => p.payment_code,
    expiresAt: (p) => p.expires_at,
    paidAt: (p) => p.paid_at,
    refundedAt: (p) => p.refunded_at,
    applicationId: (p) => (p.subject_kind === 'APPLICATION' ? p.subject_id : null),
    receipt: (p) => receipt(p),
  },
};
