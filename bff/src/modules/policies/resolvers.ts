import type { Resolvers } from '../../generated/resolvers';
import { acceptPolicies, policyStatus } from './store';

/** Consent belongs to the platform account (there is no citizen before the real-name step). */
export const policiesResolvers: Resolvers = {
  Query: {
    policyStatus: async (_, __, ctx) => policyStatus(ctx.db, (await ctx.auth.account()).id),
  },
  Mutation: {
    acceptPolicies: async (_, args, ctx) =>
      acceptPolicies(
        ctx.db,
        (await ctx.auth.account()).id,
        { privacy: args.privacyVersion, terms: args.termsVersion },
        ctx.now(),
      ),
  },
};
