import Router from 'koa-router';
import { creditCodeCheckCharacter } from '@citizen/shared';
import type { Licence, World } from '../data/generate';
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
      {
        method: 'get',
        path: `/v1/${options.path}/:idNumber`,
        summary: `${options.title} record of one person`,
        params: ['idNumber'],
        response: options.schema,
        errors: { '404': 'No record' },
      },
      {
        method: 'post',
        path: `/v1/${options.path}/batch`,
        summary: `${options.title} records of up to 100 people, in order (null where none)`,
        body: s.obj({ idNumbers: s.arr(s.str) }),
        response: s.obj({ [options.batchKey]: s.arr(s.nullable(options.schema)) }),
        errors: { '400': 'Bad batch' },
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
    name: 'social-insurance',
    title: 'Social insurance',
    path: 'insured',
    batchKey: 'insured',
    lookup: (id) => world.socialInsurance.get(id) ?? null,
    schema: s.obj({
      idNumber: s.str,
      insuredCity: s.str,
      status: s.str,
      firstPaidOn: s.str,
      monthlyBase: s.int,
      pensionMonths: s.int,
    }),
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
    extraOps: [
      {
        method: 'get',
        path: '/v1/insured/:idNumber/payments',
        summary: 'Monthly payment record, newest first',
        params: ['idNumber'],
        query: ['months'],
        response: s.obj({
          payments: s.arr(
            s.obj({ month: s.str, base: s.int, pensionCents: s.int, medicalCents: s.int, status: s.str }),
          ),
        }),
        errors: { '404': 'Not insured' },
      },
      ...(desk?.operations() ?? []),
    ],
  });
}

/** With a desk, the fund centre also takes service applications (公积金提取) on its own routes. */
export function providentFundAgency(world: World, desk?: ApplicationDesk): Agency {
  return recordAgency({
    name: 'provident-fund',
    title: 'Housing provident fund',
    path: 'accounts',
    batchKey: 'accounts',
    lookup: (id) => world.providentFund.get(id) ?? null,
    schema: s.obj({
      idNumber: s.str,
      accountNumber: s.str,
      employer: s.str,
      status: s.str,
      balanceCents: s.int,
      monthlyDepositCents: s.int,
      openedOn: s.str,
    }),
    extraRoutes: desk && ((router) => desk.mount(router)),
    extraOps: desk?.operations(),
  });
}

/** Kinds a department may issue through the library when it grants an application. */
const ISSUABLE_KINDS = ['BUSINESS_LICENCE', 'HK_MACAO_ENDORSEMENT'] as const;

export function licencesAgency(world: World): Agency {
  const licenceSchema = s.obj({
    licenceId: s.str,
    kind: s.str,
    holderIdNumber: s.str,
    number: s.str,
    issuer: s.str,
    issuedOn: s.str,
    validUntil: s.nullable(s.str),
    fields: { type: 'object' },
  });
  // Issued licences by the issuer's reference (an application number): issuing twice gives the first one back.
  const issued = new Map<string, Licence>();
  let serial = 0;
  return recordAgency({
    name: 'licences',
    title: 'Electronic licence library',
    path: 'holders',
    batchKey: 'holders',
    lookup: (id) =>
      world.personById.has(id) ? { idNumber: id, licences: world.licencesByHolder.get(id) ?? [] } : null,
    schema: s.obj({ idNumber: s.str, licences: s.arr(licenceSchema) }),
    extraRoutes: (router) => {
      // A department's grant becomes an electronic licence in the holder's library, once per reference.
      router.post('/v1/licences', (ctx) => {
        const body = (ctx.request.body ?? {}) as {
          reference?: unknown;
          kind?: unknown;
          holderIdNumber?: unknown;
          issuer?: unknown;
          validUntil?: unknown;
          fields?: unknown;
        };
        const holder = typeof body.holderIdNumber === 'string' ? body.holderIdNumber.toUpperCase() : '';
        const reference = typeof body.reference === 'string' ? body.reference.slice(0, 64) : '';
        const kind = ISSUABLE_KINDS.find((k) => k === body.kind);
        if (!reference || !kind || !world.personById.has(holder) || typeof body.issuer !== 'string') {
          ctx.status = 400;
          ctx.body = {
            error: 'BAD_REQUEST',
            message: 'reference, an issuable kind, a known holder and the issuer are required',
          };
          return;
        }
        const seen = issued.get(reference);
        if (seen) {
          ctx.status = seen.holderIdNumber === holder && seen.kind === kind ? 200 : 409;
          ctx.body =
            seen.holderIdNumber === holder && seen.kind === kind
              ? { licence: seen }
              : { error: 'CONFLICT', message: `${reference} was issued to someone else or as another kind` };
          return;
        }
        const fields = Object.fromEntries(
          Object.entries(typeof body.fields === 'object' && body.fields ? body.fields : {})
            .filter(([, v]) => typeof v === 'string')
            .slice(0, 20),
        ) as Record<string, string>;
        const person = world.personById.get(holder)!;
        const sequence = String(++serial).padStart(6, '0');
        const first17 =
          `92${person.divisionCode}${reference.replace(/\D/g, '').slice(-3).padStart(3, '0')}${sequence}`.slice(0, 17);
        const licence: Licence = {
          licenceId: `LIC-ISSUED-${sequence}`,
          kind: kind as Licence['kind'],
          holderIdNumber: holder,
          number:
            kind === 'BUSINESS_LICENCE'
              ? first17 + creditCodeCheckCharacter(first17)
              : `HKM${reference.replace(/\D/g, '').slice(-9)}`,
          issuer: body.issuer.slice(0, 64),
          issuedOn: new Date().toISOString().slice(0, 10),
          validUntil:
            typeof body.validUntil === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(body.validUntil) ? body.validUntil : null,
          fields,
        };
        issued.set(reference, licence);
        world.licencesByHolder.set(holder, [...(world.licencesByHolder.get(holder) ?? []), licence]);
        ctx.status = 201;
        ctx.body = { licence };
      });
    },
    extraOps: [
      {
        method: 'post',
        path: '/v1/licences',
        summary:
          'Issue an electronic licence to a holder (a granted application); once per reference, a repeat returns the first',
        body: s.obj({
          reference: s.str,
          kind: { type: 'string', enum: [...ISSUABLE_KINDS] },
          holderIdNumber: s.str,
          issuer: s.str,
          validUntil: s.nullable(s.str),
          fields: { type: 'object' },
        }),
        response: s.obj({ licence: licenceSchema }),
        errors: { '400': 'Bad request', '409': 'Reference issued to someone else' },
      },
    ],
  });
}
