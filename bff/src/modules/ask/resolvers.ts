import type { Context } from '../../context';
import type { FaqEntryTable } from '../../db/schema';
import type { AskInput, ConsultationView } from './consultations';

export const askResolvers = {
  Query: {
    faq: (_: unknown, args: { serviceId?: string | null }, ctx: Context) => ctx.faq.list(args.serviceId),
    searchFaq: (_: unknown, args: { query: string; serviceId?: string | null }, ctx: Context) => ctx.faq.search(args.query, args.serviceId),
    myConsultations: async (_: unknown, args: { first?: number | null; after?: string | null }, ctx: Context) =>
      ctx.consultations.list(await ctx.auth.account(), args.first ?? 20, args.after),
    consultation: async (_: unknown, args: { id: string }, ctx: Context) => ctx.consultations.get(await ctx.auth.account(), args.id),
    applicationProgress: (_: unknown, args: { number: string; queryCode: string }, ctx: Context) => ctx.progress.lookup(args.number, args.queryCode, ctx.clientIp),
  },
  Mutation: {
    askQuestion: async (_: unknown, args: { input: AskInput }, ctx: Context) => ctx.consultations.ask(await ctx.auth.account(), args.input),
    rateConsultation: async (_: unknown, args: { id: string; solved: boolean; comment?: string | null }, ctx: Context) =>
      ctx.consultations.rate(await ctx.auth.account(), args.id, args.solved, args.comment),
  },
  FaqEntry: {
    serviceId: (f: FaqEntryTable) => f.service_id,
    questionEn: (f: FaqEntryTable) => f.question_en,
    answerEn: (f: FaqEntryTable) => f.answer_en,
  },
  Consultation: {
    id: (c: ConsultationView) => c.row.id,
    number: (c: ConsultationView) => c.row.number,
    category: (c: ConsultationView) => c.row.category,
    status: (c: ConsultationView) => c.row.status,
    serviceId: (c: ConsultationView) => c.row.service_id,
    applicationNumber: (c: ConsultationView) => c.row.application_number,
    hasPhoto: (c: ConsultationView) => Boolean(c.row.photo_id),
    ticketNo: (c: ConsultationView) => c.row.ticket_no,
    replies: (c: ConsultationView) => c.replies,
    canRate: (c: ConsultationView) => c.row.status === 'REPLIED',
    canReopen: (c: ConsultationView) => c.row.status === 'REPLIED' && c.row.reopened === 0,
    createdAt: (c: ConsultationView) => c.row.created_at,
    updatedAt: (c: ConsultationView) => c.row.updated_at,
  },
};
