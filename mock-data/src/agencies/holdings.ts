import Router from 'koa-router';
import type { World } from '../data/generate';
import type { Holdings } from '../data/holdings';
import { openapiDocument, s, type Agency } from './agency';
import { batchRoutes, extendAgency } from './citizen-records';

/**
 * The records application forms fill from (issue 19), each a batch route on the agency
 * that holds it, described in its OpenAPI document so the console can check a prefill
 * mapping against it: registered leases (housing), deed tax payments and the income tax
 * summary (tax), degrees (education), HK/Macao permits with the certified photo
 * (exit-entry), households (population) and marriage registration (civil affairs, a new
 * agency). Lists are what a form offers as a choice; flat fields are prefilled as they are.
 */

const leaseSchema = s.obj({
  registrationNumber: s.str,
  address: s.str,
  monthlyRent: s.int,
  startsOn: s.str,
  endsOn: s.str,
});
const deedTaxSchema = s.obj({
  voucherNumber: s.str,
  certificateNumber: s.str,
  address: s.str,
  amount: s.int,
  paidOn: s.str,
});
const degreeSchema = s.obj({
  certificateNumber: s.str,
  degree: { type: 'string', enum: ['bachelor', 'master', 'doctor'] },
  school: s.str,
  major: s.str,
  graduatedOn: s.str,
});
const memberSchema = s.obj({
  name: s.str,
  idNumber: s.str,
  relation: { type: 'string', enum: ['self', 'spouse', 'child', 'parent'] },
  birthDate: s.str,
});
const RANK = { bachelor: 1, master: 2, doctor: 3 } as const;

export function extendHousing(agency: Agency, world: World, holdings: Holdings): void {
  extendAgency(agency, (router) =>
    batchRoutes(
      router,
      'leases',
      'tenants',
      (id) => (world.personById.has(id) ? { leases: holdings.leases.get(id) ?? [] } : null),
      s.obj({ leases: s.arr(leaseSchema) }),
      'Registered lease (住房租赁登记备案)',
    ),
  );
}

export function extendTax(agency: Agency, world: World, holdings: Holdings): void {
  extendAgency(agency, (router) =>
    batchRoutes(
      router,
      'taxpayers',
      'taxpayers',
      (id) => {
        if (!world.personById.has(id)) return null;
        const income = holdings.incomeTax.get(id);
        return {
          deedTaxPayments: holdings.deedTax.get(id) ?? [],
          incomeYear: income?.incomeYear ?? null,
          annualIncome: income?.annualIncome ?? null,
          monthlyIncome: income?.monthlyIncome ?? null,
        };
      },
      s.obj({
        deedTaxPayments: s.arr(deedTaxSchema),
        incomeYear: s.nullable(s.int),
        annualIncome: s.nullable(s.int),
        monthlyIncome: s.nullable(s.int),
      }),
      'Deed tax payments and individual income tax summary',
    ),
  );
}

export function extendEducation(agency: Agency, world: World, holdings: Holdings): void {
  extendAgency(agency, (router) =>
    batchRoutes(
      router,
      'degrees',
      'graduates',
      (id) => {
        if (!world.personById.has(id)) return null;
        const degrees = holdings.degrees.get(id) ?? [];
        const highest = [...degrees].sort((a, b) => RANK[b.degree] - RANK[a.degree])[0];
        return { degrees, highestDegree: highest?.degree ?? null, graduatedOn: highest?.graduatedOn ?? null };
      },
      s.obj({ degrees: s.arr(degreeSchema), highestDegree: s.nullable(s.str), graduatedOn: s.nullable(s.str) }),
      'Education degrees (学历学位)',
    ),
  );
}

export function extendExitEntryPermits(agency: Agency, world: World, holdings: Holdings): void {
  extendAgency(agency, (router) =>
    batchRoutes(
      router,
      'permits',
      'holders',
      (id) => (world.personById.has(id) ? (holdings.permits.get(id) ?? { permits: [], photos: [] }) : null),
      s.obj({
        permits: s.arr(s.obj({ permitNumber: s.str, kind: s.str, issuedOn: s.str, validUntil: s.str })),
        photos: s.arr(s.obj({ photoId: s.str, takenOn: s.str })),
      }),
      'Exit-entry permits and the certified photo',
    ),
  );
}

export function extendPopulationHouseholds(agency: Agency, world: World, holdings: Holdings): void {
  extendAgency(agency, (router) =>
    batchRoutes(
      router,
      'households',
      'households',
      (id) => {
        if (!world.personById.has(id)) return null;
        const household = holdings.households.get(id);
        const members = household?.members ?? [];
        return {
          householdNumber: household?.householdNumber ?? null,
          size: Math.max(members.length, 1),
          members,
          children: members.filter((m) => m.relation === 'child'),
        };
      },
      s.obj({
        householdNumber: s.nullable(s.str),
        size: s.int,
        members: s.arr(memberSchema),
        children: s.arr(memberSchema),
      }),
      'Household (户籍) members',
    ),
  );
}

/** Civil affairs (民政): marriage registration. */
export function civilAffairsAgency(world: World, holdings: Holdings): Agency {
  const router = new Router();
  const operations = batchRoutes(
    router,
    'marriages',
    'people',
    (id) =>
      world.personById.has(id)
        ? (holdings.marriages.get(id) ?? {
            maritalStatus: 'single',
            spouseName: null,
            spouseIdNumber: null,
            registeredOn: null,
          })
        : null,
    s.obj({
      maritalStatus: { type: 'string', enum: ['single', 'married', 'divorced', 'widowed'] },
      spouseName: s.nullable(s.str),
      spouseIdNumber: s.nullable(s.str),
      registeredOn: s.nullable(s.str),
    }),
    'Marriage registration',
  );
  return {
    name: 'civil-affairs',
    title: 'Civil affairs (marriage registration)',
    router,
    openapi: openapiDocument('civil-affairs', 'Civil affairs (marriage registration)', operations),
  };
}
