import { randomUUID } from 'node:crypto';
import type { Config } from '../../../config';
import type { UpstreamClient, UpstreamRequest } from '../../../upstream/client';
import { AgencyUnavailableError } from '../../../upstream/errors';
import { LoginCodeInvalidError } from '../errors';
import { AccessTokenCache } from './accessToken';
import { MessageNotSubscribedError, type PlatformAuth } from './types';

/** Baidu passes a face comparison at a score of 80 or more (its recommended threshold). */
const PASS_SCORE = 80;

/**
 * person/verify's error codes about the photo or the person rather than the service (Baidu
 * AI Cloud's face error codes: no face, image check failed, covered, blurred, badly lit,
 * incomplete, liveness failed; no or unusable police photo, ID number and birth date do
 * not match, no such ID number, invalid name or number): a failed attempt, not an outage.
 */
/** Baidu's answers for a token it does not take: 110 invalid or no longer valid, 111 expired (errno on the smart-program APIs, error_code on AI Cloud). */
const TOKEN_REFUSED = new Set([110, 111]);

const PHOTO_REFUSED = new Set([
  222202, 222203, 223113, 223114, 223115, 223116, 223120, 222350, 222351, 222354, 222355, 222356, 222360,
]);

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
export function baiduAuth(
  upstream: UpstreamClient,
  config: Pick<Config, 'BAIDU_CLIENT_ID' | 'BAIDU_SECRET' | 'BAIDU_AI_API_KEY' | 'BAIDU_AI_SECRET_KEY'>,
): PlatformAuth {
  /**
   * Two client-credentials tokens (POST /oauth/2.0/token, about a month each): the smart
   * program's own (app key and secret, scope smartapp_snsapi_base) for its message APIs,
   * and the AI Cloud application's (API key and secret key) for face person/verify.
   */
  const tokenFor = (clientId: string, clientSecret: string, scope?: string) =>
    new AccessTokenCache(async () => {
      const { body } = await upstream.request<{ access_token?: string; expires_in?: number; error?: string }>('baidu', {
        method: 'POST',
        path: '/oauth/2.0/token',
        query: {
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
          ...(scope ? { scope } : {}),
        },
        idempotent: true,
        deadline: null,
      });
      if (!body?.access_token || typeof body.expires_in !== 'number') throw new AgencyUnavailableError('baidu');
      return { token: body.access_token, expiresInS: body.expires_in };
    });
  const smartProgram = tokenFor(config.BAIDU_CLIENT_ID, config.BAIDU_SECRET, 'smartapp_snsapi_base');
  const aiCloud = tokenFor(config.BAIDU_AI_API_KEY, config.BAIDU_AI_SECRET_KEY);
  type Answer = { errno?: number; error_code?: number };
  /** A server API call with `tokens`' access_token, made again once with a fresh one when Baidu refuses it. */
  const withToken = <T extends Answer>(tokens: AccessTokenCache, request: Omit<UpstreamRequest, 'query'>) =>
    tokens.use(
      async (token) => (await upstream.request<T>('baidu', { ...request, query: { access_token: token } })).body,
      (body) => TOKEN_REFUSED.has(body?.errno ?? body?.error_code ?? 0),
    );
  return {
    async exchangeCode(code, deadline) {
      const { body } = await upstream.request<{
        openid?: string;
        errno?: number;
        error?: string;
        error_description?: string;
      }>('baidu', {
        method: 'POST',
        path: '/oauth/jscode2sessionkey',
        body: { code, client_id: config.BAIDU_CLIENT_ID, sk: config.BAIDU_SECRET },
        idempotent: false,
        deadline,
      });
      if (body?.openid) return { userId: body.openid };
      if (body?.error === 'invalid_grant') throw new LoginCodeInvalidError(body.error_description ?? 'invalid code');
      throw new AgencyUnavailableError('baidu');
    },
    async startFace() {
      return { verifyId: randomUUID(), certifyUrl: null };
    },
    // Until the photo arrives the step is pending; with it, one person/verify call decides.
    async faceResult(_verifyId, evidence, deadline) {
      if (!evidence?.image) return 'pending';
      const body = await withToken<{ error_code?: number; result?: { score?: number } | null }>(aiCloud, {
        method: 'POST',
        path: '/rest/2.0/face/v3/person/verify',
        idempotent: false,
        body: {
          image: evidence.image,
          image_type: 'BASE64',
          id_card_number: evidence.idNumber,
          name: evidence.name,
          quality_control: 'NORMAL',
          liveness_control: 'NORMAL',
        },
        deadline,
      });
      if (body?.error_code === 0 && typeof body.result?.score === 'number')
        return body.result.score >= PASS_SCORE ? 'pass' : 'fail';
      if (body?.error_code !== undefined && PHOTO_REFUSED.has(body.error_code)) return 'fail';
      throw new AgencyUnavailableError('baidu');
    },
    // Baidu's subscription messages (template/message/subscribe/send): one message per
    // subscribe_id the user consented to through a <form report-type="subscribe"> tap;
    // errno 4007 is "not subscribed" (never, or no longer), which no retry will change.
    async sendMessage(toUserId, templateId, data, subscribeId) {
      if (!subscribeId) throw new MessageNotSubscribedError('baidu');
      const body = await withToken<{ errno?: number; msg?: string }>(smartProgram, {
        method: 'POST',
        path: '/rest/2.0/smartapp/template/message/subscribe/send',
        body: {
          template_id: templateId,
          touser_openId: toUserId,
          subscribe_id: subscribeId,
          data: JSON.stringify(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }]))),
        },
        // Sent by the outbox, not for a request.
        deadline: null,
      });
      if (body?.errno === 4007) throw new MessageNotSubscribedError('baidu');
      if (body?.errno !== 0) throw new AgencyUnavailableError('baidu');
    },
  };
}
