import { createHash, randomBytes } from 'node:crypto';
import Router from 'koa-router';
import type { MockConfig } from '../config';
import type { World } from '../data/generate';
import { Agency, openapiDocument, s } from '../agencies/agency';
import { PlatformSimulator } from './simulator';
import { addDevRoutes, devOperations } from './devRoutes';
import { IssuedTokens } from './credentials';

/**
 * Baidu smart programs: jscode2sessionkey (codes live 10 minutes), face comparison of a
 * photo against the police photo with a 0-100 score (pass at 80; Baidu AI Cloud's
 * person/verify, which Baidu keeps no session for), template messages, and
 * subscription messages sent by subscribe_id (4007 without the user's consent).
 */
export function baiduPlatform(world: World, config: MockConfig): Agency & { simulator: PlatformSimulator } {
  const simulator = new PlatformSimulator('baidu', world, 10 * 60_000);
  const router = new Router();
  const body = (ctx: { request: { body?: unknown } }) => (ctx.request.body ?? {}) as Record<string, string | undefined>;

  // Client-credentials tokens (about a month): the smart program's own (app key, scope
  // smartapp_snsapi_base) for its message APIs, the AI Cloud application's for face.
  const tokens = new IssuedTokens('24', 2_592_000);
  router.post('/oauth/2.0/token', (ctx) => {
    const {
      grant_type: grantType,
      client_id: clientId,
      client_secret: clientSecret,
      scope,
    } = { ...(ctx.query as Record<string, string>), ...body(ctx) };
    if (grantType !== 'client_credentials') {
      ctx.body = {
        error: 'unsupported_grant_type',
        error_description: 'The authorization grant type is not supported',
      };
      return;
    }
    const smartProgram =
      clientId === config.MOCK_BAIDU_CLIENT_ID &&
      clientSecret === config.MOCK_BAIDU_SECRET &&
      scope === 'smartapp_snsapi_base';
    const aiCloud = clientId === config.MOCK_BAIDU_AI_API_KEY && clientSecret === config.MOCK_BAIDU_AI_SECRET_KEY;
    if (!smartProgram && !aiCloud) {
      ctx.body = {
        error: 'invalid_client',
        error_description:
          clientId === config.MOCK_BAIDU_CLIENT_ID || clientId === config.MOCK_BAIDU_AI_API_KEY
            ? 'Client authentication failed'
            : 'unknown client id',
      };
      return;
    }
    const { token, expiresInS } = tokens.issue(clientId!);
    ctx.body = {
      access_token: token,
      expires_in: expiresInS,
      scope: smartProgram ? 'smartapp_snsapi_base' : 'public brain_all_scope',
      session_key: '',
      session_secret: '',
    };
  });
  /** 110 invalid (or another app's), 111 expired: under `errno` on smart-program APIs, `error_code` on AI Cloud. */
  const tokenRefusal = (token: unknown, client: string, field: 'errno' | 'error_code') => {
    const check = tokens.check(token, [client]);
    if (check === 'ok') return null;
    return check === 'expired'
      ? { [field]: 111, [field === 'errno' ? 'msg' : 'error_msg']: 'Access token expired' }
      : { [field]: 110, [field === 'errno' ? 'msg' : 'error_msg']: 'Access token invalid or no longer valid' };
  };
  // Simulator only: every token issued so far expires.
  router.post('/dev/expire-tokens', (ctx) => {
    tokens.expireAll();
    ctx.body = { expired: true };
  });

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
  // Baidu AI Cloud's face v3 person/verify: a photo compared with the police photo of the
  // name and ID number given, score 0-100. The simulated camera (/dev/camera) knows whose
  // face each photo it took shows; a photo it did not take has no face in it (222202).
  const photos = new Map<string, string | null>();
  const photoKey = (image: string) => createHash('sha256').update(image).digest('hex');
  router.post('/rest/2.0/face/v3/person/verify', (ctx) => {
    const refused = tokenRefusal(ctx.query.access_token, config.MOCK_BAIDU_AI_API_KEY, 'error_code');
    if (refused) {
      ctx.body = refused;
      return;
    }
    const { image, image_type: imageType, id_card_number: idNumber, name } = body(ctx);
    if (!image || imageType !== 'BASE64' || !idNumber || !name) {
      ctx.body = {
        error_code: 222001,
        error_msg: 'param[image], param[image_type], param[id_card_number] and param[name] are required',
      };
      return;
    }
    const key = photoKey(image);
    if (!photos.has(key)) {
      ctx.body = { error_code: 222202, error_msg: 'pic not has face' };
      return;
    }
    const person = world.personById.get(idNumber);
    if (!person || person.name !== name) {
      ctx.body = {
        error_code: person ? 222351 : 222354,
        error_msg: person ? 'id number and name not match' : 'id number not exist',
      };
      return;
    }
    const genuine = photos.get(key) === idNumber;
    ctx.body = { error_code: 0, error_msg: 'SUCCESS', log_id: Date.now(), result: { score: genuine ? 92.4 : 31.2 } };
  });
  // Simulator only: the camera photographs a person (their ID number), or someone not in the register.
  router.post('/dev/camera', (ctx) => {
    const { person } = body(ctx);
    const image = randomBytes(48).toString('base64');
    photos.set(photoKey(image), person ?? null);
    ctx.body = { image };
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
  // Subscription messages: the consent a <form report-type="subscribe"> tap gave, one
  // message per (user, template, subscribe-id); repeated consents under one id do not add up.
  const consents = new Set<string>();
  const consentKey = (openid: string, templateId: string, subscribeId: string) =>
    `${openid}\u0000${templateId}\u0000${subscribeId}`;
  let msgKey = 0;
  router.post('/rest/2.0/smartapp/template/message/subscribe/send', (ctx) => {
    const refused = tokenRefusal(ctx.query.access_token, config.MOCK_BAIDU_CLIENT_ID, 'errno');
    if (refused) {
      ctx.body = refused;
      return;
    }
    const { touser_openId: to, template_id: templateId, subscribe_id: subscribeId, data } = body(ctx);
    if (!to || !templateId || !subscribeId) {
      ctx.body = { errno: 2002, msg: '参数错误' };
      return;
    }
    if (!consents.delete(consentKey(to, templateId, subscribeId))) {
      ctx.body = { errno: 4007, msg: '用户未订阅该消息' };
      return;
    }
    let parsed: unknown = data;
    try {
      parsed = typeof data === 'string' ? JSON.parse(data) : data;
    } catch {
      /* kept as sent */
    }
    simulator.sendMessage(to, templateId, parsed);
    msgKey += 1;
    ctx.body = { errno: 0, msg: 'success', data: { msg_key: msgKey } };
  });
  // Simulator only: what the form's submit event carries after the authorisation panel,
  // for a simulated user's answer (accept, or Baidu's documented refusals 500101-500103).
  const refusals: Record<string, { status: number; message: string }> = {
    'reject-forever': { status: 500101, message: '用户永久拒绝授权' },
    reject: { status: 500102, message: '用户单次拒绝授权' },
    cancel: { status: 500103, message: '用户取消授权' },
  };
  router.post('/dev/subscribe', (ctx) => {
    const { user, template_id: templateId, subscribe_id: subscribeId, answer = 'accept' } = body(ctx);
    if (!user || !templateId || !subscribeId) {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'user, template_id and subscribe_id are required' };
      return;
    }
    const refusal = refusals[answer];
    if (refusal) {
      ctx.body = { formId: '', ...refusal };
      return;
    }
    consents.add(consentKey(simulator.userId(user), templateId, subscribeId));
    ctx.body = { formId: `${templateId}-${randomBytes(8).toString('hex')}`, status: '', message: '' };
  });
  addDevRoutes(router, simulator);

  return {
    name: 'baidu',
    title: 'Baidu smart program open platform',
    router,
    simulator,
    openapi: openapiDocument('baidu', 'Baidu smart program open platform', [
      {
        method: 'post',
        path: '/oauth/jscode2sessionkey',
        summary: 'Exchange a swan.getLoginCode code for openid and session_key',
        body: s.obj({ code: s.str, client_id: s.str, sk: s.str }),
        response: { type: 'object' },
      },
      {
        method: 'post',
        path: '/oauth/2.0/token',
        summary:
          "Client credentials: the smart program's token (client_id = app key, client_secret, scope smartapp_snsapi_base) or the AI Cloud application's (API key, secret key); 2,592,000 s. The APIs below take it as ?access_token= (110 invalid, 111 expired)",
        query: ['grant_type', 'client_id', 'client_secret', 'scope'],
        response: { type: 'object' },
      },
      {
        method: 'post',
        path: '/dev/expire-tokens',
        summary: 'Simulator: every access_token issued so far expires (111 from then on)',
        response: s.obj({ expired: s.bool }),
      },
      {
        method: 'post',
        path: '/rest/2.0/face/v3/person/verify',
        summary:
          'Baidu AI Cloud person/verify: a face photo (BASE64) against the police photo of id_card_number and name; result.score 0-100 (80 recommended); 222202 no face',
        body: s.obj(
          {
            image: s.str,
            image_type: s.str,
            id_card_number: s.str,
            name: s.str,
            quality_control: s.str,
            liveness_control: s.str,
          },
          ['image', 'image_type', 'id_card_number', 'name'],
        ),
        response: { type: 'object' },
      },
      {
        method: 'post',
        path: '/dev/camera',
        summary: 'Simulator: a photo from the camera of the person with this ID number (absent: someone else)',
        body: s.obj({ person: s.str }, []),
        response: s.obj({ image: s.str }),
      },
      {
        method: 'post',
        path: '/template/message/send',
        summary: 'Send a template message',
        body: s.obj({ touser_openid: s.str, template_id: s.str, data: { type: 'object' } }),
        response: { type: 'object' },
      },
      {
        method: 'post',
        path: '/rest/2.0/smartapp/template/message/subscribe/send',
        summary:
          'Send one subscription message on a subscribe_id the user consented to (errno 4007 when not subscribed)',
        body: s.obj({ touser_openId: s.str, template_id: s.str, subscribe_id: s.str, data: s.str }),
        response: { type: 'object' },
      },
      {
        method: 'post',
        path: '/dev/subscribe',
        summary:
          'Simulator: a user answers the subscription panel of a <form report-type="subscribe">; returns the submit event detail (formId, status, message)',
        body: s.obj(
          {
            user: s.str,
            template_id: s.str,
            subscribe_id: s.str,
            answer: { type: 'string', enum: ['accept', 'reject', 'reject-forever', 'cancel'] },
          },
          ['user', 'template_id', 'subscribe_id'],
        ),
        response: s.obj({ formId: s.str }),
      },
      ...devOperations,
    ]),
  };
}
