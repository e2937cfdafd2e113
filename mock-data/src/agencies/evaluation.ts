import Router from 'koa-router';
import { openapiDocument, s, type Agency } from './agency';

/**
 * The national government-service evaluation system (全国一体化政务服务平台“好差评”),
 * as GB/T 39734 describes what it receives: the channel, the service item code, the
 * case number, a level from 1 (非常不满意) to 5 (非常满意) and, for low levels, the
 * indicators ticked. Each rating is taken once per Idempotency-Key; a repeat answers
 * the first and counts the delivery.
 */
export interface ReceivedRating {
  evaluationNo: string;
  key: string;
  channel: string;
  itemCode: string;
  caseNumber: string;
  caseKind: string;
  level: number;
  indicators: string[];
  receivedAt: string;
  deliveries: number;
}

export const INDICATORS = ['EFFICIENCY', 'GUIDE_ACCURACY', 'CONVENIENCE', 'PLATFORM_USABILITY', 'ATTITUDE'] as const;

export function evaluationAgency(): Agency & { ratings: Map<string, ReceivedRating> } {
  const ratings = new Map<string, ReceivedRating>();
  let serial = 0;
  const router = new Router();
  router.post('/v1/ratings', (ctx) => {
    const key = ctx.get('idempotency-key').trim();
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    const seen = key ? ratings.get(key) : undefined;
    if (seen) {
      seen.deliveries += 1;
      ctx.body = { evaluationNo: seen.evaluationNo };
      return;
    }
    const indicators = Array.isArray(b.indicators) ? b.indicators : [];
    if (
      !key ||
      typeof b.channel !== 'string' ||
      typeof b.itemCode !== 'string' ||
      typeof b.caseNumber !== 'string' ||
      typeof b.caseKind !== 'string' ||
      typeof b.level !== 'number' ||
      !Number.isInteger(b.level) ||
      b.level < 1 ||
      b.level > 5 ||
      !indicators.every((i) => INDICATORS.includes(i as (typeof INDICATORS)[number]))
    ) {
      ctx.status = 400;
      ctx.body = {
        error: 'BAD_REQUEST',
        message:
          'Idempotency-Key, channel, itemCode, caseNumber, caseKind, level (1-5) and known indicators are required',
      };
      return;
    }
    const rating: ReceivedRating = {
      evaluationNo: `HCP${String(++serial).padStart(10, '0')}`,
      key,
      channel: b.channel,
      itemCode: b.itemCode,
      caseNumber: b.caseNumber,
      caseKind: b.caseKind,
      level: b.level,
      indicators: indicators as string[],
      receivedAt: new Date().toISOString(),
      deliveries: 1,
    };
    ratings.set(key, rating);
    ctx.status = 201;
    ctx.body = { evaluationNo: rating.evaluationNo };
  });
  router.get('/dev/ratings', (ctx) => {
    const caseNumber = typeof ctx.query.caseNumber === 'string' ? ctx.query.caseNumber : null;
    ctx.body = { ratings: [...ratings.values()].filter((r) => !caseNumber || r.caseNumber === caseNumber) };
  });
  return {
    name: 'evaluation',
    title: 'National service evaluation (好差评)',
    router,
    ratings,
    openapi: openapiDocument('evaluation', 'National service evaluation (好差评)', [
      {
        method: 'post',
        path: '/v1/ratings',
        summary: 'One rating of a finished case, once per Idempotency-Key (a repeat answers the first)',
        body: s.obj({
          channel: s.str,
          itemCode: s.str,
          caseNumber: s.str,
          caseKind: s.str,
          level: s.int,
          indicators: s.arr(s.str),
        }),
        response: s.obj({ evaluationNo: s.str }),
        errors: { '400': 'Missing key or bad body' },
      },
      {
        method: 'get',
        path: '/dev/ratings',
        summary: 'Ratings received (simulator only)',
        query: ['caseNumber'],
        response: s.obj({ ratings: s.arr(s.obj({ evaluationNo: s.str, level: s.int, deliveries: s.int })) }),
      },
    ]),
  };
}
