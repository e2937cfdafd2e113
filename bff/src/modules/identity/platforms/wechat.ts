import type { Config } from '../../../config';
import type { UpstreamClient, UpstreamRequest } from '../../../upstream/client';
import { AgencyUnavailableError } from '../../../upstream/errors';
import { LoginCodeInvalidError } from '../errors';
import { AccessTokenCache } from './accessToken';
import { PhoneFromPlatformError, type FaceOutcome, type PlatformAuth } from './types';

type WechatError = { errcode?: number; errmsg?: string };

/** The answers that mean "this access_token is not (or no longer) valid": invalid or not latest, expired, malformed. */
const TOKEN_REFUSED = new Set([40001, 42001, 40014]);

/**
 * WeChat: code2Session (GET /sns/jscode2session) and the city-service face API
 * (getverifyid / queryverifyinfo). Code exchange is never retried: a code is single-use,
 * and a retry after a lost answer would only find it used.
 *
 * Every server API but code2Session takes the app's access_token in the query; it comes
 * from getStableAccessToken (POST /cgi-bin/stable_token, normal mode), not the older
 * /cgi-bin/token, whose every call invalidates the token other instances hold.
 */
export function wechatAuth(
  upstream: UpstreamClient,
  config: Pick<Config, 'WECHAT_APPID' | 'WECHAT_SECRET'>,
): PlatformAuth {
  // Any other answer (errcode -1 busy, 40013 bad appid…) is the platform failing, not the citizen.
  const fail = (_body: WechatError) => new AgencyUnavailableError('wechat');
  const tokens = new AccessTokenCache(async () => {
    const { body } = await upstream.request<WechatError & { access_token?: string; expires_in?: number }>('wechat', {
      method: 'POST',
      path: '/cgi-bin/stable_token',
      body: {
        grant_type: 'client_credential',
        appid: config.WECHAT_APPID,
        secret: config.WECHAT_SECRET,
        force_refresh: false,
      },
      idempotent: true,
      deadline: null,
    });
    if (!body?.access_token || typeof body.expires_in !== 'number') throw fail(body ?? {});
    return { token: body.access_token, expiresInS: body.expires_in };
  });
  /** A server API call with the access_token, made again once with a fresh token when WeChat refuses it. */
  const withToken = <T extends WechatError>(request: Omit<UpstreamRequest, 'query'>) =>
    tokens.use(
      async (token) => (await upstream.request<T>('wechat', { ...request, query: { access_token: token } })).body,
      (body) => TOKEN_REFUSED.has(body?.errcode ?? 0),
    );
  return {
    async exchangeCode(code, deadline) {
      const { body } = await upstream.request<WechatError & { openid?: string }>('wechat', {
        path: '/sns/jscode2session',
        query: {
          appid: config.WECHAT_APPID,
          secret: config.WECHAT_SECRET,
          js_code: code,
          grant_type: 'authorization_code',
        },
        idempotent: false,
        deadline,
      });
      if (body?.openid) return { userId: body.openid };
      if (body?.errcode === 40029 || body?.errcode === 40163)
        throw new LoginCodeInvalidError(body.errmsg ?? 'invalid code');
      throw fail(body);
    },
    async startFace(name, idNumber, deadline) {
      const body = await withToken<WechatError & { verify_id?: string }>({
        method: 'POST',
        path: '/cityservice/face/getverifyid',
        body: { name, id_card_number: idNumber },
        deadline,
      });
      if (!body?.verify_id) throw fail(body);
      return { verifyId: body.verify_id, certifyUrl: null };
    },
    async faceResult(verifyId, _evidence, deadline) {
      const body = await withToken<WechatError & { verify_ret?: number }>({
        method: 'POST',
        path: '/cityservice/face/queryverifyinfo',
        body: { verify_id: verifyId },
        idempotent: true,
        deadline,
      });
      const outcomes: Record<number, FaceOutcome> = { 0: 'pass', 1: 'pending', 2: 'cancel', 3: 'fail' };
      if (body?.errcode !== 0 || body.verify_ret === undefined) throw fail(body);
      return outcomes[body.verify_ret] ?? 'fail';
    },
    // phonenumber.getPhoneNumber: the getPhoneNumber button's code (single use, 5 minutes) for the number WeChat holds.
    async phoneNumber(code, deadline) {
      const body = await withToken<WechatError & { phone_info?: { purePhoneNumber?: string; countryCode?: string } }>({
        method: 'POST',
        path: '/wxa/business/getuserphonenumber',
        body: { code },
        idempotent: false,
        deadline,
      });
      if (body?.errcode === 0 && body.phone_info?.purePhoneNumber) return body.phone_info.purePhoneNumber;
      if (body?.errcode === 40029) throw new PhoneFromPlatformError('invalid or used code');
      throw fail(body ?? {});
    },
    async sendMessage(toUserId, templateId, data) {
      const body = await withToken<WechatError>({
        method: 'POST',
        path: '/cgi-bin/message/subscribe/send',
        body: {
          touser: toUserId,
          template_id: templateId,
          data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])),
        },
        // Sent by the outbox, not for a request.
        deadline: null,
      });
      if (body?.errcode !== 0) throw fail(body);
    },
  };
}
