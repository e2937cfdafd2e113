import { ApplicationStatus, WithdrawalOutcome, type Resolvers } from '../../generated/resolvers';
import { asEnum, asOptionalEnum } from '../../enums';
import { category, checkRegion } from '../catalogue/resolvers';
import { departmentInfo } from './service';
import { isFinal } from './status';
import { isDecision } from './withdraw';

export const applicationsResolvers: Resolvers = {
  Query: {
    service: async (_, args, ctx) => ctx.applications.definition(String(args.id)),
    searchServices: async (_, args, ctx) => {
      const region = checkRegion(args.region);
      const tiles = await ctx.liveTiles.get(`${args.platform}|${region ?? ''}`, () =>
        ctx.catalogue.listPublishedTiles(args.platform, region, ctx.now()),
      );
      const categories = new Map((await ctx.catalogue.listCategories()).map((c) => [c.id, c]));
      // A shortcut (the elder-mode switch) is no published tile: its category is joined here.
      const shortcuts = ctx.search.shortcuts(args.query).flatMap((tile) => {
        const category = categories.get(tile.category_id);
        return category ? [{ ...tile, category }] : [];
      });
      return [...shortcuts, ...ctx.search.search(tiles, args.query, categories)];
    },
    applicationForm: async (_, args, ctx) => {
      const form = await ctx.applications.form(await ctx.auth.account(), args.serviceId, ctx.loaders.records);
      return { ...form, service: form.definition };
    },
    myApplications: async (_, args, ctx) =>
      ctx.applications.list(await ctx.auth.account(), args.first ?? 20, args.after),
    application: async (_, args, ctx) => ctx.applications.get(await ctx.auth.account(), args.id),
  },
  Mutation: {
    saveDraft: async (_, args, ctx) =>
      ctx.applications.saveDraft(await ctx.auth.account(), args.serviceId, args.answers, args.version),
    discardDraft: async (_, args, ctx) => ctx.applications.discardDraft(await ctx.auth.account(), args.serviceId),
    submitApplication: async (_, args, ctx) =>
      ctx.applications.submit(
        await ctx.auth.account(),
        args.serviceId,
        args.answers,
        args.idempotencyKey,
        ctx.loaders.records,
      ),
    answerInformationRequest: async (_, args, ctx) =>
      ctx.applications.answerInformationRequest(
        await ctx.auth.account(),
        args.applicationId,
        args.note,
        args.uploadIds ?? [],
        args.idempotencyKey,
      ),
    withdrawApplication: async (_, args, ctx) =>
      ctx.withdrawals.withdraw(await ctx.auth.account(), String(args.applicationId)),
  },
  ServiceDefinition: {
    category: async (d, _, ctx) => category(await ctx.loaders.categoryById.load(d.categoryId)),
    departments: (d) => d.departments.map(departmentInfo),
    bundle: (d) => d.departments.length > 1,
    materials: (d) => d.materials.map((m) => ({ licenceKind: null, fieldId: null, ...m })),
    formSchema: (d) => d.form,
  },
  Application: {
    id: (a) => a.row.id,
    number: (a) => a.row.number,
    queryCode: (a, _, ctx) => ctx.applications.queryCodeOf(a),
    service: (a) => a.definition,
    status: (a) => asEnum(ApplicationStatus, a.row.status),
    statusReason: (a) => a.row.status_reason,
    createdAt: (a) => a.row.created_at,
    updatedAt: (a) => a.row.updated_at,
    answers: (a, _, ctx) => ctx.applications.answersOf(a),
    departments: async (a, _, ctx) =>
      (await ctx.applications.departments(a.row.id)).map((d) => ({
        department: departmentInfo(d.department),
        status: asEnum(ApplicationStatus, d.status),
        reason: d.reason,
        receiptNo: d.receipt_no,
        updatedAt: d.updated_at,
      })),
    withdrawal: (a) =>
      a.row.withdraw_requested_at
        ? {
            requestedAt: a.row.withdraw_requested_at,
            outcome: asOptionalEnum(WithdrawalOutcome, a.row.withdraw_outcome ?? null),
          }
        : null,
    canWithdraw: async (a, _, ctx) =>
      !a.row.withdraw_requested_at &&
      !isFinal(a.row.status) &&
      !(await ctx.applications.departments(a.row.id)).some((d) => isDecision(d.status)),
    timeline: async (a, _, ctx) =>
      (await ctx.applications.timeline(a)).map((e) => ({
        status: asEnum(ApplicationStatus, e.status),
        department: e.department ? departmentInfo(e.department) : null,
        note: e.note,
        at: e.at,
      })),
  },
};
