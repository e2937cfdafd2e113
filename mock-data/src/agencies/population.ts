import Router from 'koa-router';
import type { World, Person } from '../data/generate';
import { Agency, BAD_BATCH, batchIds, openapiDocument, s } from './agency';

const personSchema = s.obj({
  idNumber: s.str,
  name: s.str,
  sex: { type: 'string', enum: ['male', 'female'] },
  birthDate: s.str,
  ethnicity: s.str,
  divisionCode: s.str,
  address: s.str,
});

/** The record the register shares with other government systems (no phone). */
const record = (p: Person) => ({
  idNumber: p.idNumber,
  name: p.name,
  sex: p.sex,
  birthDate: p.birthDate,
  ethnicity: p.ethnicity,
  divisionCode: p.divisionCode,
  address: p.address,
});

/** Population register (公安人口库): name + ID number verification and basic records. */
export function populationAgency(world: World): Agency {
  const router = new Router();
  router.post('/v1/identity-checks', (ctx) => {
    const { name, idNumber } = (ctx.request.body ?? {}) as { name?: string; idNumber?: string };
    if (typeof name !== 'string' || typeof idNumber !== 'string') {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'name and idNumber are required' };
      return;
    }
    const person = world.personById.get(idNumber.toUpperCase());
    if (!person) ctx.body = { match: false, reason: 'NOT_FOUND' };
    else if (person.name !== name.trim()) ctx.body = { match: false, reason: 'NAME_MISMATCH' };
    else ctx.body = { match: true };
  });
  router.get('/v1/persons/:idNumber', (ctx) => {
    const person = world.personById.get(ctx.params.idNumber.toUpperCase());
    if (!person) {
      ctx.status = 404;
      ctx.body = { error: 'PERSON_NOT_FOUND', message: 'No such person' };
      return;
    }
    ctx.body = record(person);
  });
  router.post('/v1/persons/batch', (ctx) => {
    const ids = batchIds(ctx.request.body);
    if (!ids) {
      ctx.status = 400;
      ctx.body = BAD_BATCH;
      return;
    }
    ctx.body = {
      persons: ids.map((id) => {
        const p = world.personById.get(id);
        return p ? record(p) : null;
      }),
    };
  });

  // Simulator only: real people to sign in as in tests and demos (a real register has no such list).
  router.get('/dev/people', (ctx) => {
    const count = Math.min(Math.max(Number(ctx.query.count) || 10, 1), 1000);
    const offset = Math.max(Number(ctx.query.offset) || 0, 0);
    // ?has=provident-fund,social-insurance: only people those agencies also hold records of (forms that prefill from them).
    const has = typeof ctx.query.has === 'string' ? ctx.query.has.split(',') : [];
    const holds = (p: Person) =>
      has.every((agency) =>
        agency === 'provident-fund'
          ? world.providentFund.has(p.idNumber)
          : agency === 'social-insurance'
            ? world.socialInsurance.has(p.idNumber)
            : (world.holders?.[agency]?.(p.idNumber) ?? true),
      );
    ctx.body = {
      people: world.people
        .filter(holds)
        .slice(offset, offset + count)
        .map((p) => ({ idNumber: p.idNumber, name: p.name })),
    };
  });

  return {
    name: 'population',
    title: 'Population register',
    router,
    openapi: openapiDocument('population', 'Population register', [
      {
        method: 'post',
        path: '/v1/identity-checks',
        summary: 'Check that a name belongs to an ID number',
        body: s.obj({ name: s.str, idNumber: s.str }),
        response: s.obj({ match: s.bool, reason: { type: 'string', enum: ['NOT_FOUND', 'NAME_MISMATCH'] } }, ['match']),
        errors: { '400': 'Missing name or idNumber' },
      },
      {
        method: 'get',
        path: '/v1/persons/:idNumber',
        summary: 'A person’s basic record',
        params: ['idNumber'],
        response: personSchema,
        errors: { '404': 'No such person' },
      },
      {
        method: 'post',
        path: '/v1/persons/batch',
        summary: 'Basic records of up to 100 people, in the order asked (null where unknown)',
        body: s.obj({ idNumbers: s.arr(s.str) }),
        response: s.obj({ persons: s.arr(s.nullable(personSchema)) }),
        errors: { '400': 'Bad batch' },
      },
      {
        method: 'get',
        path: '/dev/people',
        summary: 'Names and ID numbers of people in the register (simulator only)',
        query: ['count', 'offset', 'has'],
        response: s.obj({ people: s.arr(s.obj({ idNumber: s.str, name: s.str })) }),
      },
    ]),
  };
}
