import type { Context } from '../../context';
import type { IssuedDocumentTable } from '../../db/schema';
import type { ApplicationView } from '../applications/service';

export const resultsResolvers = {
  Query: {
    myDocuments: async (_: unknown, __: unknown, ctx: Context) => ctx.results.mine(await ctx.auth.account()),
    issuedDocument: async (_: unknown, args: { id: string }, ctx: Context) => ctx.results.get(await ctx.auth.account(), args.id),
  },
  Application: {
    result: (a: ApplicationView, _: unknown, ctx: Context) => ctx.results.ofApplication(a.row.citizen_id, a.row.id),
  },
  IssuedDocument: {
    titleEn: (d: IssuedDocumentTable) => d.title_en,
    issuedAt: (d: IssuedDocumentTable) => d.issued_at,
    applicationId: (d: IssuedDocumentTable) => d.application_id,
    licenceId: (d: IssuedDocumentTable) => d.licence_id,
    verifyUrl: (d: IssuedDocumentTable, _: unknown, ctx: Context) => ctx.results.verifyUrl(d.verify_code),
    downloadPath: (d: IssuedDocumentTable) => (d.kind === 'LICENCE' ? null : `/documents/${d.id}/pdf`),
  },
};
