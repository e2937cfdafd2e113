import type { Resolvers } from '../../generated/resolvers';
import { AGENCY_TITLES } from './probe';

export const agenciesResolvers: Resolvers = {
  Query: {
    agencyStatus: async (_, __, ctx) => {
      // For the console's status board: any signed-in operator. Read from the background status, not probed per request.
      ctx.operators.requireRole(await ctx.operator(), 'editor');
      return ctx.agencyStatus.all().map((h) => ({
        name: h.name,
        title: AGENCY_TITLES[h.name],
        reachable: h.reachable,
        latencyMs: h.latencyMs,
        checkedAt: h.checkedAt?.toISOString() ?? null,
        breaker: ctx.agencies.breaker(h.name),
        ...ctx.agencies.stats(h.name),
      }));
    },
  },
};
