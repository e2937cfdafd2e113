import { generateKeyPairSync, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { validateIdNumber } from '@citizen/shared';
import { buildMockApp, type MockApp } from '../app';
import { loadMockConfig } from '../config';

/** Talks to the simulated agencies over a real HTTP connection, as the BFF does. */
describe('simulated agencies over HTTP', () => {
  let mock: MockApp;
  let server: Server;
  let base: string;
  const call = async (path: string, init?: RequestInit & { json?: unknown }) => {
    const response = await fetch(base + path, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
      body: init?.json !== undefined ? JSON.stringify(init.json) : init?.body,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };

  // The app key pair this test signs Alipay gateway calls with; the simulator holds its public half.
  const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** Alipay's gateway parameters, with the common ones and an RSA2 signature over the sorted rest; form-encoded. */
  const signedAlipay = (params: Record<string, string>, key = appKeys.privateKey) => {
    const timestamp = new Date(Date.now() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    const all: Record<string, string> = {
      app_id: 'alipay-citizen-dev',
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp,
      version: '1.0',
      ...params,
    };
    const content = Object.keys(all)
      .sort()
      .map((k) => `${k}=${all[k]}`)
      .join('&');
    return new URLSearchParams({
      ...all,
      sign: sign('sha256', Buffer.from(content), key).toString('base64'),
    }).toString();
  };
  const alipay = async (form: string) =>
    call('/alipay/gateway.do', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });

  beforeAll(async () => {
    mock = buildMockApp(
      loadMockConfig({
        MOCK_PEOPLE: '500',
        MOCK_VEHICLES: '100',
        MOCK_ALIPAY_APP_PUBLIC_KEY: appKeys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      }),
    );
    server = mock.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    mock.close();
    return new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => mock.faults.reset());

  it('serves a valid OpenAPI 3 description for every agency', async () => {
    for (const agency of mock.agencies) {
      const { status, body } = await call(`/openapi/${agency.name}.json`);
      expect(status).toBe(200);
      expect(body.openapi).toMatch(/^3\./);
      const paths = Object.keys(body.paths);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) expect(path.startsWith(`/${agency.name}/`)).toBe(true);
    }
    expect((await call('/openapi/nothing.json')).status).toBe(404);
  });

  it('checks a name against an ID number in the population register', async () => {
    const person = mock.world.people[0];
    expect(
      (
        await call('/population/v1/identity-checks', {
          method: 'POST',
          json: { name: person.name, idNumber: person.idNumber },
        })
      ).body,
    ).toEqual({ match: true });
    expect(
      (
        await call('/population/v1/identity-checks', {
          method: 'POST',
          json: { name: '不是我', idNumber: person.idNumber },
        })
      ).body,
    ).toEqual({ match: false, reason: 'NAME_MISMATCH' });
    expect(
      (
        await call('/population/v1/identity-checks', {
          method: 'POST',
          json: { name: person.name, idNumber: '11010519491231002X' },
        })
      ).body,
    ).toEqual({ match: false, reason: 'NOT_FOUND' });
    expect((await call('/population/v1/identity-checks', { method: 'POST', json: {} })).status).toBe(400);
  });

  it('answers batches in the order asked, null where unknown', async () => {
    const [a, b] = mock.world.people;
    const { body } = await call('/population/v1/persons/batch', {
      method: 'POST',
      json: { idNumbers: [b.idNumber, '11010519491231002X', a.idNumber] },
    });
    expect(body.persons.map((p: { idNumber: string } | null) => p?.idNumber ?? null)).toEqual([
      b.idNumber,
      null,
      a.idNumber,
    ]);
    expect(body.persons[0]).not.toHaveProperty('phone');
    expect((await call('/licences/v1/holders/batch', { method: 'POST', json: { idNumbers: [] } })).status).toBe(400);
  });

  it('finds a vehicle with its owner masked and notifies the owner without giving out the number', async () => {
    const vehicle = mock.world.vehicles[0];
    const owner = mock.world.personById.get(vehicle.ownerIdNumber)!;
    const found = await call(`/vehicle/v1/vehicles/${encodeURIComponent(vehicle.plate)}`);
    expect(found.body.ownerNameMasked).toBe(`${owner.name[0]}${'*'.repeat(owner.name.length - 1)}`);
    expect(JSON.stringify(found.body)).not.toContain(owner.phone);
    expect(JSON.stringify(found.body)).not.toContain(owner.idNumber);
    const sent = await call('/vehicle/v1/owner-notifications', {
      method: 'POST',
      json: { plate: vehicle.plate, templateId: 'CAR_MOVE', params: { plate: '粤B1***5' } },
    });
    expect(sent.body).toEqual({ notificationId: expect.stringMatching(/^SMS/), channel: 'sms', status: 'delivered' });
    expect(JSON.stringify(sent.body)).not.toContain(owner.phone);
    const outbox = await call(`/sms/dev/outbox?phone=${owner.phone}`);
    expect(outbox.body.messages.at(-1)).toMatchObject({ phone: owner.phone, templateId: 'CAR_MOVE' });
    expect((await call('/vehicle/v1/vehicles/%E7%B2%A4Z00000')).status).toBe(404);
  });

  it('exchanges WeChat, Alipay and Baidu login codes once each', async () => {
    const code = async (platform: string, user = 'alice') =>
      (await call(`/${platform}/dev/login-code`, { method: 'POST', json: { user } })).body.code as string;
    const wx = await code('wechat');
    const exchange = (c: string) =>
      call(
        `/wechat/sns/jscode2session?appid=wx-citizen-dev&secret=wechat-dev-secret&grant_type=authorization_code&js_code=${c}`,
      );
    const first = (await exchange(wx)).body;
    expect(first).toEqual({ openid: expect.any(String), session_key: expect.any(String), unionid: expect.any(String) });
    expect((await exchange(wx)).body).toEqual({ errcode: 40163, errmsg: 'code been used' });
    expect((await exchange('nope')).body.errcode).toBe(40029);
    expect((await exchange(await code('wechat'))).body.openid).toBe(first.openid);

    // Alipay checks the app's RSA2 signature before anything else: none, or another key's, is refused.
    const aliCode = await code('alipay');
    const token = { method: 'alipay.system.oauth.token', grant_type: 'authorization_code', code: aliCode };
    expect(
      (await alipay(new URLSearchParams({ app_id: 'alipay-citizen-dev', ...token }).toString())).body
        .alipay_system_oauth_token_response,
    ).toMatchObject({ code: '40002', sub_code: 'isv.missing-signature' });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect((await alipay(signedAlipay(token, stranger))).body.alipay_system_oauth_token_response).toMatchObject({
      code: '40002',
      sub_code: 'isv.invalid-signature',
    });
    const ali = await alipay(signedAlipay(token));
    expect(ali.body.alipay_system_oauth_token_response).toMatchObject({ code: '10000', user_id: expect.any(String) });
    expect(ali.body.alipay_system_oauth_token_response.user_id).not.toBe(first.openid);

    const baidu = await call('/baidu/oauth/jscode2sessionkey', {
      method: 'POST',
      json: { code: await code('baidu'), client_id: 'baidu-citizen-dev', sk: 'baidu-dev-secret' },
    });
    expect(baidu.body).toEqual({ openid: expect.any(String), session_key: expect.any(String) });
  });

  it("asks WeChat server APIs for the app's access_token: missing, invalid and expired ones refused with WeChat's codes", async () => {
    const stable = async (secret = 'wechat-dev-secret') =>
      (
        await call('/wechat/cgi-bin/stable_token', {
          method: 'POST',
          json: { grant_type: 'client_credential', appid: 'wx-citizen-dev', secret },
        })
      ).body;
    expect(await stable('wrong')).toMatchObject({ errcode: 40125 });
    const first = await stable();
    expect(first).toEqual({ access_token: expect.any(String), expires_in: expect.any(Number) });
    // Normal mode: the same token while it is valid.
    expect((await stable()).access_token).toBe(first.access_token);
    const send = async (token?: string) =>
      (
        await call(
          `/wechat/cgi-bin/message/subscribe/send${token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`}`,
          { method: 'POST', json: { touser: 'o-someone', template_id: 'tpl', data: {} } },
        )
      ).body;
    expect(await send()).toMatchObject({ errcode: 41001 });
    expect(await send('made-up')).toMatchObject({ errcode: 40001 });
    expect(await send(first.access_token)).toMatchObject({ errcode: 0 });
    await call('/wechat/dev/expire-tokens', { method: 'POST' });
    expect(await send(first.access_token)).toMatchObject({ errcode: 42001 });
    const second = await stable();
    expect(second.access_token).not.toBe(first.access_token);
    expect(await send(second.access_token)).toMatchObject({ errcode: 0 });
  });

  it('only passes a face scan for the person the ID number belongs to', async () => {
    const person = mock.world.people[1];
    const { access_token: token } = (
      await call('/wechat/cgi-bin/stable_token', {
        method: 'POST',
        json: { grant_type: 'client_credential', appid: 'wx-citizen-dev', secret: 'wechat-dev-secret' },
      })
    ).body;
    const start = async (name: string) =>
      (
        await call(`/wechat/cityservice/face/getverifyid?access_token=${token}`, {
          method: 'POST',
          json: { name, id_card_number: person.idNumber },
        })
      ).body.verify_id;
    const query = async (id: string) =>
      (
        await call(`/wechat/cityservice/face/queryverifyinfo?access_token=${token}`, {
          method: 'POST',
          json: { verify_id: id },
        })
      ).body.verify_ret;
    const genuine = await start(person.name);
    expect(await query(genuine)).toBe(1);
    await call(`/wechat/dev/face/${genuine}/complete`, { method: 'POST', json: { outcome: 'pass' } });
    expect(await query(genuine)).toBe(0);
    const impostor = await start('冒名者');
    await call(`/wechat/dev/face/${impostor}/complete`, { method: 'POST', json: { outcome: 'pass' } });
    expect(await query(impostor)).toBe(3);
    expect(validateIdNumber(person.idNumber).ok).toBe(true);
  });

  it('switches faults per agency at run time, leaving the others alone', async () => {
    expect((await call('/admin/faults/vehicle', { method: 'PUT', json: { mode: 'down' } })).body).toMatchObject({
      mode: 'down',
    });
    expect((await call('/vehicle/healthz')).status).toBe(503);
    expect((await call('/population/healthz')).status).toBe(200);
    await call('/admin/faults/population', { method: 'PUT', json: { latencyMs: 120 } });
    const started = Date.now();
    expect((await call('/population/healthz')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    await call('/admin/faults/social-insurance', { method: 'PUT', json: { errorRate: 1 } });
    expect((await call('/social-insurance/healthz')).status).toBe(500);
    expect((await call('/admin/faults/nobody', { method: 'PUT', json: { mode: 'down' } })).status).toBe(400);
    expect((await call('/admin/faults/sms', { method: 'PUT', json: { errorRate: 2 } })).status).toBe(400);
    await call('/admin/faults', { method: 'DELETE' });
    expect((await call('/vehicle/healthz')).status).toBe(200);
  });

  it('reads faults from MOCK_FAULTS and refuses a bad spec', () => {
    const configured = buildMockApp(
      loadMockConfig({
        MOCK_PEOPLE: '100',
        MOCK_VEHICLES: '10',
        MOCK_FAULTS: 'vehicle=latency:50,errorRate:0.1;sms=down',
      }),
      mock.world,
    );
    expect(configured.faults.get('vehicle')).toEqual({ latencyMs: 50, errorRate: 0.1, mode: 'ok' });
    expect(configured.faults.get('sms').mode).toBe('down');
    expect(() => buildMockApp(loadMockConfig({ MOCK_FAULTS: 'vehicle=speed:9' }), mock.world)).toThrow(
      /unknown setting "speed"/,
    );
    expect(() => loadMockConfig({ MOCK_PORT: 'abc' })).toThrow(/MOCK_PORT/);
  });
});
