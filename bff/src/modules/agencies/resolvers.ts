import type { Context } from '../../context';
import { AGENCY_TITLES } from './probe';

export const agenciesResolvers = {
  Query: {
    agencyStatus: async (_: unknown, __: unknown, ctx: Context) => {
      // For the console's status board: any signed-in operator.
      ctx.operators.requireRole(await ctx.operator(), 'editor');
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
