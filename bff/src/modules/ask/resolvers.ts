import { ConsultationCategory, ConsultationStatus, type Resolvers } from '../../generated/resolvers';
import { asEnum } from '../../enums';

export const askResolvers: Resolvers = {
  Query: {
    faq: (_, args, ctx) => ctx.faq.list(args.serviceId),
    searchFaq: (_, args, ctx) => ctx.faq.search(args.query, args.serviceId),
    myConsultations: async (_, args, ctx) =>
      ctx.consultations.list(await ctx.auth.account(), args.first ?? 20, args.after),
    consultation: async (_, args, ctx) => ctx.consultations.get(await ctx.auth.account(), args.id),
    applicationProgress: (_, args, ctx) => ctx.progress.lookup(args.number, args.queryCode, ctx.clientIp),
  },
  Mutation: {
    askQuestion: async (_, args, ctx) => ctx.consultations.ask(await ctx.auth.account(), args.input),
    rateConsultation: async (_, args, ctx) =>
      ctx.consultations.rate(await ctx.auth.account(), args.id, args.solved, args.comment),
  },
  FaqEntry: {
    serviceId: (f) => f.service_id,
    questionEn: (f) => f.question_en,
    answerEn: (f) => f.answer_en,
  },
  Consultation: {
    id: (c) => c.row.id,
    number: (c) => c.row.number,
    category: (c) => asEnum(ConsultationCategory, c.row.category),
    status: (c) => asEnum(ConsultationStatus, c.row.status),
    serviceId: (c) => c.row.service_id,
    applicationNumber: (c) => c.row.application_number,
    hasPhoto: (c) => Boolean(c.row.photo_id),
    ticketNo: (c) => c.row.ticket_no,
    replies: (c) => c.replies,
    canRate: (c) => c.row.status === 'REPLIED',
    canReopen: (c) => c.row.status === 'REPLIED' && c.row.reopened === 0,
    createdAt: (c) => c.row.created_at,
    updatedAt: (c) => c.row.updated_at,
  },
};
