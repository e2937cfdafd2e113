import { createCipheriv, createPublicKey, verify } from 'node:crypto';
import Router from 'koa-router';
import type { MockConfig } from '../config';
import type { World } from '../data/generate';
import { Agency, openapiDocument, s } from '../agencies/agency';
import { PlatformSimulator } from './simulator';
import { addDevRoutes, devOperations } from './devRoutes';

type Params = Record<string, unknown>;

/**
 * Alipay's open gateway: one endpoint, the API named by `method`, business fields in
 * `biz_content` (a JSON string), the answer under `<method_with_underscores>_response`.
 */
export function alipayPlatform(world: World, config: MockConfig): Agency & { simulator: PlatformSimulator } {
  const simulator = new PlatformSimulator('alipay', world, 5 * 60_000);
  const router = new Router();
  const fail = (subCode: string, msg: string) => ({
    code: '40004',
    msg: 'Business Failed',
    sub_code: subCode,
    sub_msg: msg,
  });

  const methods: Record<string, (params: Params, biz: Params) => Params> = {
    'alipay.system.oauth.token': (params) => {
      if (params.grant_type !== 'authorization_code')
        return fail('isv.invalid-grant-type', 'grant_type must be authorization_code');
      const result = simulator.redeemCode(String(params.code ?? ''));
      if (!result.ok)
        return fail(
          result.problem === 'USED' ? 'isv.code-used' : 'isv.code-invalid',
          `auth code ${result.problem.toLowerCase()}`,
        );
      return {
        code: '10000',
        msg: 'Success',
        user_id: simulator.userId(result.user),
        open_id: simulator.userId(result.user),
        access_token: `token-${simulator.userId(result.user)}`,
        expires_in: 1296000,
      };
    },
    'alipay.user.certify.open.initialize': (_params, biz) => {
      const identity = biz.identity_param as { cert_name?: string; cert_no?: string } | undefined;
      if (!identity?.cert_name || !identity?.cert_no)
        return fail('isv.missing-identity-param', 'identity_param.cert_name and cert_no are required');
      return {
        code: '10000',
        msg: 'Success',
        certify_id: simulator.startFace(identity.cert_name, identity.cert_no).id,
      };
    },
    'alipay.user.certify.open.certify': (_params, biz) => {
      const session = simulator.face(String(biz.certify_id ?? ''));
      if (!session) return fail('isv.certify-id-invalid', 'unknown certify_id');
      return { code: '10000', msg: 'Success', certify_url: `/alipay/dev/face/${session.id}` };
    },
    'alipay.user.certify.open.query': (_params, biz) => {
      const session = simulator.face(String(biz.certify_id ?? ''));
      if (!session) return fail('isv.certify-id-invalid', 'unknown certify_id');
      return {
        code: '10000',
        msg: 'Success',
        passed: session.outcome === 'pass' ? 'T' : 'F',
        outcome: session.outcome,
      };
    },
    'alipay.open.app.mini.templatemessage.send': (_params, biz) => {
      if (typeof biz.to_user_id !== 'string' || typeof biz.user_template_id !== 'string')
        return fail('isv.missing-param', 'to_user_id and user_template_id are required');
      simulator.sendMessage(biz.to_user_id, biz.user_template_id, biz.data);
      return { code: '10000', msg: 'Success' };
    },
  };

  const appPublicKey = createPublicKey({
    key: Buffer.from(config.MOCK_ALIPAY_APP_PUBLIC_KEY, 'base64'),
    format: 'der',
    type: 'spki',
  });
  const invalid = (subCode: string, subMsg: string) => ({
    code: '40002',
    msg: 'Invalid Arguments',
    sub_code: subCode,
    sub_msg: subMsg,
  });
  /** The RSA2 check Alipay makes: every parameter but sign, with a value, sorted, `k=v&…`, against the app's public key. */
  const signatureProblem = (params: Params): Params | null => {
    if (typeof params.sign !== 'string' || params.sign === '') return invalid('isv.missing-signature', '缺少签名参数');
    if (params.sign_type !== 'RSA2') return invalid('isv.invalid-signature-type', '无效签名类型');
    // yyyy-MM-dd HH:mm:ss, China time, within 15 minutes of now.
    const at = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(String(params.timestamp ?? ''))
      ? Date.parse(`${String(params.timestamp).replace(' ', 'T')}+08:00`)
      : NaN;
    if (!Number.isFinite(at) || Math.abs(Date.now() - at) > 15 * 60_000)
      return invalid('isv.invalid-timestamp', '非法的时间戳参数');
    const content = Object.keys(params)
      .filter((k) => k !== 'sign' && params[k] !== '' && params[k] !== undefined)
      .sort()
      .map((k) => `${k}=${String(params[k])}`)
      .join('&');
    const genuine = verify('sha256', Buffer.from(content, 'utf8'), appPublicKey, Buffer.from(params.sign, 'base64'));
    return genuine
      ? null
      : invalid('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配');
  };

  router.post('/gateway.do', (ctx) => {
    const params = { ...(ctx.query as Params), ...((ctx.request.body ?? {}) as Params) };
    const method = String(params.method ?? '');
    const handler = methods[method];
    if (params.app_id !== config.MOCK_ALIPAY_APPID) {
      ctx.body = { error_response: invalid('isv.invalid-app-id', 'unknown app_id') };
      return;
    }
    if (!handler) {
      ctx.body = { error_response: invalid('isv.invalid-method', `unknown method ${method}`) };
      return;
    }
    const unsigned = signatureProblem(params);
    if (unsigned) {
      ctx.body = { [`${method.replace(/\./g, '_')}_response`]: unsigned };
      return;
    }
    let biz: Params = {};
    try {
      biz =
        typeof params.biz_content === 'string'
          ? JSON.parse(params.biz_content)
          : ((params.biz_content as Params) ?? {});
    } catch {
      ctx.body = {
        error_response: {
          code: '40002',
          msg: 'Invalid Arguments',
          sub_code: 'isv.invalid-biz-content',
          sub_msg: 'biz_content is not JSON',
        },
      };
      return;
    }
    ctx.body = { [`${method.replace(/\./g, '_')}_response`]: handler(params, biz), sign: 'simulated' };
  });
  // Simulator only: what my.getPhoneNumber answers a user whose Alipay holds this phone —
  // `response`, a JSON string whose own `response` is the mobile encrypted with the app's
  // AES key (AES-128-CBC, PKCS#7, a zero IV), as Alipay's content encryption is.
  router.post('/dev/phone-number', (ctx) => {
    const { phone } = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (typeof phone !== 'string') {
      ctx.status = 400;
      ctx.body = { error: 'BAD_REQUEST', message: 'phone is required' };
      return;
    }
    const cipher = createCipheriv('aes-128-cbc', Buffer.from(config.MOCK_ALIPAY_AES_KEY, 'base64'), Buffer.alloc(16));
    const encrypted = Buffer.concat([
      cipher.update(JSON.stringify({ code: '10000', msg: 'Success', mobile: phone }), 'utf8'),
      cipher.final(),
    ]).toString('base64');
    ctx.body = {
      response: JSON.stringify({
        response: encrypted,
        sign: 'simulated',
        sign_type: 'RSA2',
        encrypt_type: 'AES',
        charset: 'UTF-8',
      }),
    };
  });
  addDevRoutes(router, simulator);

  return {
    name: 'alipay',
    title: 'Alipay open gateway',
    router,
    simulator,
    openapi: openapiDocument('alipay', 'Alipay open gateway', [
      {
        method: 'post',
        path: '/gateway.do',
        summary:
          'One gateway (form-encoded parameters): alipay.system.oauth.token, alipay.user.certify.open.initialize / .certify / .query, alipay.open.app.mini.templatemessage.send. Every call is signed RSA2 with the app key (sign_type RSA2, sign over the sorted k=v&… of the other parameters) and carries a China-time timestamp (yyyy-MM-dd HH:mm:ss, within 15 minutes); isv.missing-signature, isv.invalid-signature, isv.invalid-timestamp otherwise',
        body: s.obj(
          {
            method: s.str,
            app_id: s.str,
            format: s.str,
            charset: s.str,
            sign_type: s.str,
            sign: s.str,
            timestamp: s.str,
            version: s.str,
            grant_type: s.str,
            code: s.str,
            biz_content: s.str,
          },
          ['method', 'app_id', 'sign_type', 'sign', 'timestamp'],
        ),
        response: { type: 'object', additionalProperties: { type: 'object' } },
      },
      ...devOperations,
    ]),
  };
}
