import type { Resolvers } from '../../generated/resolvers';

export const resultsResolvers: Resolvers = {
  Query: {
    myDocuments: async (_, __, ctx) => ctx.results.mine(await ctx.auth.account()),
    issuedDocument: async (_, args, ctx) => ctx.results.get(await ctx.auth.account(), args.id),
  },
  Application: {
    result: (a, _, ctx) => ctx.results.ofApplication(a.row.citizen_id, a.row.id),
  },
  IssuedDocument: {
    titleEn: (d) => d.title_en,
    issuedAt: (d) => d.issued_at,
    applicationId: (d) => d.application_id,
    licenceId: (d) => d.licence_id,
    verifyUrl: (d, _, ctx) => ctx.results.verifyUrl(d.verify_code),
    downloadPath: (d) => (d.kind === 'LICENCE' ? null : `/documents/${d.id}/pdf`),
  },
};
