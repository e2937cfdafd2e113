import type { Context } from '../../context';
import { AuthorisationDirection, AuthorisationStatus, FamilyRelation, type Resolvers } from '../../generated/resolvers';
import { asEnum } from '../../enums';

type AuthorisationView = Awaited<ReturnType<Context['family']['authorisations']['list']>>[number];

/** The services keep these enums as strings (the tables' columns); the schema's enums say which. */
const authorisation = (a: AuthorisationView) => ({
  ...a,
  direction: asEnum(AuthorisationDirection, a.direction),
  relation: asEnum(FamilyRelation, a.relation),
  status: asEnum(AuthorisationStatus, a.status),
});
const actingFor = <A extends { relation: string }>(a: A) => ({ ...a, relation: asEnum(FamilyRelation, a.relation) });

/**
 * Acting for family: every operation here is about the person holding the phone (ACTING_RULES: SELF),
 * except grantAuthorisation, which asks for ctx.auth.account() so that the table refuses it to a helper (NEVER).
 */
export const familyResolvers: Resolvers = {
  Query: {
    myFamily: async (_, __, ctx) => ctx.family.relations(await ctx.auth.actor(), ctx.deadline),
    myAuthorisations: async (_, __, ctx) =>
      (await ctx.family.authorisations.list(await ctx.auth.actor())).map(authorisation),
    actingFor: async (_, __, ctx) => {
      const current = await ctx.family.current(await ctx.auth.actor(), (await ctx.auth.claims()).sessionId);
      return current && actingFor(current);
    },
  },
  Mutation: {
    actAs: async (_, args, ctx) =>
      actingFor(
        await ctx.family.actAs(await ctx.auth.actor(), (await ctx.auth.claims()).sessionId, args.ref, ctx.deadline),
      ),
    grantAuthorisation: async (_, args, ctx) =>
      authorisation(
        await ctx.family.authorisations.grant(await ctx.auth.account(), args.to, args.scopes, args.until, ctx.deadline),
      ),
    acceptAuthorisation: async (_, args, ctx) =>
      authorisation(await ctx.family.authorisations.accept(await ctx.auth.actor(), args.id)),
    revokeAuthorisation: async (_, args, ctx) =>
      authorisation(await ctx.family.authorisations.revoke(await ctx.auth.actor(), args.id)),
    stopActing: async (_, __, ctx) =>
      ctx.family.stopActing(await ctx.auth.actor(), (await ctx.auth.claims()).sessionId),
  },
};
