import Router from 'koa-router';
import type { MockConfig } from '../config';
import type { World } from '../data/generate';
import { Agency, openapiDocument, s } from '../agencies/agency';
import { PlatformSimulator } from './simulator';
import { addDevRoutes, devOperations } from './devRoutes';

/**
 * Baidu smart programs: jscode2sessionkey (codes live 10 minutes), face comparison
 * against the police photo with a 0-100 score (pass at 80), template messages.
 */
export function baiduPlatform(world: World, config: MockConfig): Agency & { simulator: PlatformSimulator } {
  const simulator = new PlatformSimulator('baidu', world, 10 * 60_000);
  const router = new Router();
  const body = (ctx: { request: { body?: unknown } }) => (ctx.request.body ?? {}) as Record<string, string | undefined>;

  router.post('/oauth/jscode2sessionkey', (ctx) => {
    const { code, client_id: clientId, sk } = { ...(ctx.query as Record<string, string>), ...body(ctx) };
    if (clientId !== config.MOCK_BAIDU_CLIENT_ID || sk !== config.MOCK_BAIDU_SECRET) {
      ctx.body = { errno: 40002, error: 'invalid_client', error_description: 'unknown client_id or sk' };
      return;
    }
    const result = simulator.redeemCode(code ?? '');
    if (!result.ok) {
      ctx.body = { errno: 40001, error: 'invalid_grant', error_description: `code ${result.problem.toLowerCase()}` };
      return;
    }
    ctx.body = { openid: simulator.userId(result.user), session_key: Buffer.from(result.user).toString('base64') };
  });
  router.post('/face/verify/start', (ctx) => {
    const { name, id_number: idNumber } = body(ctx);
    if (!name || !idNumber) {
      ctx.body = { errno: 400, msg: 'name and id_number are required' };
      return;
    }
    ctx.body = { errno: 0, data: { verify_id: simulator.startFace(name, idNumber).id } };
  });
  router.post('/face/verify/result', (ctx) => {
    const session = simulator.face(body(ctx).verify_id ?? '');
    if (!session) {
      ctx.body = { errno: 404, msg: 'unknown verify_id' };
      return;
    }
    ctx.body = { errno: 0, data: { status: session.outcome, score: session.score } };
  });
  router.post('/template/message/send', (ctx) => {
    const { touser_openid: to, template_id: templateId } = body(ctx);
    if (!to || !templateId) {
      ctx.body = { errno: 400, msg: 'touser_openid and template_id are required' };
      return;
    }
    simulator.sendMessage(to, templateId, (ctx.request.body as Record<string, unknown>).data);
    ctx.body = { errno: 0, msg: 'success' };
  });
  addDevRoutes(router, simulator);

  return {
    name: 'baidu',
    title: 'Baidu smart program open platform',
    router,
    simulator,
    openapi: openapiDocument('baidu', 'Baidu smart program open platform', [
      { method: 'post', path: '/oauth/jscode2sessionkey', summary: 'Exchange a swan.getLoginCode code for openid and session_key', body: s.obj({ code: s.str, client_id: s.str, sk: s.str }), response: { type: 'object' } },
      { method: 'post', path: '/face/verify/start', summary: 'Start a face comparison with the police photo', body: s.obj({ name: s.str, id_number: s.str }), response: { type: 'object' } },
      { method: 'post', path: '/face/verify/result', summary: 'Status and score (0-100, pass at 80) of a face comparison', body: s.obj({ verify_id: s.str }), response: { type: 'object' } },
      { method: 'post', path: '/template/message/send', summary: 'Send a template message', body: s.obj({ touser_openid: s.str, template_id: s.str, data: { type: 'object' } }), response: { type: 'object' } },
      ...devOperations,
    ]),
  };
}
