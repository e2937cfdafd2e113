import type { Context } from '../../context';
import { AGENCY_TITLES } from './probe';

export const agenciesResolvers = {
  Query: {
    agencyStatus: async (_: unknown, __: unknown, ctx: Context) => {
      const results = await ctx.agencies.probeAll();
      return results.map((r) => ({
        name: r.name,
        title: AGENCY_TITLES[r.name],
        reachable: r.reachable,
        latencyMs: r.latencyMs,
        breaker: ctx.agencies.breaker(r.name),
        ...ctx.agencies.stats(r.name),
      }));
    },
  },
};
