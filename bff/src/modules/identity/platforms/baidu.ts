import { randomUUID } from 'node:crypto';
import type { Config } from '../../../config';
import type { UpstreamClient } from '../../../upstream/client';
import { AgencyUnavailableError } from '../../../upstream/errors';
import { LoginCodeInvalidError } from '../errors';
import { MessageNotSubscribedError, type PlatformAuth } from './types';

/** Baidu passes a face comparison at a score of 80 or more (its recommended threshold). */
const PASS_SCORE = 80;

/**
 * person/verify's error codes about the photo or the person rather than the service (Baidu
 * AI Cloud's face error codes: no face, image check failed, covered, blurred, badly lit,
 * incomplete, liveness failed; no or unusable police photo, ID number and birth date do
 * not match, no such ID number, invalid name or number): a failed attempt, not an outage.
 */
const PHOTO_REFUSED = new Set([222202, 222203, 223113, 223114, 223115, 223116, 223120, 222350, 222351, 222354, 222355, 222356, 222360]);

/**
 * Baidu smart programs: jscode2sessionkey, subscription messages, and face verification.
 *
 * Face, decided against Baidu's documentation: swan.ai.facePersonVerify (base library
 * 3.20.11, Baidu App only) takes the photo (image, image_type) *and the name and
 * id_card_number* and answers the score (0-100, 80 recommended) to the client; Baidu
 * documents no server query of that result. Taking it would mean trusting the client's
 * score and handing the full ID number to the client. The same comparison is documented
 * as a server API of Baidu AI Cloud (face v3 person/verify: image, image_type,
 * id_card_number, name, quality_control, liveness_control → result.score), so on Baidu
 * the app only takes a photo with the camera (swan.chooseImage) and sends it to the BFF,
 * which makes that call itself with the name and ID number it holds and reads the score
 * itself. The photo passes through and is never stored. A photo is weaker than a video
 * liveness check (WeChat, Alipay): liveness_control NORMAL asks Baidu to refuse re-shot
 * or spoofed images. Baidu keeps no session, so the verify id is ours alone.
 */
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
    async startFace() {
      return { verifyId: randomUUID(), certifyUrl: null };
    },
    // Until the photo arrives the step is pending; with it, one person/verify call decides.
    async faceResult(_verifyId, evidence) {
      if (!evidence?.image) return 'pending';
      const { body } = await upstream.request<{ error_code?: number; result?: { score?: number } | null }>('baidu', {
        method: 'POST', path: '/rest/2.0/face/v3/person/verify', idempotent: false,
        body: { image: evidence.image, image_type: 'BASE64', id_card_number: evidence.idNumber, name: evidence.name, quality_control: 'NORMAL', liveness_control: 'NORMAL' },
      });
      if (body?.error_code === 0 && typeof body.result?.score === 'number') return body.result.score >= PASS_SCORE ? 'pass' : 'fail';
      if (body?.error_code !== undefined && PHOTO_REFUSED.has(body.error_code)) return 'fail';
      throw new AgencyUnavailableError('baidu');
    },
    // Baidu's subscription messages (template/message/subscribe/send): one message per
    // subscribe_id the user consented to through a <form report-type="subscribe"> tap;
    // errno 4007 is "not subscribed" (never, or no longer), which no retry will change.
    async sendMessage(toUserId, templateId, data, subscribeId) {
      if (!subscribeId) throw new MessageNotSubscribedError('baidu');
      const { body } = await upstream.request<{ errno?: number; msg?: string }>('baidu', {
        method: 'POST', path: '/rest/2.0/smartapp/template/message/subscribe/send',
        body: { template_id: templateId, touser_openId: toUserId, subscribe_id: subscribeId, data: JSON.stringify(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }]))) },
      });
      if (body?.errno === 4007) throw new MessageNotSubscribedError('baidu');
      if (body?.errno !== 0) throw new AgencyUnavailableError('baidu');
    },
  };
}
