import { RatedCaseKind, RatingCallbackResult, RatingIndicator, type Resolvers } from '../../generated/resolvers';
import { asEnum, asOptionalEnum } from '../../enums';

/** The ticked indicators, stored as a JSON array of the enum's values. */
const indicatorsOf = (json: string): RatingIndicator[] => {
  const stored: unknown = JSON.parse(json);
  return Array.isArray(stored) ? stored.map((i) => asEnum(RatingIndicator, String(i))) : [];
};

export const ratingsResolvers: Resolvers = {
  Query: {
    myCaseRating: async (_, args, ctx) =>
      ctx.ratings.ofCase((await ctx.auth.account()).citizen_id, args.kind, String(args.caseId)),
    ratingFollowUps: async (_, args, ctx) =>
      ctx.ratings.followUps(ctx.operators.requireRole(await ctx.operator(), 'publisher'), args.openOnly ?? true),
    serviceRatingAggregates: async (_, __, ctx) => {
      ctx.operators.requireRole(await ctx.operator(), 'publisher');
      return ctx.ratings.aggregates();
    },
  },
  Mutation: {
    rateCase: async (_, args, ctx) =>
      ctx.ratings.rate(await ctx.auth.account(), {
        kind: args.kind,
        caseId: args.caseId,
        level: args.level,
        indicators: args.indicators ?? [],
        text: args.text,
      }),
    updateRatingFollowUp: async (_, args, ctx) =>
      ctx.ratings.updateFollowUp(ctx.operators.requireRole(await ctx.operator(), 'publisher'), args.id, {
        action: args.action,
        outcome: args.outcome,
        callbackResult: args.callbackResult,
        close: args.close ?? false,
      }),
  },
  Application: {
    rating: (a, _, ctx) => ctx.ratings.ofCase(a.row.citizen_id, 'APPLICATION', a.row.id),
  },
  CaseRating: {
    indicators: (r) => indicatorsOf(r.indicators),
    text: (r, _, ctx) => ctx.ratings.text(r),
    ratedAt: (r) => r.created_at,
    followingUp: async (r, _, ctx) => (await ctx.ratings.followUpOf(r.id))?.status === 'OPEN',
  },
  RatingFollowUp: {
    id: (f) => f.row.id,
    caseKind: (f) => asEnum(RatedCaseKind, f.rating.case_kind),
    caseNumber: (f) => f.rating.case_number,
    serviceId: (f) => f.rating.service_id,
    level: (f) => f.rating.level,
    indicators: (f) => indicatorsOf(f.rating.indicators),
    text: (f, _, ctx) => ctx.ratings.text(f.rating),
    ratedAt: (f) => f.rating.created_at,
    contactDueAt: (f) => f.row.contact_due_at,
    status: (f) => f.row.status,
    action: (f) => f.row.action,
    outcome: (f) => f.row.outcome,
    callbackResult: (f) => asOptionalEnum(RatingCallbackResult, f.row.callback_result),
    closedAt: (f) => f.row.closed_at,
  },
};
