import type { Context } from '../../context';
import { acceptPolicies, policyStatus } from './store';

/** Consent belongs to the platform account (there is no citizen before the real-name step). */
export const policiesResolvers = {
  Query: {
    policyStatus: async (_: unknown, __: unknown, ctx: Context) => policyStatus(ctx.db, (await ctx.auth.account()).id),
  },
  Mutation: {
    acceptPolicies: async (_: unknown, args: { privacyVersion: string; termsVersion: string }, ctx: Context) =>
      acceptPolicies(ctx.db, (await ctx.auth.account()).id, { privacy: args.privacyVersion, terms: args.termsVersion }, ctx.now()),
  },
};
