import type { Config } from '../../../config';
import type { UpstreamClient } from '../../../upstream/client';
import { AgencyUnavailableError } from '../../../upstream/errors';
import { LoginCodeInvalidError } from '../errors';
import { PhoneFromPlatformError, type FaceOutcome, type PlatformAuth } from './types';

type WechatError = { errcode?: number; errmsg?: string };

/**
 * WeChat: code2Session (GET /sns/jscode2session) and the city-service face API
 * (getverifyid / queryverifyinfo). Code exchange is never retried: a code is single-use,
 * and a retry after a lost answer would only find it used.
 */
export function wechatAuth(upstream: UpstreamClient, config: Pick<Config, 'WECHAT_APPID' | 'WECHAT_SECRET'>): PlatformAuth {
  // Any other answer (errcode -1 busy, 40013 bad appid…) is the platform failing, not the citizen.
  const fail = (_body: WechatError) => new AgencyUnavailableError('wechat');
  return {
    async exchangeCode(code) {
      const { body } = await upstream.request<WechatError & { openid?: string }>('wechat', {
        path: '/sns/jscode2session',
        query: { appid: config.WECHAT_APPID, secret: config.WECHAT_SECRET, js_code: code, grant_type: 'authorization_code' },
        idempotent: false,
      });
      if (body?.openid) return { userId: body.openid };
      if (body?.errcode === 40029 || body?.errcode === 40163) throw new LoginCodeInvalidError(body.errmsg ?? 'invalid code');
      throw fail(body);
    },
    async startFace(name, idNumber) {
      const { body } = await upstream.request<WechatError & { verify_id?: string }>('wechat', {
        method: 'POST', path: '/cityservice/face/getverifyid', body: { name, id_card_number: idNumber },
      });
      if (!body?.verify_id) throw fail(body);
      return { verifyId: body.verify_id, certifyUrl: null };
    },
    async faceResult(verifyId) {
      const { body } = await upstream.request<WechatError & { verify_ret?: number }>('wechat', {
        method: 'POST', path: '/cityservice/face/queryverifyinfo', body: { verify_id: verifyId }, idempotent: true,
      });
      const outcomes: Record<number, FaceOutcome> = { 0: 'pass', 1: 'pending', 2: 'cancel', 3: 'fail' };
      if (body?.errcode !== 0 || body.verify_ret === undefined) throw fail(body);
      return outcomes[body.verify_ret] ?? 'fail';
    },
    // phonenumber.getPhoneNumber: the getPhoneNumber button's code (single use, 5 minutes) for the number WeChat holds.
    async phoneNumber(code) {
      const { body } = await upstream.request<WechatError & { phone_info?: { purePhoneNumber?: string; countryCode?: string } }>('wechat', {
        method: 'POST', path: '/wxa/business/getuserphonenumber', body: { code }, idempotent: false,
      });
      if (body?.errcode === 0 && body.phone_info?.purePhoneNumber) return body.phone_info.purePhoneNumber;
      if (body?.errcode === 40029) throw new PhoneFromPlatformError('invalid or used code');
      throw fail(body ?? {});
    },
    async sendMessage(toUserId, templateId, data) {
      const { body } = await upstream.request<WechatError>('wechat', {
        method: 'POST', path: '/cgi-bin/message/subscribe/send',
        body: { touser: toUserId, template_id: templateId, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])) },
      });
      if (body?.errcode !== 0) throw fail(body);
    },
  };
}
