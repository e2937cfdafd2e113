import type { Platform } from '@citizen/shared';
import type { Context } from '../../context';
import type { SessionResult } from './service';
import { requirePolicyConsent } from '../policies/store';

/** Every resolver that touches personal data starts from ctx.auth.account(): deny by default. */
export const identityResolvers = {
  Query: {
    me: async (_: unknown, __: unknown, ctx: Context) => ctx.identity.me(await ctx.auth.account()),
  },
  Mutation: {
    login: (_: unknown, args: { platform: Platform; code: string }, ctx: Context) => ctx.identity.login(args.platform, args.code),
    refreshSession: (_: unknown, args: { refreshToken: string }, ctx: Context) => ctx.identity.refresh(args.refreshToken),
    logout: async (_: unknown, __: unknown, ctx: Context) => {
      await ctx.identity.logout(await ctx.auth.claims());
      return true;
    },
    verifyRealName: async (_: unknown, args: { name: string; idNumber: string }, ctx: Context) => {
      const account = await ctx.auth.account();
      await requirePolicyConsent(ctx.db, account.id);
      return ctx.identity.me(await ctx.identity.verifyRealName(account, args.name, args.idNumber));
    },
    sendLinkCode: async (_: unknown, __: unknown, ctx: Context) => ctx.identity.sendLinkCode(await ctx.auth.account()),
    proveLinkWithCode: async (_: unknown, args: { code: string }, ctx: Context) =>
      ctx.identity.me(await ctx.identity.proveLinkWithCode(await ctx.auth.account(), args.code)),
    unlinkPlatform: async (_: unknown, args: { accountId: string }, ctx: Context) => {
      const account = await ctx.auth.account();
      await ctx.identity.unlinkPlatform(account, args.accountId);
      return ctx.identity.me(account);
    },
    sendPhoneCode: async (_: unknown, args: { phone: string }, ctx: Context) => ctx.identity.sendPhoneCode(await ctx.auth.account(), args.phone),
    bindPhone: async (_: unknown, args: { phone: string; code: string }, ctx: Context) => {
      const account = await ctx.auth.account();
      await ctx.identity.bindPhone(account, args.phone, args.code);
      return ctx.identity.me(account);
    },
    bindPhoneFromPlatform: async (_: unknown, args: { proof: string }, ctx: Context) => {
      const account = await ctx.auth.account();
      await ctx.identity.bindPhoneFromPlatform(account, args.proof);
      return ctx.identity.me(account);
    },
    startFaceVerification: async (_: unknown, args: { consent: boolean }, ctx: Context) => ctx.identity.startFace(await ctx.auth.account(), args.consent),
    completeFaceVerification: async (_: unknown, args: { verifyId: string; faceImage?: string | null }, ctx: Context) =>
      ctx.identity.me(await ctx.identity.completeFace(await ctx.auth.account(), args.verifyId, args.faceImage)),
    deleteMyAccount: async (_: unknown, args: { confirm: boolean }, ctx: Context) => {
      await ctx.identity.deleteMyAccount(await ctx.auth.account(), args.confirm);
      return true;
    },
  },
  Session: {
    me: (session: SessionResult, _: unknown, ctx: Context) => ctx.identity.me(session.account),
  },
};
