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
    login: (_, args, ctx) => ctx.identity.login(ctx.deadline, args.platform, args.code),
    refreshSession: (_, args, ctx) => ctx.identity.refresh(args.refreshToken),
    logout: async (_, __, ctx) => {
      await ctx.identity.logout(await ctx.auth.claims());
      return true;
    },
    verifyRealName: async (_, args, ctx) => {
      const account = await ctx.auth.account();
      await requirePolicyConsent(ctx.db, account.id);
      return me(
        await ctx.identity.me(await ctx.identity.verifyRealName(ctx.deadline, account, args.name, args.idNumber)),
      );
    },
    sendLinkCode: async (_, __, ctx) => ctx.identity.sendLinkCode(ctx.deadline, await ctx.auth.account()),
    proveLinkWithCode: async (_, args, ctx) =>
      me(await ctx.identity.me(await ctx.identity.proveLinkWithCode(await ctx.auth.account(), args.code))),
    unlinkPlatform: async (_, args, ctx) => {
      const account = await ctx.auth.account();
      await ctx.identity.unlinkPlatform(account, args.accountId);
      return me(await ctx.identity.me(account));
    },
    sendPhoneCode: async (_, args, ctx) =>
      ctx.identity.sendPhoneCode(ctx.deadline, await ctx.auth.account(), args.phone),
    bindPhone: async (_, args, ctx) => {
      const account = await ctx.auth.account();
      await ctx.identity.bindPhone(account, args.phone, args.code);
      return me(await ctx.identity.me(account));
    },
    bindPhoneFromPlatform: async (_, args, ctx) => {
      const account = await ctx.auth.account();
      await ctx.identity.bindPhoneFromPlatform(ctx.deadline, account, args.proof);
      return me(await ctx.identity.me(account));
    },
    startFaceVerification: async (_, args, ctx) =>
      ctx.identity.startFace(ctx.deadline, await ctx.auth.account(), args.consent),
    completeFaceVerification: async (_, args, ctx) =>
      me(
        await ctx.identity.me(
          await ctx.identity.completeFace(ctx.deadline, await ctx.auth.account(), args.verifyId, args.faceImage),
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
