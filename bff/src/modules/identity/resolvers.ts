import { Platform as PlatformEnum, type Resolvers } from '../../generated/resolvers';
import { asEnum } from '../../enums';
import type { MeView } from './service';
import { requirePolicyConsent } from '../policies/store';

/** The accounts' platforms are stored as strings; the schema's Platform enum says which. */
const me = (view: MeView) => ({
  ...view,
  platform: asEnum(PlatformEnum, view.platform),
  linkedPlatforms: view.linkedPlatforms.map((p) => ({ ...p, platform: asEnum(PlatformEnum, p.platform) })),
});

/** Every resolver that touches personal data starts from ctx.auth.account(): deny by default. */
export const identityResolvers: Resolvers = {
  Query: {
    me: async (_, __, ctx) => me(await ctx.identity.me(await ctx.auth.account())),
  },
  Mutation: {
    login: (_, args, ctx) => ctx.identity.login(args.platform, args.code, ctx.deadline),
    refreshSession: (_, args, ctx) => ctx.identity.refresh(args.refreshToken, ctx.deadline.requestId),
    logout: async (_, __, ctx) => {
      await ctx.identity.logout(await ctx.auth.claims());
      return true;
    },
    verifyRealName: async (_, args, ctx) => {
      const account = await ctx.auth.account();
      await requirePolicyConsent(ctx.db, account.id);
      return me(
        await ctx.identity.me(await ctx.identity.verifyRealName(account, args.name, args.idNumber, ctx.deadline)),
      );
    },
    sendLinkCode: async (_, __, ctx) => ctx.identity.sendLinkCode(await ctx.auth.account(), ctx.deadline),
    proveLinkWithCode: async (_, args, ctx) =>
      me(await ctx.identity.me(await ctx.identity.proveLinkWithCode(await ctx.auth.account(), args.code))),
    unlinkPlatform: async (_, args, ctx) => {
      const account = await ctx.auth.account();
      await ctx.identity.unlinkPlatform(account, args.accountId);
      return me(await ctx.identity.me(account));
    },
    sendPhoneCode: async (_, args, ctx) =>
      ctx.identity.sendPhoneCode(await ctx.auth.account(), args.phone, ctx.deadline),
    bindPhone: async (_, args, ctx) => {
      const account = await ctx.auth.account();
      await ctx.identity.bindPhone(account, args.phone, args.code);
      return me(await ctx.identity.me(account));
    },
    bindPhoneFromPlatform: async (_, args, ctx) => {
      const account = await ctx.auth.account();
      await ctx.identity.bindPhoneFromPlatform(account, args.proof, ctx.deadline);
      return me(await ctx.identity.me(account));
    },
    startFaceVerification: async (_, args, ctx) =>
      ctx.identity.startFace(await ctx.auth.account(), args.consent, ctx.deadline),
    completeFaceVerification: async (_, args, ctx) =>
      me(
        await ctx.identity.me(
          await ctx.identity.completeFace(await ctx.auth.account(), args.verifyId, args.faceImage, ctx.deadline),
        ),
      ),
    deleteMyAccount: async (_, args, ctx) => {
      await ctx.identity.deleteMyAccount(await ctx.auth.account(), args.confirm);
      return true;
    },
  },
  Session: {
    me: async (session, _, ctx) => me(await ctx.identity.me(session.account)),
  },
};
