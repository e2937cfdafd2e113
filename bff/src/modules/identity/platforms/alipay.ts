import { createDecipheriv, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { Config } from '../../../config';
import type { UpstreamClient } from '../../../upstream/client';
import type { Deadline } from '../../../upstream/deadline';
import { AgencyUnavailableError } from '../../../upstream/errors';
import { LoginCodeInvalidError } from '../errors';
import { chinaCalendar } from '../../../time/chinaTime';
import { PhoneFromPlatformError, type PlatformAuth } from './types';

/**
 * my.getPhoneNumber's answer (`response`, a JSON string) decrypted with the app's AES key:
 * its `response` field is AES-128-CBC with PKCS#7 padding and a zero IV, holding
 * { code: '10000', mobile }. Done here, never on the client, which has no key.
 */
export function decryptAlipayPhone(answer: string, aesKey: string): string {
  let envelope: { response?: unknown; encrypt_type?: unknown };
  try {
    envelope = JSON.parse(answer);
  } catch {
    throw new PhoneFromPlatformError('not JSON');
  }
  if (typeof envelope.response !== 'string' || (envelope.encrypt_type !== undefined && envelope.encrypt_type !== 'AES'))
    throw new PhoneFromPlatformError('no encrypted response');
  let content: { code?: unknown; mobile?: unknown };
  try {
    const decipher = createDecipheriv('aes-128-cbc', Buffer.from(aesKey, 'base64'), Buffer.alloc(16));
    content = JSON.parse(
      Buffer.concat([decipher.update(Buffer.from(envelope.response, 'base64')), decipher.final()]).toString('utf8'),
    );
  } catch {
    throw new PhoneFromPlatformError('does not decrypt with the app key');
  }
  if (content.code !== '10000' || typeof content.mobile !== 'string')
    throw new PhoneFromPlatformError('Alipay gave no mobile');
  return content.mobile;
}

type AlipayAnswer = Record<string, { code?: string; sub_code?: string; [key: string]: unknown } | undefined>;

/** An app private key as Alipay's key tool gives it: PKCS#8 DER in base64 (PEM is taken too). @throws when it is not an RSA private key. */
export function alipayPrivateKey(text: string): KeyObject {
  const key = text.includes('-----BEGIN')
    ? createPrivateKey(text)
    : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
  return key;
}

/**
 * Alipay's RSA2 request signature: every parameter but `sign` that has a value, sorted by
 * name, joined as `name=value&…` (values as they are, not URL-encoded), SHA256withRSA with
 * the app's private key, in base64.
 */
export function signAlipayParams(params: Record<string, string>, key: KeyObject): string {
  const content = Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return sign('sha256', Buffer.from(content, 'utf8'), key).toString('base64');
}

/**
 * Alipay: one gateway, the API named by `method`, business fields in `biz_content`,
 * the answer under `<method_with_underscores>_response`. oauth.token is never retried.
 * Every call carries the common parameters (format, charset, sign_type RSA2, a China-time
 * timestamp, version) and is signed with the app's private key; the parameters go form-encoded.
 */
export function alipayAuth(
  upstream: UpstreamClient,
  config: Pick<Config, 'ALIPAY_APPID' | 'ALIPAY_AES_KEY' | 'ALIPAY_PRIVATE_KEY'>,
): PlatformAuth {
  const key = alipayPrivateKey(config.ALIPAY_PRIVATE_KEY);
  async function call(method: string, params: Record<string, string>, idempotent: boolean, deadline: Deadline | null) {
    // yyyy-MM-dd HH:mm:ss in China time, as the gateway reads it.
    const timestamp = chinaCalendar(new Date()).dateTime;
    const common: Record<string, string> = {
      app_id: config.ALIPAY_APPID,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp,
      version: '1.0',
      ...params,
    };
    const { body } = await upstream.request<AlipayAnswer>('alipay', {
      method: 'POST',
      path: '/gateway.do',
      idempotent,
      form: { ...common, sign: signAlipayParams(common, key) },
      deadline,
    });
    const answer = body?.[`${method.replace(/\./g, '_')}_response`];
    if (!answer) throw new AgencyUnavailableError('alipay');
    return answer;
  }
  return {
    async exchangeCode(code, deadline) {
      const answer = await call(
        'alipay.system.oauth.token',
        { grant_type: 'authorization_code', code },
        false,
        deadline,
      );
      if (answer.code === '10000' && typeof answer.user_id === 'string') return { userId: answer.user_id };
      if (String(answer.sub_code ?? '').startsWith('isv.code'))
        throw new LoginCodeInvalidError(String(answer.sub_code));
      throw new AgencyUnavailableError('alipay');
    },
    async startFace(name, idNumber, deadline) {
      const init = await call(
        'alipay.user.certify.open.initialize',
        {
          biz_content: JSON.stringify({
            outer_order_no: `face-${Date.now()}`,
            biz_code: 'FACE',
            identity_param: {
              identity_type: 'CERT_INFO',
              cert_type: 'IDENTITY_CARD',
              cert_name: name,
              cert_no: idNumber,
            },
          }),
        },
        false,
        deadline,
      );
      if (typeof init.certify_id !== 'string') throw new AgencyUnavailableError('alipay');
      const certify = await call(
        'alipay.user.certify.open.certify',
        { biz_content: JSON.stringify({ certify_id: init.certify_id }) },
        true,
        deadline,
      );
      return {
        verifyId: init.certify_id,
        certifyUrl: typeof certify.certify_url === 'string' ? certify.certify_url : null,
      };
    },
    async faceResult(verifyId, _evidence, deadline) {
      const answer = await call(
        'alipay.user.certify.open.query',
        { biz_content: JSON.stringify({ certify_id: verifyId }) },
        true,
        deadline,
      );
      if (answer.code !== '10000') throw new AgencyUnavailableError('alipay');
      if (answer.passed === 'T') return 'pass';
      // Alipay answers passed=F for both "not yet" and "failed"; the simulator says which.
      return answer.outcome === 'pending' ? 'pending' : answer.outcome === 'cancel' ? 'cancel' : 'fail';
    },
    async sendMessage(toUserId, templateId, data) {
      // Sent by the outbox, not for a request.
      const answer = await call(
        'alipay.open.app.mini.templatemessage.send',
        { biz_content: JSON.stringify({ to_user_id: toUserId, user_template_id: templateId, data }) },
        false,
        null,
      );
      if (answer.code !== '10000') throw new AgencyUnavailableError('alipay');
    },
    async phoneNumber(answer) {
      return decryptAlipayPhone(answer, config.ALIPAY_AES_KEY);
    },
  };
}
