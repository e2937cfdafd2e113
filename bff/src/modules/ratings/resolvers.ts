import type { Context } from '../../context';
import type { RatingTable } from '../../db/schema';
import type { ApplicationView } from '../applications/service';
import type { CaseKind, FollowUpView } from './service';

export const ratingsResolvers = {
  Query: {
    myCaseRating: async (_: unknown, args: { kind: CaseKind; caseId: string }, ctx: Context) => ctx.ratings.ofCase((await ctx.auth.account()).citizen_id, args.kind, String(args.caseId)),
    ratingFollowUps: async (_: unknown, args: { openOnly?: boolean | null }, ctx: Context) => ctx.ratings.followUps(ctx.operators.requireRole(await ctx.operator(), 'publisher'), args.openOnly ?? true),
    serviceRatingAggregates: async (_: unknown, __: unknown, ctx: Context) => {
      ctx.operators.requireRole(await ctx.operator(), 'publisher');
      return ctx.ratings.aggregates();
    },
  },
  Mutation: {
    rateCase: async (_: unknown, args: { kind: CaseKind; caseId: string; level: number; indicators?: string[] | null; text?: string | null }, ctx: Context) =>
      ctx.ratings.rate(await ctx.auth.account(), { kind: args.kind, caseId: args.caseId, level: args.level, indicators: args.indicators ?? [], text: args.text }),
    updateRatingFollowUp: async (_: unknown, args: { id: string; action?: string | null; outcome?: string | null; callbackResult?: string | null; close?: boolean | null }, ctx: Context) =>
      ctx.ratings.updateFollowUp(ctx.operators.requireRole(await ctx.operator(), 'publisher'), args.id, { action: args.action, outcome: args.outcome, callbackResult: args.callbackResult, close: args.close ?? false }),
  },
  Application: {
    rating: (a: ApplicationView, _: unknown, ctx: Context) => ctx.ratings.ofCase(a.row.citizen_id, 'APPLICATION', a.row.id),
  },
  CaseRating: {
    indicators: (r: RatingTable) => JSON.parse(r.indicators) as string[],
    text: (r: RatingTable, _: unknown, ctx: Context) => ctx.ratings.text(r),
    ratedAt: (r: RatingTable) => r.created_at,
    followingUp: async (r: RatingTable, _: unknown, ctx: Context) => (await ctx.ratings.followUpOf(r.id))?.status === 'OPEN',
  },
  RatingFollowUp: {
    id: (f: FollowUpView) => f.row.id,
    caseKind: (f: FollowUpView) => f.rating.case_kind,
    caseNumber: (f: FollowUpView) => f.rating.case_number,
    serviceId: (f: FollowUpView) => f.rating.service_id,
    level: (f: FollowUpView) => f.rating.level,
    indicators: (f: FollowUpView) => JSON.parse(f.rating.indicators) as string[],
    text: (f: FollowUpView, _: unknown, ctx: Context) => ctx.ratings.text(f.rating),
    ratedAt: (f: FollowUpView) => f.rating.created_at,
    contactDueAt: (f: FollowUpView) => f.row.contact_due_at,
    status: (f: FollowUpView) => f.row.status,
    action: (f: FollowUpView) => f.row.action,
    outcome: (f: FollowUpView) => f.row.outcome,
    callbackResult: (f: FollowUpView) => f.row.callback_result,
    closedAt: (f: FollowUpView) => f.row.closed_at,
  },
};
