import type { Context } from '../../context';
import type { Resolvers } from '../../generated/resolvers';
import { DEPARTMENTS } from '../applications/definitions';
import { departmentInfo } from '../applications/service';
import { INQUIRY_SOURCES } from './inquiry';
import { BadUserInputError } from '../../errors';

export const servicesAdminResolvers: Resolvers = {
  Query: {
    consoleServices: async (_, __, ctx) => ctx.servicesAdmin.list(await ctx.operator()),
    serviceDraft: async (_, args, ctx) => ctx.servicesAdmin.draft(await ctx.operator(), args.id),
    serviceVersions: async (_, args, ctx) => ctx.servicesAdmin.versions(await ctx.operator(), args.id),
    describedFields: async (_, args, ctx) => {
      ctx.operators.requireRole(await ctx.operator(), 'editor');
      if (!['account', 'licences', ...INQUIRY_SOURCES].includes(args.source))
        throw new BadUserInputError('BAD_USER_INPUT', { field: 'source' });
      const fields = await ctx.serviceDescriptions.fields(
        args.source as Parameters<Context['serviceDescriptions']['fields']>[0],
      );
      return Object.entries(fields).map(([name, type]) => ({ name, type }));
    },
    knownDepartments: async (_, __, ctx) => {
      ctx.operators.requireRole(await ctx.operator(), 'editor');
      return Object.keys(DEPARTMENTS).map(departmentInfo);
    },
    serviceFaqEntries: async (_, args, ctx) => ctx.servicesAdmin.faq(await ctx.operator(), args.serviceId),
    consoleHalls: async (_, __, ctx) => ctx.servicesAdmin.halls(await ctx.operator()),
    consoleInquiryCards: async (_, __, ctx) => ctx.inquiryCards.consoleCards(await ctx.operator()),
    inquiryCardDraft: async (_, args, ctx) => ctx.inquiryCards.draft(await ctx.operator(), args.id),
    inquiryCards: (_, __, ctx) => ctx.inquiryCards.published(),
    inquiryCard: async (_, args, ctx) =>
      ctx.inquiryCards.forCitizen(await ctx.auth.account(), args.id, ctx.loaders.records),
  },
  Mutation: {
    saveServiceDraft: async (_, args, ctx) =>
      ctx.servicesAdmin.saveDraft(await ctx.operator(), args.service, args.expectedRevision),
    publishService: async (_, args, ctx) =>
      ctx.servicesAdmin.publish(await ctx.operator(), args.id, args.expectedRevision),
    unpublishService: async (_, args, ctx) => ctx.servicesAdmin.unpublish(await ctx.operator(), args.id),
    rollbackService: async (_, args, ctx) => ctx.servicesAdmin.rollback(await ctx.operator(), args.id, args.version),
    createServiceTile: async (_, args, ctx) =>
      ctx.servicesAdmin.createTile(await ctx.operator(), args.serviceId, args.tile),
    saveServiceFaqEntry: async (_, args, ctx) => ctx.servicesAdmin.saveFaq(await ctx.operator(), args.entry),
    deleteServiceFaqEntry: async (_, args, ctx) => ctx.servicesAdmin.deleteFaq(await ctx.operator(), args.id),
    saveHall: async (_, args, ctx) => ctx.servicesAdmin.saveHall(await ctx.operator(), args.hall),
    saveInquiryCardDraft: async (_, args, ctx) =>
      ctx.inquiryCards.saveDraft(await ctx.operator(), args.card, args.expectedRevision),
    previewInquiryCard: async (_, args, ctx) => ctx.inquiryCards.preview(await ctx.operator(), args.id, args.revision),
    publishInquiryCard: async (_, args, ctx) =>
      ctx.inquiryCards.publish(await ctx.operator(), args.id, args.expectedRevision),
    unpublishInquiryCard: async (_, args, ctx) => ctx.inquiryCards.unpublish(await ctx.operator(), args.id),
  },
  ServiceDefinition: {
    version: (d) => d.version ?? null,
    guide: (d) => d.guide ?? null,
  },
  ApplicationDraft: {
    definitionVersion: (d) => d.definitionVersion ?? null,
    removedFields: (d) => d.removedFields ?? [],
    addedFields: (d) => d.addedFields ?? [],
  },
  Application: {
    definitionVersion: (a) => a.row.definition_version ?? null,
  },
};
