import { randomBytes } from 'node:crypto';
import Router from 'koa-router';
import type { MockConfig } from '../config';
import type { World } from '../data/generate';
import { Agency, openapiDocument, s } from '../agencies/agency';
import { PlatformSimulator } from './simulator';
import { addDevRoutes, devOperations } from './devRoutes';
import { IssuedTokens, type TokenCheck } from './credentials';

/** WeChat's error codes for code exchange: 40029 invalid code, 40163 code used, 40013 invalid appid. */
const CODE_ERRORS = {
  INVALID: { errcode: 40029, errmsg: 'invalid code' },
  EXPIRED: { errcode: 40029, errmsg: 'invalid code, code expired' },
  USED: { errcode: 40163, errmsg: 'code been used' },
};

/** WeChat: jscode2session, city-service face verification (verifyId), subscribe messages. Codes live 5 minutes. */
export function wechatPlatform(world: World, config: MockConfig): Agency & { simulator: PlatformSimulator } {
  const simulator = new PlatformSimulator('wechat', world, 5 * 60_000);
  const router = new Router();
  // getStableAccessToken: 7,200 s tokens every server API but jscode2session asks for in the query.
  const tokens = new IssuedTokens('wx', 7200);
  router.post('/cgi-bin/stable_token', (ctx) => {
    const {
      grant_type: grantType,
      appid,
      secret,
      force_refresh: forceRefresh,
    } = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (grantType !== 'client_credential') {
      ctx.body = { errcode: 40002, errmsg: 'invalid grant_type' };
      return;
    }
    if (appid !== config.MOCK_WECHAT_APPID || secret !== config.MOCK_WECHAT_SECRET) {
      ctx.body =
        appid !== config.MOCK_WECHAT_APPID
          ? { errcode: 40013, errmsg: 'invalid appid' }
          : { errcode: 40125, errmsg: 'invalid appsecret' };
      return;
    }
    const { token, expiresInS } = tokens.issue(appid, forceRefresh === true);
    ctx.body = { access_token: token, expires_in: expiresInS };
  });
  const TOKEN_ERRORS: Record<Exclude<TokenCheck, 'ok'>, { errcode: number; errmsg: string }> = {
    missing: { errcode: 41001, errmsg: 'access_token missing' },
    invalid: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
    expired: { errcode: 42001, errmsg: 'access_token expired' },
  };
  // Runs before each server API route: no valid access_token, WeChat's error and nothing else.
  const withToken = async (ctx: Router.RouterContext, next: () => Promise<unknown>) => {
    const check = tokens.check(ctx.query.access_token, [config.MOCK_WECHAT_APPID]);
    if (check !== 'ok') {
      ctx.body = TOKEN_ERRORS[check];
      return;
    }
    await next();
  };
  // Simulator only: every token issued so far stops being valid (as if WeChat rotated them).
  router.post('/dev/expire-tokens', (ctx) => {
    tokens.expireAll();
    ctx.body = { expired: true };
  });
  router.get('/sns/jscode2session', (ctx) => {
    const { appid, secret, js_code: code, grant_type: grantType } = ctx.query as Record<string, string | undefined>;
    if (
      appid !== config.MOCK_WECHAT_APPID ||
      secret !== config.MOCK_WECHAT_SECRET ||
      grantType !== 'authorization_code'
    ) {
      ctx.body = { errcode: 40013, errmsg: 'invalid appid or secret' };
      return;
    }
    const result = simulator.redeemCode(code ?? '');
    if (!result.ok) {
      ctx.body = CODE_ERRORS[result.problem];
      return;
    }
    ctx.body = {
      openid: simulator.userId(result.user),
      session_key: Buffer.from(result.user).toString('base64'),
      unionid: simulator.unionId(result.user),
    };
  });
  router.post('/cityservice/face/getverifyid', withToken, (ctx) => {
    const { name, id_card_number: idNumber } = (ctx.request.body ?? {}) as Record<string, string | undefined>;
    if (!name || !idNumber) {
      ctx.body = { errcode: 40097, errmsg: 'invalid args: name and id_card_number required' };
      return;
    }
    ctx.body = { errcode: 0, errmsg: 'ok', verify_id: simulator.startFace(name, idNumber).id, expires_in: 3600 };
  });
  router.post('/cityservice/face/queryverifyinfo', withToken, (ctx) => {
    const { verify_id: verifyId } = (ctx.request.body ?? {}) as Record<string, string | undefined>;
    const session = simulator.face(verifyId ?? '');
    if (!session) {
      ctx.body = { errcode: 40097, errmsg: 'invalid verify_id' };
      return;
    }
    // verify_ret: 0 pass, 1 pending, 2 cancelled, 3 face did not match (the real codes are finer-grained).
    const verifyRet = { pass: 0, pending: 1, cancel: 2, fail: 3 }[session.outcome];
    ctx.body = { errcode: 0, errmsg: 'ok', verify_ret: verifyRet };
  });
  router.post('/cgi-bin/message/subscribe/send', withToken, (ctx) => {
    const { touser, template_id: templateId, data } = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (typeof touser !== 'string' || typeof templateId !== 'string') {
      ctx.body = { errcode: 47003, errmsg: 'argument invalid: touser and template_id required' };
      return;
    }
    simulator.sendMessage(touser, templateId, data);
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });
  // The phone number behind a <button open-type="getPhoneNumber"> tap: a one-time code
  // (5 minutes) the server exchanges with phonenumber.getPhoneNumber.
  const phoneCodes = new Map<string, { phone: string; issuedAt: number }>();
  router.post('/wxa/business/getuserphonenumber', withToken, (ctx) => {
    const { code } = (ctx.request.body ?? {}) as Record<string, unknown>;
    const entry = typeof code === 'string' ? phoneCodes.get(code) : undefined;
    if (typeof code === 'string') phoneCodes.delete(code);
    if (!entry || Date.now() - entry.issuedAt > 5 * 60_000) {
      ctx.body = { errcode: 40029, errmsg: 'invalid code' };
      return;
    }
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: entry.phone,
        purePhoneNumber: entry.phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: config.MOCK_WECHAT_APPID },
      },
    };
  });
  // Simulator only: the code the getPhoneNumber button gives for a user whose WeChat holds this phone.
  router.post('/dev/phone-code', (ctx) => {
    const { phone } = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (typeof phone !== 'string') {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'phone is required' };
      return;
    }
    const code = randomBytes(16).toString('hex');
    phoneCodes.set(code, { phone, issuedAt: Date.now() });
    ctx.body = { code };
  });
  addDevRoutes(router, simulator);

  const err = s.obj({ errcode: s.int, errmsg: s.str }, ['errcode']);
  return {
    name: 'wechat',
    title: 'WeChat open platform',
    router,
    simulator,
    openapi: openapiDocument('wechat', 'WeChat open platform', [
      {
        method: 'get',
        path: '/sns/jscode2session',
        summary: 'Exchange a wx.login code for openid, session_key and unionid',
        query: ['appid', 'secret', 'js_code', 'grant_type'],
        response: { oneOf: [s.obj({ openid: s.str, session_key: s.str, unionid: s.str }), err] },
      },
      {
        method: 'post',
        path: '/cgi-bin/stable_token',
        summary:
          "getStableAccessToken: the app's access_token (7,200 s; the same one while valid unless force_refresh). Every API below but jscode2session takes it as ?access_token= (41001 missing, 40001 invalid, 42001 expired)",
        body: s.obj({ grant_type: s.str, appid: s.str, secret: s.str, force_refresh: s.bool }, [
          'grant_type',
          'appid',
          'secret',
        ]),
        response: { oneOf: [s.obj({ access_token: s.str, expires_in: s.int }), err] },
      },
      {
        method: 'post',
        path: '/dev/expire-tokens',
        summary: 'Simulator: every access_token issued so far expires (42001 from then on)',
        response: s.obj({ expired: s.bool }),
      },
      {
        method: 'post',
        path: '/cityservice/face/getverifyid',
        summary: 'Start face verification for a name and ID number',
        body: s.obj({ name: s.str, id_card_number: s.str }),
        response: s.obj({ errcode: s.int, verify_id: s.str, expires_in: s.int }, ['errcode']),
      },
      {
        method: 'post',
        path: '/cityservice/face/queryverifyinfo',
        summary: 'The result of a face verification (0 pass, 1 pending, 2 cancelled, 3 no match)',
        body: s.obj({ verify_id: s.str }),
        response: s.obj({ errcode: s.int, verify_ret: s.int }, ['errcode']),
      },
      {
        method: 'post',
        path: '/cgi-bin/message/subscribe/send',
        summary: 'Send a subscription message',
        body: s.obj({ touser: s.str, template_id: s.str, data: { type: 'object' } }),
        response: err,
      },
      {
        method: 'post',
        path: '/wxa/business/getuserphonenumber',
        summary:
          'phonenumber.getPhoneNumber: the phone behind a getPhoneNumber button code (single use, 5 minutes; 40029 otherwise)',
        body: s.obj({ code: s.str }),
        response: { type: 'object' },
      },
      {
        method: 'post',
        path: '/dev/phone-code',
        summary: 'Simulator: the code a getPhoneNumber button tap gives for a WeChat user with this phone',
        body: s.obj({ phone: s.str }),
        response: s.obj({ code: s.str }),
      },
      ...devOperations,
    ]),
  };
}
