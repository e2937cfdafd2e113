import type { Context } from '../../context';
import { DEPARTMENTS } from '../applications/definitions';
import { departmentInfo } from '../applications/service';
import { INQUIRY_SOURCES, type InquiryCard } from './inquiry';
import type { HallInput } from './service';
import type { ServiceInput } from './validate';
import { BadUserInputError } from '../../errors';

export const servicesAdminResolvers = {
  Query: {
    consoleServices: async (_: unknown, __: unknown, ctx: Context) => ctx.servicesAdmin.list(await ctx.operator()),
    serviceDraft: async (_: unknown, args: { id: string }, ctx: Context) => ctx.servicesAdmin.draft(await ctx.operator(), args.id),
    serviceVersions: async (_: unknown, args: { id: string }, ctx: Context) => ctx.servicesAdmin.versions(await ctx.operator(), args.id),
    describedFields: async (_: unknown, args: { source: string }, ctx: Context) => {
      ctx.operators.requireRole(await ctx.operator(), 'editor');
      if (!['account', 'licences', ...INQUIRY_SOURCES].includes(args.source)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'source' });
      const fields = await ctx.serviceDescriptions.fields(args.source as Parameters<Context['serviceDescriptions']['fields']>[0]);
      return Object.entries(fields).map(([name, type]) => ({ name, type }));
    },
    knownDepartments: async (_: unknown, __: unknown, ctx: Context) => {
      ctx.operators.requireRole(await ctx.operator(), 'editor');
      return Object.keys(DEPARTMENTS).map(departmentInfo);
    },
    serviceFaqEntries: async (_: unknown, args: { serviceId: string }, ctx: Context) => ctx.servicesAdmin.faq(await ctx.operator(), args.serviceId),
    consoleHalls: async (_: unknown, __: unknown, ctx: Context) => ctx.servicesAdmin.halls(await ctx.operator()),
    consoleInquiryCards: async (_: unknown, __: unknown, ctx: Context) => ctx.inquiryCards.consoleCards(await ctx.operator()),
    inquiryCardDraft: async (_: unknown, args: { id: string }, ctx: Context) => ctx.inquiryCards.draft(await ctx.operator(), args.id),
    inquiryCards: (_: unknown, __: unknown, ctx: Context) => ctx.inquiryCards.published(),
    inquiryCard: async (_: unknown, args: { id: string }, ctx: Context) => ctx.inquiryCards.forCitizen(await ctx.auth.account(), args.id, ctx.loaders.records),
  },
  Mutation: {
    saveServiceDraft: async (_: unknown, args: { service: ServiceInput; expectedRevision: number }, ctx: Context) => ctx.servicesAdmin.saveDraft(await ctx.operator(), args.service, args.expectedRevision),
    publishService: async (_: unknown, args: { id: string; expectedRevision: number }, ctx: Context) => ctx.servicesAdmin.publish(await ctx.operator(), args.id, args.expectedRevision),
    unpublishService: async (_: unknown, args: { id: string }, ctx: Context) => ctx.servicesAdmin.unpublish(await ctx.operator(), args.id),
    rollbackService: async (_: unknown, args: { id: string; version: number }, ctx: Context) => ctx.servicesAdmin.rollback(await ctx.operator(), args.id, args.version),
    createServiceTile: async (_: unknown, args: { serviceId: string; tile: { title?: string | null; icon: string; platforms: string[]; order?: number | null; agency?: string | null } }, ctx: Context) =>
      ctx.servicesAdmin.createTile(await ctx.operator(), args.serviceId, args.tile),
    saveServiceFaqEntry: async (_: unknown, args: { entry: Parameters<Context['servicesAdmin']['saveFaq']>[1] }, ctx: Context) => ctx.servicesAdmin.saveFaq(await ctx.operator(), args.entry),
    deleteServiceFaqEntry: async (_: unknown, args: { id: string }, ctx: Context) => ctx.servicesAdmin.deleteFaq(await ctx.operator(), args.id),
    saveHall: async (_: unknown, args: { hall: HallInput }, ctx: Context) => ctx.servicesAdmin.saveHall(await ctx.operator(), args.hall),
    saveInquiryCardDraft: async (_: unknown, args: { card: InquiryCard; expectedRevision: number }, ctx: Context) => ctx.inquiryCards.saveDraft(await ctx.operator(), args.card, args.expectedRevision),
    previewInquiryCard: async (_: unknown, args: { id: string; revision: number }, ctx: Context) => ctx.inquiryCards.preview(await ctx.operator(), args.id, args.revision),
    publishInquiryCard: async (_: unknown, args: { id: string; expectedRevision: number }, ctx: Context) => ctx.inquiryCards.publish(await ctx.operator(), args.id, args.expectedRevision),
    unpublishInquiryCard: async (_: unknown, args: { id: string }, ctx: Context) => ctx.inquiryCards.unpublish(await ctx.operator(), args.id),
  },
  ServiceDefinition: {
    version: (d: { version?: number | null }) => d.version ?? null,
    guide: (d: { guide?: unknown }) => d.guide ?? null,
  },
  ApplicationDraft: {
    definitionVersion: (d: { definitionVersion?: number | null }) => d.definitionVersion ?? null,
    removedFields: (d: { removedFields?: string[] }) => d.removedFields ?? [],
    addedFields: (d: { addedFields?: string[] }) => d.addedFields ?? [],
  },
  Application: {
    definitionVersion: (a: { row: { definition_version?: number | null } }) => a.row.definition_version ?? null,
  },
};
