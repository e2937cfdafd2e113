import Router from 'koa-router';
import type { World } from '../data/generate';
import { Agency, BAD_BATCH, batchIds, openapiDocument, s } from './agency';
import type { ApplicationDesk } from './departments';

/**
 * The three record-holding agencies that answer "what do you hold about this ID
 * number": one lookup and one batch each, so the BFF's DataLoaders make one call
 * per agency per request.
 */
function recordAgency<T>(options: {
  name: string;
  title: string;
  path: string;
  batchKey: string;
  lookup: (idNumber: string) => T | null;
  schema: Record<string, unknown>;
  extraRoutes?: (router: Router) => void;
  extraOps?: Parameters<typeof openapiDocument>[2];
}): Agency {
  const router = new Router();
  router.get(`/v1/${options.path}/:idNumber`, (ctx) => {
    const found = options.lookup(ctx.params.idNumber.toUpperCase());
    if (found === null) {
      ctx.status = 404;
      ctx.body = { error: 'NOT_FOUND', message: `No ${options.title.toLowerCase()} record for that ID number` };
      return;
    }
    ctx.body = found;
  });
  router.post(`/v1/${options.path}/batch`, (ctx) => {
    const ids = batchIds(ctx.request.body);
    if (!ids) {
      ctx.status = 400;
      ctx.body = BAD_BATCH;
      return;
    }
    ctx.body = { [options.batchKey]: ids.map((id) => options.lookup(id.toUpperCase())) };
  });
  options.extraRoutes?.(router);
  return {
    name: options.name,
    title: options.title,
    router,
    openapi: openapiDocument(options.name, options.title, [
      { method: 'get', path: `/v1/${options.path}/:idNumber`, summary: `${options.title} record of one person`, params: ['idNumber'], response: options.schema, errors: { '404': 'No record' } },
      {
        method: 'post', path: `/v1/${options.path}/batch`, summary: `${options.title} records of up to 100 people, in order (null where none)`,
        body: s.obj({ idNumbers: s.arr(s.str) }), response: s.obj({ [options.batchKey]: s.arr(s.nullable(options.schema)) }), errors: { '400': 'Bad batch' },
      },
      ...(options.extraOps ?? []),
    ]),
  };
}

/** Deterministic monthly payments from a person's record: same answer every call. */
function payments(base: number, firstPaidOn: string, months: number) {
  const out: Array<{ month: string; base: number; pensionCents: number; medicalCents: number; status: 'paid' }> = [];
  const start = new Date('2026-10-01T00:00:00Z');
  for (let i = 0; i < months; i++) {
    const month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - i, 1)).toISOString().slice(0, 7);
    if (month < firstPaidOn.slice(0, 7)) break;
    out.push({ month, base, pensionCents: base * 8, medicalCents: base * 2, status: 'paid' });
  }
  return out;
}

/** With a desk, the agency also takes service applications (社保缴费证明) on its own routes. */
export function socialInsuranceAgency(world: World, desk?: ApplicationDesk): Agency {
  const months = (value: unknown) => Math.min(Math.max(Number(value) || 12, 1), 60);
  return recordAgency({
    name: 'social-insurance', title: 'Social insurance', path: 'insured', batchKey: 'insured',
    lookup: (id) => world.socialInsurance.get(id) ?? null,
    schema: s.obj({ idNumber: s.str, insuredCity: s.str, status: s.str, firstPaidOn: s.str, monthlyBase: s.int, pensionMonths: s.int }),
    extraRoutes: (router) => {
      router.get('/v1/insured/:idNumber/payments', (ctx) => {
        const record = world.socialInsurance.get(ctx.params.idNumber.toUpperCase());
        if (!record) {
          ctx.status = 404;
          ctx.body = { error: 'NOT_FOUND', message: 'Not insured' };
          return;
        }
        ctx.body = { payments: payments(record.monthlyBase, record.firstPaidOn, months(ctx.query.months)) };
      });
      desk?.mount(router);
    },
    extraOps: [{
      method: 'get', path: '/v1/insured/:idNumber/payments', summary: 'Monthly payment record, newest first', params: ['idNumber'], query: ['months'],
      response: s.obj({ payments: s.arr(s.obj({ month: s.str, base: s.int, pensionCents: s.int, medicalCents: s.int, status: s.str })) }), errors: { '404': 'Not insured' },
    }, ...(desk?.operations() ?? [])],
  });
}

/** With a desk, the fund centre also takes service applications (公积金提取) on its own routes. */
export function providentFundAgency(world: World, desk?: ApplicationDesk): Agency {
  return recordAgency({
    name: 'provident-fund', title: 'Housing provident fund', path: 'accounts', batchKey: 'accounts',
    lookup: (id) => world.providentFund.get(id) ?? null,
    schema: s.obj({ idNumber: s.str, accountNumber: s.str, employer: s.str, status: s.str, balanceCents: s.int, monthlyDepositCents: s.int, openedOn: s.str }),
    extraRoutes: desk && ((router) => desk.mount(router)),
    extraOps: desk?.operations(),
  });
}

export function licencesAgency(world: World): Agency {
  return recordAgency({
    name: 'licences', title: 'Electronic licence library', path: 'holders', batchKey: 'holders',
    lookup: (id) => (world.personById.has(id) ? { idNumber: id, licences: world.licencesByHolder.get(id) ?? [] } : null),
    schema: s.obj({
      idNumber: s.str,
      licences: s.arr(s.obj({ licenceId: s.str, kind: s.str, holderIdNumber: s.str, number: s.str, issuer: s.str, issuedOn: s.str, validUntil: s.nullable(s.str), fields: { type: 'object' } })),
    }),
  });
}
