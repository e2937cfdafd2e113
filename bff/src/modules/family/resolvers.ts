import type { Context } from '../../context';
import type { GranteeInput } from './authorisations';

/**
 * Acting for family: every operation here is about the person holding the phone (ACTING_RULES: SELF),
 * except grantAuthorisation, which asks for ctx.auth.account() so that the table refuses it to a helper (NEVER).
 */
export const familyResolvers = {
  Query: {
    myFamily: async (_: unknown, __: unknown, ctx: Context) => ctx.family.relations(await ctx.auth.actor()),
    myAuthorisations: async (_: unknown, __: unknown, ctx: Context) => ctx.family.authorisations.list(await ctx.auth.actor()),
    actingFor: async (_: unknown, __: unknown, ctx: Context) => ctx.family.current(await ctx.auth.actor(), (await ctx.auth.claims()).sessionId),
  },
  Mutation: {
    actAs: async (_: unknown, args: { ref: string }, ctx: Context) => ctx.family.actAs(await ctx.auth.actor(), (await ctx.auth.claims()).sessionId, String(args.ref)),
    grantAuthorisation: async (_: unknown, args: { to: GranteeInput; scopes: string[]; until: string }, ctx: Context) => ctx.family.authorisations.grant(await ctx.auth.account(), args.to, args.scopes, args.until),
    acceptAuthorisation: async (_: unknown, args: { id: string }, ctx: Context) => ctx.family.authorisations.accept(await ctx.auth.actor(), String(args.id)),
    revokeAuthorisation: async (_: unknown, args: { id: string }, ctx: Context) => ctx.family.authorisations.revoke(await ctx.auth.actor(), String(args.id)),
    stopActing: async (_: unknown, __: unknown, ctx: Context) => ctx.family.stopActing(await ctx.auth.actor(), (await ctx.auth.claims()).sessionId),
  },
};
