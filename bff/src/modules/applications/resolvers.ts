import type { Context } from '../../context';
import { category, checkRegion } from '../catalogue/resolvers';
import type { ServiceDefinition } from './definitions';
import { departmentInfo, type ApplicationView } from './service';
import { isFinal } from './status';
import { isDecision } from './withdraw';

export const applicationsResolvers = {
  Query: {
    service: async (_: unknown, args: { id: string }, ctx: Context) => ctx.applications.definition(String(args.id)),
    searchServices: async (_: unknown, args: { query: string; platform: string; region?: string | null }, ctx: Context) => {
      const region = checkRegion(args.region);
      const tiles = await ctx.liveTiles.get(`${args.platform}|${region ?? ''}`, () => ctx.catalogue.listPublishedTiles(args.platform, region, ctx.now()));
      const categories = new Map((await ctx.catalogue.listCategories()).map((c) => [c.id, c]));
      return [...ctx.search.shortcuts(args.query), ...ctx.search.search(tiles, args.query, categories)];
    },
    applicationForm: async (_: unknown, args: { serviceId: string }, ctx: Context) => {
      const form = await ctx.applications.form(await ctx.auth.account(), args.serviceId, ctx.loaders.records);
      return { ...form, service: form.definition };
    },
    myApplications: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: Context) =>
      ctx.applications.list(await ctx.auth.account(), args.first ?? 20, args.after),
    application: async (_: unknown, args: { id: string }, ctx: Context) => ctx.applications.get(await ctx.auth.account(), args.id),
  },
  Mutation: {
    saveDraft: async (_: unknown, args: { serviceId: string; answers: string; version?: number | null }, ctx: Context) =>
      ctx.applications.saveDraft(await ctx.auth.account(), args.serviceId, args.answers, args.version),
    discardDraft: async (_: unknown, args: { serviceId: string }, ctx: Context) => ctx.applications.discardDraft(await ctx.auth.account(), args.serviceId),
    submitApplication: async (_: unknown, args: { serviceId: string; answers: string; idempotencyKey: string }, ctx: Context) =>
      ctx.applications.submit(await ctx.auth.account(), args.serviceId, args.answers, args.idempotencyKey, ctx.loaders.records),
    answerInformationRequest: async (_: unknown, args: { applicationId: string; note: string; uploadIds?: string[] | null; idempotencyKey: string }, ctx: Context) =>
      ctx.applications.answerInformationRequest(await ctx.auth.account(), args.applicationId, args.note, args.uploadIds ?? [], args.idempotencyKey),
    withdrawApplication: async (_: unknown, args: { applicationId: string }, ctx: Context) => ctx.withdrawals.withdraw(await ctx.auth.account(), String(args.applicationId)),
  },
  ServiceDefinition: {
    category: async (d: ServiceDefinition, _: unknown, ctx: Context) => category(await ctx.loaders.categoryById.load(d.categoryId)),
    departments: (d: ServiceDefinition) => d.departments.map(departmentInfo),
    bundle: (d: ServiceDefinition) => d.departments.length > 1,
    materials: (d: ServiceDefinition) => d.materials.map((m) => ({ licenceKind: null, fieldId: null, ...m })),
    formSchema: (d: ServiceDefinition) => JSON.stringify(d.form),
  },
  Application: {
    id: (a: ApplicationView) => a.row.id,
    number: (a: ApplicationView) => a.row.number,
    queryCode: (a: ApplicationView, _: unknown, ctx: Context) => ctx.applications.queryCodeOf(a),
    service: (a: ApplicationView) => a.definition,
    status: (a: ApplicationView) => a.row.status,
    statusReason: (a: ApplicationView) => a.row.status_reason,
    createdAt: (a: ApplicationView) => a.row.created_at,
    updatedAt: (a: ApplicationView) => a.row.updated_at,
    answers: (a: ApplicationView, _: unknown, ctx: Context) => ctx.applications.answersOf(a),
    departments: async (a: ApplicationView, _: unknown, ctx: Context) => (await ctx.applications.departments(a.row.id)).map((d) => ({
      department: departmentInfo(d.department), status: d.status, reason: d.reason, receiptNo: d.receipt_no, updatedAt: d.updated_at,
    })),
    withdrawal: (a: ApplicationView) => (a.row.withdraw_requested_at ? { requestedAt: a.row.withdraw_requested_at, outcome: a.row.withdraw_outcome ?? null } : null),
    canWithdraw: async (a: ApplicationView, _: unknown, ctx: Context) =>
      !a.row.withdraw_requested_at && !isFinal(a.row.status) && !(await ctx.applications.departments(a.row.id)).some((d) => isDecision(d.status)),
    timeline: async (a: ApplicationView, _: unknown, ctx: Context) => (await ctx.applications.timeline(a)).map((e) => ({
      status: e.status, department: e.department ? departmentInfo(e.department) : null, note: e.note, at: e.at,
    })),
  },
};
