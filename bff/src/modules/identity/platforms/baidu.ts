import type { Config } from '../../../config';
import type { UpstreamClient } from '../../../upstream/client';
import { AgencyUnavailableError } from '../../../upstream/errors';
import { LoginCodeInvalidError } from '../errors';
import type { PlatformAuth } from './types';

/** Baidu passes a face comparison at a score of 80 or more (platforms.md). */
const PASS_SCORE = 80;

/** Baidu smart programs: jscode2sessionkey, and face comparison scored 0-100. */
export function baiduAuth(upstream: UpstreamClient, config: Pick<Config, 'BAIDU_CLIENT_ID' | 'BAIDU_SECRET'>): PlatformAuth {
  return {
    async exchangeCode(code) {
      const { body } = await upstream.request<{ openid?: string; errno?: number; error?: string; error_description?: string }>('baidu', {
        method: 'POST', path: '/oauth/jscode2sessionkey', body: { code, client_id: config.BAIDU_CLIENT_ID, sk: config.BAIDU_SECRET }, idempotent: false,
      });
      if (body?.openid) return { userId: body.openid };
      if (body?.error === 'invalid_grant') throw new LoginCodeInvalidError(body.error_description ?? 'invalid code');
      throw new AgencyUnavailableError('baidu');
    },
    async startFace(name, idNumber) {
      const { body } = await upstream.request<{ errno?: number; data?: { verify_id?: string } }>('baidu', {
        method: 'POST', path: '/face/verify/start', body: { name, id_number: idNumber },
      });
      if (body?.errno !== 0 || !body.data?.verify_id) throw new AgencyUnavailableError('baidu');
      return { verifyId: body.data.verify_id, certifyUrl: null };
    },
    async faceResult(verifyId) {
      const { body } = await upstream.request<{ errno?: number; data?: { status?: string; score?: number | null } }>('baidu', {
        method: 'POST', path: '/face/verify/result', body: { verify_id: verifyId }, idempotent: true,
      });
      if (body?.errno !== 0 || !body.data) throw new AgencyUnavailableError('baidu');
      if (body.data.status === 'pending' || body.data.status === 'cancel') return body.data.status;
      return (body.data.score ?? 0) >= PASS_SCORE ? 'pass' : 'fail';
    },
    async sendMessage(toUserId, templateId, data) {
      const { body } = await upstream.request<{ errno?: number }>('baidu', { method: 'POST', path: '/template/message/send', body: { touser_openid: toUserId, template_id: templateId, data } });
      if (body?.errno !== 0) throw new AgencyUnavailableError('baidu');
    },
  };
}
