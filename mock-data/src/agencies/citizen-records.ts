import { createHmac } from 'node:crypto';
import Router from 'koa-router';
import type { World } from '../data/generate';
import type { RecordsWorld } from '../data/records';
import { Agency, BAD_BATCH, batchIds, openapiDocument, s, type Operation } from './agency';

/**
 * What the 查 line reads: each agency answers "what do you hold about these ID
 * numbers" in one batch call (so the BFF's per-request loaders make one call per
 * agency), plus the paged or live details a screen opens. New agencies are built
 * here; agencies that exist already (provident fund, social insurance, exit-entry,
 * talent, market regulation) gain routes through `extendAgency`.
 */

type Json = Record<string, unknown>;

/** A batch route and a one-person route answering the same record (null where none). */
export function batchRoutes(
  router: Router,
  path: string,
  key: string,
  lookup: (idNumber: string) => unknown,
  schema: Json,
  title: string,
): Operation[] {
  router.post(`/v1/${path}/batch`, (ctx) => {
    const ids = batchIds(ctx.request.body);
    if (!ids) {
      ctx.status = 400;
      ctx.body = BAD_BATCH;
      return;
    }
    ctx.body = { [key]: ids.map((id) => lookup(id.toUpperCase()) ?? null) };
  });
  router.get(`/v1/${path}/:idNumber`, (ctx) => {
    const found = lookup(ctx.params.idNumber.toUpperCase());
    if (found === null || found === undefined) {
      ctx.status = 404;
      ctx.body = { error: 'NOT_FOUND', message: `No ${title} record for that ID number` };
      return;
    }
    ctx.body = found;
  });
  return [
    {
      method: 'post',
      path: `/v1/${path}/batch`,
      summary: `${title} records of up to 100 people, in order (null where none)`,
      body: s.obj({ idNumbers: s.arr(s.str) }),
      response: s.obj({ [key]: s.arr(s.nullable(schema)) }),
      errors: { '400': 'Bad batch' },
    },
    {
      method: 'get',
      path: `/v1/${path}/:idNumber`,
      summary: `${title} record of one person`,
      params: ['idNumber'],
      response: schema,
      errors: { '404': 'No record' },
    },
  ];
}

/** Adds routes to an agency built elsewhere, and their paths to its OpenAPI description. */
export function extendAgency(agency: Agency, build: (router: Router) => Operation[]): void {
  const operations = build(agency.router);
  const extra = openapiDocument(agency.name, agency.title, operations) as { paths: Json };
  const openapi = agency.openapi as { paths: Json };
  openapi.paths = { ...openapi.paths, ...extra.paths };
}

const month = (offset: number, from = '2026-10') => {
  const [y, m] = from.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1 - offset, 1)).toISOString().slice(0, 7);
};
const page = (query: Json) => ({
  page: Math.max(Number(query.page) || 1, 1),
  pageSize: Math.min(Math.max(Number(query.pageSize) || 12, 1), 24),
});

const loanSchema = s.obj({
  loanNumber: s.str,
  principalCents: s.int,
  remainingCents: s.int,
  monthlyPaymentCents: s.int,
  startedOn: s.str,
  endsOn: s.str,
  status: s.str,
});
const depositSchema = s.obj({
  month: s.str,
  amountCents: s.int,
  employerCents: s.int,
  personalCents: s.int,
  employer: s.str,
  status: s.str,
});

/** Provident fund: the account with its loan in one batch; monthly deposits paged (24 months kept online). */
export function extendProvidentFund(agency: Agency, world: World, records: RecordsWorld): void {
  extendAgency(agency, (router) => {
    router.get('/v1/accounts/:idNumber/deposits', (ctx) => {
      const account = world.providentFund.get(ctx.params.idNumber.toUpperCase());
      if (!account) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND', message: 'No fund account' };
        return;
      }
      const { page: p, pageSize } = page(ctx.query);
      const all = Array.from({ length: 24 }, (_, i) => month(i)).filter((m) => m >= account.openedOn.slice(0, 7));
      ctx.body = {
        page: p,
        pageSize,
        total: all.length,
        deposits: all.slice((p - 1) * pageSize, p * pageSize).map((m) => ({
          month: m,
          amountCents: account.monthlyDepositCents,
          employerCents: Math.round(account.monthlyDepositCents / 2),
          personalCents: account.monthlyDepositCents - Math.round(account.monthlyDepositCents / 2),
          employer: account.employer,
          status: account.status === 'sealed' && m === month(0) ? 'unpaid' : 'paid',
        })),
      };
    });
    return [
      ...batchRoutes(
        router,
        'fund-records',
        'records',
        (id) => {
          const account = world.providentFund.get(id);
          return account ? { account, loan: records.loans.get(id) ?? null } : null;
        },
        s.obj({ account: { type: 'object' }, loan: s.nullable(loanSchema) }),
        'Provident fund',
      ),
      {
        method: 'get',
        path: '/v1/accounts/:idNumber/deposits',
        summary: 'Monthly deposits of the last 24 months, newest first, paged',
        params: ['idNumber'],
        query: ['page', 'pageSize'],
        response: s.obj({ page: s.int, pageSize: s.int, total: s.int, deposits: s.arr(depositSchema) }),
        errors: { '404': 'No fund account' },
      },
    ];
  });
}

const INSURANCE_TYPES = [
  { type: 'pension', employer: 16, personal: 8 },
  { type: 'medical', employer: 6, personal: 2 },
  { type: 'unemployment', employer: 0.5, personal: 0.5 },
  { type: 'injury', employer: 0.4, personal: 0 },
  { type: 'maternity', employer: 0.8, personal: 0 },
] as const;

/** Social insurance: insured record, five insurance types and the card in one batch; contributions by month and type. */
export function extendSocialInsurance(agency: Agency, world: World, records: RecordsWorld): void {
  extendAgency(agency, (router) => {
    router.get('/v1/insured/:idNumber/contributions', (ctx) => {
      const insured = world.socialInsurance.get(ctx.params.idNumber.toUpperCase());
      if (!insured) {
        ctx.status = 404;
        ctx.body = { error: 'NOT_FOUND', message: 'Not insured' };
        return;
      }
      const months = Math.min(Math.max(Number(ctx.query.months) || 12, 1), 60);
      const list = Array.from({ length: months }, (_, i) => month(i)).filter(
        (m) => m >= insured.firstPaidOn.slice(0, 7),
      );
      ctx.body = {
        contributions: list.flatMap((m) =>
          INSURANCE_TYPES.map((t) => ({
            month: m,
            type: t.type,
            baseCents: insured.monthlyBase * 100,
            employerCents: Math.round(insured.monthlyBase * t.employer),
            personalCents: Math.round(insured.monthlyBase * t.personal),
            status: insured.status === 'suspended' && m === month(0) ? 'unpaid' : 'paid',
          })),
        ),
      };
    });
    return [
      ...batchRoutes(
        router,
        'insurance-records',
        'records',
        (id) => {
          const insured = world.socialInsurance.get(id);
          if (!insured) return null;
          const card = world.licencesByHolder.get(id)?.find((l) => l.kind === 'SOCIAL_SECURITY_CARD');
          return {
            insuredCity: insured.insuredCity,
            status: insured.status,
            firstPaidOn: insured.firstPaidOn,
            monthlyBaseCents: insured.monthlyBase * 100,
            cumulativeMonths: insured.pensionMonths,
            types: INSURANCE_TYPES.map((t) => ({
              type: t.type,
              status: insured.status,
              months: insured.pensionMonths,
            })),
            card: card
              ? {
                  number: card.number,
                  status: records.cardStatus.get(id) ?? 'active',
                  bank: card.fields.bank ?? '',
                  issuedOn: card.issuedOn,
                }
              : null,
          };
        },
        s.obj({
          insuredCity: s.str,
          status: s.str,
          firstPaidOn: s.str,
          monthlyBaseCents: s.int,
          cumulativeMonths: s.int,
          types: s.arr({ type: 'object' }),
          card: s.nullable({ type: 'object' }),
        }),
        'Social insurance',
      ),
      {
        method: 'get',
        path: '/v1/insured/:idNumber/contributions',
        summary: 'Contributions by month and insurance type, newest first',
        params: ['idNumber'],
        query: ['months'],
        response: s.obj({
          contributions: s.arr(
            s.obj({
              month: s.str,
              type: s.str,
              baseCents: s.int,
              employerCents: s.int,
              personalCents: s.int,
              status: s.str,
            }),
          ),
        }),
        errors: { '404': 'Not insured' },
      },
    ];
  });
}

/** How long an e-voucher code lives: shown at a counter, refreshed by the app. */
const VOUCHER_TTL_S = 60;

/** Medical insurance (医保): membership and reimbursement claims; e-voucher codes signed by the agency. */
export function medicalInsuranceAgency(world: World, records: RecordsWorld, seed: number): Agency {
  const router = new Router();
  const key = createHmac('sha256', `medical-insurance-${seed}`).update('voucher').digest();
  const member = (id: string) => {
    const insured = world.socialInsurance.get(id);
    return insured
      ? { insuredPlace: insured.insuredCity, status: insured.status, claims: records.claims.get(id) ?? [] }
      : null;
  };
  router.post('/v1/vouchers', (ctx) => {
    const idNumber = String((ctx.request.body as Json | undefined)?.idNumber ?? '').toUpperCase();
    if (!member(idNumber)) {
      ctx.status = 404;
      ctx.body = { error: 'NOT_FOUND', message: 'Not a member' };
      return;
    }
    const expiresAt = new Date(Date.now() + VOUCHER_TTL_S * 1000).toISOString();
    // The code names the member by a one-way reference, never the ID number: it is shown as a QR code.
    const ref = createHmac('sha256', key).update(idNumber).digest('base64url').slice(0, 16);
    const payload = Buffer.from(JSON.stringify({ r: ref, e: expiresAt })).toString('base64url');
    ctx.body = { code: `YBPZ.${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`, expiresAt };
  });
  const claimSchema = s.obj({
    claimNumber: s.str,
    hospital: s.str,
    submittedOn: s.str,
    totalCents: s.int,
    reimbursedCents: s.nullable(s.int),
    stage: s.str,
  });
  const operations = [
    ...batchRoutes(
      router,
      'members',
      'members',
      member,
      s.obj({ insuredPlace: s.str, status: s.str, claims: s.arr(claimSchema) }),
      'Medical insurance',
    ),
    {
      method: 'post' as const,
      path: '/v1/vouchers',
      summary: `A signed e-voucher code (医保电子凭证) for ${VOUCHER_TTL_S} seconds`,
      body: s.obj({ idNumber: s.str }),
      response: s.obj({ code: s.str, expiresAt: s.str }),
      errors: { '404': 'Not a member' },
    },
  ];
  return {
    name: 'medical-insurance',
    title: 'Medical insurance',
    router,
    openapi: openapiDocument('medical-insurance', 'Medical insurance', operations),
  };
}

/** Traffic police (交管): driving licence, vehicles with inspection and insurance dates, violations. */
export function trafficPoliceAgency(world: World, records: RecordsWorld): Agency {
  const router = new Router();
  const operations = batchRoutes(
    router,
    'drivers',
    'drivers',
    (id) =>
      world.personById.has(id) ? (records.drivers.get(id) ?? { licence: null, vehicles: [], violations: [] }) : null,
    s.obj({
      licence: s.nullable(
        s.obj({ drivingClass: s.str, pointsLeft: s.int, cycleEndsOn: s.str, validUntil: s.str, status: s.str }),
      ),
      vehicles: s.arr(
        s.obj({
          plate: s.str,
          vehicleType: s.str,
          brand: s.str,
          inspectionDue: s.str,
          insuranceDue: s.str,
          status: s.str,
        }),
      ),
      violations: s.arr(
        s.obj({
          violationId: s.str,
          plate: s.str,
          at: s.str,
          place: s.str,
          act: s.str,
          fineCents: s.int,
          points: s.int,
          handled: s.bool,
        }),
      ),
    }),
    'Driver',
  );
  return {
    name: 'traffic-police',
    title: 'Traffic police',
    router,
    openapi: openapiDocument('traffic-police', 'Traffic police', operations),
  };
}

export function extendExitEntry(agency: Agency, world: World, records: RecordsWorld): void {
  extendAgency(agency, (router) =>
    batchRoutes(
      router,
      'progress',
      'applicants',
      (id) => (world.personById.has(id) ? { applications: records.exitEntry.get(id) ?? [] } : null),
      s.obj({
        applications: s.arr(
          s.obj({ applicationNumber: s.str, kind: s.str, stage: s.str, submittedOn: s.str, updatedOn: s.str }),
        ),
      }),
      'Exit-entry application progress',
    ),
  );
}

export function extendTalent(agency: Agency, world: World, records: RecordsWorld): void {
  extendAgency(agency, (router) =>
    batchRoutes(
      router,
      'qualifications',
      'holders',
      (id) => (world.personById.has(id) ? { certificates: records.qualifications.get(id) ?? [] } : null),
      s.obj({
        certificates: s.arr(
          s.obj({ certificateNumber: s.str, name: s.str, level: s.str, issuer: s.str, issuedOn: s.str }),
        ),
      }),
      'Qualification certificate',
    ),
  );
}

export function realEstateAgency(world: World, records: RecordsWorld): Agency {
  const router = new Router();
  // ownsHome and the purchase (price, date, registered contract) are what application forms read (issue 19).
  const operations = batchRoutes(
    router,
    'owners',
    'owners',
    (id) =>
      world.personById.has(id)
        ? {
            properties: records.properties.get(id) ?? [],
            ownsHome: records.properties.get(id)?.some((p) => p.use === '住宅') ? 'yes' : 'no',
          }
        : null,
    s.obj({
      properties: s.arr(
        s.obj({
          certificateNumber: s.str,
          address: s.str,
          areaSqm: { type: 'number' },
          use: s.str,
          registeredOn: s.str,
          share: s.str,
          purchasedOn: s.str,
          purchasePrice: s.int,
          contractNumber: s.str,
        }),
      ),
      ownsHome: { type: 'string', enum: ['yes', 'no'] },
    }),
    'Real estate registration',
  );
  return {
    name: 'real-estate',
    title: 'Real estate registry',
    router,
    openapi: openapiDocument('real-estate', 'Real estate registry', operations),
  };
}

/** Market regulation: the public business register, by credit code or by part of a name. */
export function extendMarketRegulation(agency: Agency, records: RecordsWorld): void {
  extendAgency(agency, (router) => {
    router.get('/v1/businesses', (ctx) => {
      const q = String(ctx.query.q ?? '').trim();
      if (q.length < 2 || q.length > 60) {
        ctx.status = 400;
        ctx.body = { error: 'BAD_REQUEST', message: 'q (a credit code or 2-60 characters of a name) is required' };
        return;
      }
      const code = q.toUpperCase();
      ctx.body = {
        businesses: records.businesses.filter((b) => b.creditCode === code || b.name.includes(q)).slice(0, 10),
      };
    });
    return [
      {
        method: 'get',
        path: '/v1/businesses',
        summary: 'Businesses by credit code or name (public register, at most 10)',
        query: ['q'],
        response: s.obj({
          businesses: s.arr(
            s.obj({
              creditCode: s.str,
              name: s.str,
              legalRepresentative: s.str,
              status: s.str,
              type: s.str,
              scope: s.str,
              registeredOn: s.str,
            }),
          ),
        }),
        errors: { '400': 'Missing or bad q' },
      },
    ];
  });
}

export function healthAgency(world: World, records: RecordsWorld): Agency {
  const router = new Router();
  const operations = batchRoutes(
    router,
    'vaccinations',
    'people',
    (id) => (world.personById.has(id) ? { vaccinations: records.vaccinations.get(id) ?? [] } : null),
    s.obj({
      vaccinations: s.arr(s.obj({ vaccine: s.str, dose: s.int, date: s.str, site: s.str })),
    }),
    'Vaccination',
  );
  return {
    name: 'health',
    title: 'Health commission',
    router,
    openapi: openapiDocument('health', 'Health commission', operations),
  };
}

/** Public transit: stops by name, and the next arrivals at a stop (simulated from the clock). */
export function transitAgency(records: RecordsWorld): Agency {
  const router = new Router();
  router.get('/v1/stops', (ctx) => {
    const q = String(ctx.query.q ?? '').trim();
    ctx.body = { stops: (q ? records.stops.filter((stop) => stop.name.includes(q)) : records.stops).slice(0, 20) };
  });
  router.get('/v1/stops/:stopId/arrivals', (ctx) => {
    const stop = records.stops.find((x) => x.stopId === ctx.params.stopId);
    if (!stop) {
      ctx.status = 404;
      ctx.body = { error: 'NOT_FOUND', message: 'No such stop' };
      return;
    }
    // Each route runs every 6-15 minutes with its own offset: arrivals move with the clock, the same for everyone.
    const minuteNow = Math.floor(Date.now() / 60_000);
    ctx.body = {
      stopId: stop.stopId,
      name: stop.name,
      arrivals: stop.routes
        .map((route, i) => {
          const headway = 6 + ((route.length * 7 + i * 3) % 10);
          const minutes = headway - ((minuteNow + i * 4 + stop.stopId.charCodeAt(4)) % headway);
          return {
            route,
            minutes,
            stopsAway: Math.max(1, Math.ceil(minutes / 2)),
            at: new Date((minuteNow + minutes) * 60_000).toISOString(),
          };
        })
        .sort((a, b) => a.minutes - b.minutes),
    };
  });
  const stopSchema = s.obj({ stopId: s.str, name: s.str, routes: s.arr(s.str) });
  return {
    name: 'transit',
    title: 'Public transit',
    router,
    openapi: openapiDocument('transit', 'Public transit', [
      {
        method: 'get',
        path: '/v1/stops',
        summary: 'Stops whose name contains q (all when empty), at most 20',
        query: ['q'],
        response: s.obj({ stops: s.arr(stopSchema) }),
      },
      {
        method: 'get',
        path: '/v1/stops/:stopId/arrivals',
        summary: 'Next arrival of each route at a stop',
        params: ['stopId'],
        response: s.obj({
          stopId: s.str,
          name: s.str,
          arrivals: s.arr(s.obj({ route: s.str, minutes: s.int, stopsAway: s.int, at: s.str })),
        }),
        errors: { '404': 'No such stop' },
      },
    ]),
  };
}
