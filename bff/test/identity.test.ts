import { maskIdNumber, maskName } from '@citizen/shared';
import { agencyCalls, startBff, startMockData, testDatabases, type MockData, type RunningBff } from './helpers';
import { CONSENT } from '../../test-support/policies';

const ME = `{ me { accountId platform level maskedPhone faceVerifiedAt realName { maskedName maskedIdNumber } linkedPlatforms { platform current } } }`;
const LOGIN = `mutation($platform: Platform!, $code: String!) { login(platform: $platform, code: $code) { accessToken accessTokenExpiresAt refreshToken me { level platform } } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
const VERIFY = `mutation($name: String!, $id: String!) { ${CONSENT} verifyRealName(name: $name, idNumber: $id) { level realName { maskedName maskedIdNumber } } }`;
const SEND = `mutation($phone: String!) { sendPhoneCode(phone: $phone) { maskedPhone expiresInSeconds resendAfterSeconds } }`;
const BIND = `mutation($phone: String!, $code: String!) { bindPhone(phone: $phone, code: $code) { maskedPhone level } }`;
const FACE_START = `mutation($consent: Boolean!) { startFaceVerification(consent: $consent) { verifyId certifyUrl } }`;
const FACE_DONE = `mutation($id: ID!, $img: String) { completeFaceVerification(verifyId: $id, faceImage: $img) { level faceVerifiedAt } }`;

/** The simulator path that issues codes for each GraphQL platform (H5 signs in through WeChat). */
const SIMULATOR = { WECHAT: 'wechat', ALIPAY: 'alipay', BAIDU: 'baidu', H5: 'wechat' } as const;
type PlatformName = keyof typeof SIMULATOR;

let mock: MockData;
/** Real people from the simulated population register, handed out one per test so none share state. */
let people: Array<{ idNumber: string; name: string }>;
const person = () => people.shift()!;
beforeAll(async () => {
  mock = await startMockData();
  people = (await mock.json('/population/dev/people?count=200')).people;
});
afterAll(() => mock.stop());

describe.each(testDatabases())('identity on $name', (database) => {
  let bff: RunningBff;
  // The server's clock runs with real time, shifted by what a test sets.
  let shiftMs = 0;
  beforeAll(async () => {
    bff = await startBff(
      { ...(await database.env()), AGENCY_BASE_URL: mock.url, PHONE_CODE_RESEND_S: '60' },
      { now: () => new Date(Date.now() + shiftMs) },
    );
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => {
    shiftMs = 0;
    return mock.resetFaults();
  });

  const code = async (platform: PlatformName, user: string, expired = false) =>
    (
      await mock.json(`/${SIMULATOR[platform]}/dev/login-code`, {
        method: 'POST',
        body: JSON.stringify({ user, expired }),
      })
    ).code as string;
  const login = async (platform: PlatformName, user: string) => {
    const { body } = await bff.gql(LOGIN, { platform, code: await code(platform, user) });
    expect(body.errors).toBeUndefined();
    return body.data.login as { accessToken: string; refreshToken: string; me: { level: number; platform: string } };
  };
  const errorCode = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;
  let users = 0;
  const newUser = () => `user-${database.name}-${++users}-${Date.now()}`;

  describe('login', () => {
    it.each(['WECHAT', 'ALIPAY', 'BAIDU', 'H5'] as const)(
      'signs in through %s’s code exchange at level 1, the same account each time',
      async (platform) => {
        const user = newUser();
        const first = await login(platform, user);
        expect(first.me).toEqual({ level: 1, platform });
        const second = await login(platform, user);
        const a = await bff.gql(ME, {}, first.accessToken);
        const b = await bff.gql(ME, {}, second.accessToken);
        expect(a.body.data.me.accountId).toBe(b.body.data.me.accountId);
      },
    );

    it('refuses a wrong, a used and an expired code with LOGIN_CODE_INVALID', async () => {
      const user = newUser();
      expect(errorCode((await bff.gql(LOGIN, { platform: 'WECHAT', code: 'not-a-code' })).body)).toBe(
        'LOGIN_CODE_INVALID',
      );
      const once = await code('WECHAT', user);
      expect((await bff.gql(LOGIN, { platform: 'WECHAT', code: once })).body.errors).toBeUndefined();
      expect(errorCode((await bff.gql(LOGIN, { platform: 'WECHAT', code: once })).body)).toBe('LOGIN_CODE_INVALID');
      expect(
        errorCode((await bff.gql(LOGIN, { platform: 'ALIPAY', code: await code('ALIPAY', user, true) })).body),
      ).toBe('LOGIN_CODE_INVALID');
      expect(errorCode((await bff.gql(LOGIN, { platform: 'BAIDU', code: await code('BAIDU', user, true) })).body)).toBe(
        'LOGIN_CODE_INVALID',
      );
      // A code from one platform is no good on another.
      expect(errorCode((await bff.gql(LOGIN, { platform: 'BAIDU', code: await code('WECHAT', user) })).body)).toBe(
        'LOGIN_CODE_INVALID',
      );
    });

    it('says the platform is unavailable, not that the code is wrong, when the platform is down', async () => {
      await mock.fault('alipay', { mode: 'down' });
      const { body } = await bff.gql(LOGIN, { platform: 'ALIPAY', code: 'whatever' });
      expect(errorCode(body)).toBe('AGENCY_UNAVAILABLE');
    });
  });

  describe('sessions', () => {
    it('rotates refresh tokens; a reused one revokes the whole session', async () => {
      const session = await login('WECHAT', newUser());
      const r1 = (await bff.gql(REFRESH, { t: session.refreshToken })).body.data.refreshSession;
      expect(r1.refreshToken).not.toBe(session.refreshToken);
      const r2 = (await bff.gql(REFRESH, { t: r1.refreshToken })).body.data.refreshSession;
      expect((await bff.gql(ME, {}, r2.accessToken)).body.data.me.level).toBe(1);
      // The first token again: someone copied it. The warning carries the request's id.
      const reused = await fetch(`${bff.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'reuse-request-1' },
        body: JSON.stringify({ query: REFRESH, variables: { t: session.refreshToken } }),
      });
      expect(errorCode(await reused.json())).toBe('REFRESH_TOKEN_REUSED');
      expect(
        bff.logs.some((l) => l.includes('refresh token reused') && l.includes('"requestId":"reuse-request-1"')),
      ).toBe(true);
      // Every token of the family is now dead, the newest included.
      expect(errorCode((await bff.gql(REFRESH, { t: r2.refreshToken })).body)).toBe('UNAUTHENTICATED');
      expect(errorCode((await bff.gql(ME, {}, r2.accessToken)).body)).toBe('UNAUTHENTICATED');
      expect(errorCode((await bff.gql(REFRESH, { t: 'made-up' })).body)).toBe('UNAUTHENTICATED');
    });

    it('logout revokes the session; another device’s session stays', async () => {
      const user = newUser();
      const phone = await login('WECHAT', user);
      const tablet = await login('WECHAT', user);
      expect((await bff.gql('mutation { logout }', {}, phone.accessToken)).body.data.logout).toBe(true);
      expect(errorCode((await bff.gql(ME, {}, phone.accessToken)).body)).toBe('UNAUTHENTICATED');
      expect(errorCode((await bff.gql(REFRESH, { t: phone.refreshToken })).body)).toBe('UNAUTHENTICATED');
      expect((await bff.gql(ME, {}, tablet.accessToken)).body.data.me.level).toBe(1);
    });

    it('answers TOKEN_EXPIRED for an expired access token, and refreshing gets a working one', async () => {
      shiftMs = -11 * 60_000; // signed 11 minutes ago: its 10 minutes are up
      const old = await login('WECHAT', newUser());
      shiftMs = 0;
      expect(errorCode((await bff.gql(ME, {}, old.accessToken)).body)).toBe('TOKEN_EXPIRED');
      const renewed = (await bff.gql(REFRESH, { t: old.refreshToken })).body.data.refreshSession;
      expect((await bff.gql(ME, {}, renewed.accessToken)).body.data.me.level).toBe(1);
    });

    it('refuses every personal query and mutation without a token', async () => {
      for (const [query, variables] of [
        [ME, {}],
        ['mutation { logout }', {}],
        [VERIFY, { name: '张三', id: '11010519491231002X' }],
        [SEND, { phone: '13800000000' }],
        [BIND, { phone: '13800000000', code: '123456' }],
        [FACE_START, { consent: true }],
        [FACE_DONE, { id: 'x' }],
        ['mutation { deleteMyAccount(confirm: true) }', {}],
      ] as const) {
        const { body } = await bff.gql(query, variables);
        expect([query.slice(0, 40), errorCode(body)]).toEqual([query.slice(0, 40), 'UNAUTHENTICATED']);
        expect(body.data ?? null).toBeNull();
      }
      expect(errorCode((await bff.gql(ME, {}, 'not.a.token')).body)).toBe('UNAUTHENTICATED');
    });
  });

  /** A session verified as a real person (level 2). */
  const verified = async (platform: PlatformName = 'WECHAT', who = person(), user = newUser()) => {
    const session = await login(platform, user);
    const { body } = await bff.gql(VERIFY, { name: who.name, id: who.idNumber }, session.accessToken);
    expect(body.errors).toBeUndefined();
    return { ...session, who, user };
  };
  const smsCode = async (phone: string) => {
    const { messages } = await mock.json(`/sms/dev/outbox?phone=${phone}`);
    return messages.at(-1).params.code as string;
  };
  /**
   * The face scan's outcome at the platform. Baidu keeps no session: its scan is a camera
   * photo (of `who`, or of someone else for a fail) sent with completeFaceVerification, so
   * this returns the variables to add to FACE_DONE.
   */
  const completeFaceOnPlatform = async (
    platform: PlatformName,
    verifyId: string,
    outcome: 'pass' | 'fail' | 'cancel',
    who?: { idNumber: string },
  ): Promise<{ img?: string }> => {
    if (platform === 'BAIDU') {
      if (outcome === 'cancel') return {};
      const { image } = await mock.json('/baidu/dev/camera', {
        method: 'POST',
        body: JSON.stringify({ person: outcome === 'pass' ? who?.idNumber : undefined }),
      });
      return { img: image };
    }
    await mock.json(`/${SIMULATOR[platform]}/dev/face/${verifyId}/complete`, {
      method: 'POST',
      body: JSON.stringify({ outcome }),
    });
    return {};
  };

  describe('real-name verification', () => {
    it('matches name and ID number with the population register: level 2, masked identity', async () => {
      const who = person();
      const session = await login('WECHAT', newUser());
      const { body } = await bff.gql(VERIFY, { name: who.name, id: who.idNumber.toLowerCase() }, session.accessToken);
      expect(body.data.verifyRealName).toEqual({
        level: 2,
        realName: { maskedName: maskName(who.name), maskedIdNumber: maskIdNumber(who.idNumber) },
      });
      // Again with the same data: nothing changes. With another person's: refused.
      expect(
        (await bff.gql(VERIFY, { name: who.name, id: who.idNumber }, session.accessToken)).body.data.verifyRealName
          .level,
      ).toBe(2);
      const other = person();
      expect(
        errorCode((await bff.gql(VERIFY, { name: other.name, id: other.idNumber }, session.accessToken)).body),
      ).toBe('ACCOUNT_ALREADY_VERIFIED');
    });

    // The register's identity checks, as the simulator counted them (not the BFF's own calls, which include its health probes).
    const identityChecks = () => agencyCalls(mock, 'POST /population/v1/identity-checks');

    it('checks the ID number before calling the register', async () => {
      const session = await login('WECHAT', newUser());
      const before = await identityChecks();
      for (const [id, problem] of [
        ['11010519491231002', 'ID_NUMBER_FORMAT'],
        ['110105194912310021', 'ID_NUMBER_CHECKSUM'],
        ['990105194912310028', 'ID_NUMBER_PROVINCE'],
      ]) {
        const { body } = await bff.gql(VERIFY, { name: '张三', id }, session.accessToken);
        expect(body.errors?.[0].extensions).toEqual({ code: problem, field: 'idNumber' });
      }
      expect(
        errorCode((await bff.gql(VERIFY, { name: 'x', id: '11010519491231002X' }, session.accessToken)).body),
      ).toBe('NAME_FORMAT');
      expect(await identityChecks()).toBe(before);
      expect((await bff.gql(ME, {}, session.accessToken)).body.data.me.level).toBe(1);
    });

    it('refuses an unknown person and a wrong name alike, and locks the account for the day after 5 failures', async () => {
      const who = person();
      const session = await login('ALIPAY', newUser());
      const unknown = await bff.gql(VERIFY, { name: '张三', id: '11010519491231002X' }, session.accessToken);
      expect(unknown.body.errors?.[0].extensions).toEqual({ code: 'REALNAME_MISMATCH', failuresLeft: 4 });
      for (const left of [3, 2, 1]) {
        expect(
          (await bff.gql(VERIFY, { name: '王不对', id: who.idNumber }, session.accessToken)).body.errors?.[0]
            .extensions,
        ).toEqual({ code: 'REALNAME_MISMATCH', failuresLeft: left });
      }
      expect(errorCode((await bff.gql(VERIFY, { name: '王不对', id: who.idNumber }, session.accessToken)).body)).toBe(
        'REALNAME_LOCKED',
      );
      // Locked: even the right data is refused today, without asking the register.
      const before = await identityChecks();
      const right = await bff.gql(VERIFY, { name: who.name, id: who.idNumber }, session.accessToken);
      expect(right.body.errors?.[0].extensions).toMatchObject({
        code: 'REALNAME_LOCKED',
        until: expect.stringMatching(/T16:00:00/),
      });
      expect(await identityChecks()).toBe(before);
      // Tomorrow (China time) the lock has lifted.
      shiftMs = 24 * 3600_000;
      expect(
        (await bff.gql(VERIFY, { name: who.name, id: who.idNumber }, session.accessToken)).body.data.verifyRealName
          .level,
      ).toBe(2);
    });

    it('leaves the account as it was when the register is down', async () => {
      await mock.fault('population', { mode: 'down' });
      const who = person();
      const session = await login('WECHAT', newUser());
      expect(
        errorCode((await bff.gql(VERIFY, { name: who.name, id: who.idNumber }, session.accessToken)).body),
      ).toMatch(/^AGENCY_(UNAVAILABLE|CIRCUIT_OPEN)$/);
      await mock.resetFaults();
      expect((await bff.gql(ME, {}, session.accessToken)).body.data.me.level).toBe(1);
    });
  });

  describe('phone binding', () => {
    it('needs level 2, then binds the phone with the SMS code', async () => {
      const anonymous = await login('WECHAT', newUser());
      expect(
        (await bff.gql(SEND, { phone: '13912345678' }, anonymous.accessToken)).body.errors?.[0].extensions,
      ).toEqual({ code: 'ASSURANCE_LEVEL_TOO_LOW', requiredLevel: 2, currentLevel: 1 });
      const session = await verified();
      const phone = `139${String(Date.now()).slice(-8)}`;
      const sent = await bff.gql(SEND, { phone }, session.accessToken);
      expect(sent.body.data.sendPhoneCode).toEqual({
        maskedPhone: `${phone.slice(0, 3)}****${phone.slice(7)}`,
        expiresInSeconds: 300,
        resendAfterSeconds: 60,
      });
      const smsCodeValue = await smsCode(phone);
      expect(smsCodeValue).toMatch(/^\d{6}$/);
      const wrong = smsCodeValue === '000000' ? '111111' : '000000';
      expect((await bff.gql(BIND, { phone, code: wrong }, session.accessToken)).body.errors?.[0].extensions).toEqual({
        code: 'PHONE_CODE_WRONG',
        field: 'code',
        triesLeft: 4,
      });
      expect(
        (await bff.gql(BIND, { phone: '13700000000', code: smsCodeValue }, session.accessToken)).body.errors?.[0]
          .extensions?.code,
      ).toBe('PHONE_CODE_EXPIRED');
      const bound = await bff.gql(BIND, { phone, code: smsCodeValue }, session.accessToken);
      expect(bound.body.data.bindPhone).toEqual({ maskedPhone: `${phone.slice(0, 3)}****${phone.slice(7)}`, level: 2 });
      // The code is spent.
      expect(errorCode((await bff.gql(BIND, { phone, code: smsCodeValue }, session.accessToken)).body)).toBe(
        'PHONE_CODE_EXPIRED',
      );
    });

    it('refuses a resend within 60 s, a bad phone, an expired code and a sixth try', async () => {
      const session = await verified();
      const phone = `137${String(Date.now()).slice(-8)}`;
      expect(errorCode((await bff.gql(SEND, { phone: '12345' }, session.accessToken)).body)).toBe('PHONE_FORMAT');
      await bff.gql(SEND, { phone }, session.accessToken);
      const again = await bff.gql(SEND, { phone }, session.accessToken);
      expect(again.body.errors?.[0].extensions).toEqual({
        code: 'PHONE_CODE_RESEND_TOO_SOON',
        retryAfterSeconds: expect.any(Number),
      });
      expect(again.body.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(50);
      for (const left of [4, 3, 2, 1]) {
        expect(
          (await bff.gql(BIND, { phone, code: '999999' }, session.accessToken)).body.errors?.[0].extensions,
        ).toMatchObject({ code: 'PHONE_CODE_WRONG', triesLeft: left });
      }
      expect(errorCode((await bff.gql(BIND, { phone, code: '999999' }, session.accessToken)).body)).toBe(
        'PHONE_CODE_TOO_MANY_TRIES',
      );
      expect(errorCode((await bff.gql(BIND, { phone, code: await smsCode(phone) }, session.accessToken)).body)).toBe(
        'PHONE_CODE_TOO_MANY_TRIES',
      );
      // A minute later a new code may be sent; five minutes after that it has expired.
      shiftMs = 61_000;
      expect((await bff.gql(SEND, { phone }, session.accessToken)).body.errors).toBeUndefined();
      const fresh = await smsCode(phone);
      shiftMs = 61_000 + 301_000;
      expect(errorCode((await bff.gql(BIND, { phone, code: fresh }, session.accessToken)).body)).toBe(
        'PHONE_CODE_EXPIRED',
      );
      expect((await bff.gql(ME, {}, session.accessToken)).body.data.me.maskedPhone).toBeNull();
    });

    it('keeps no code when the SMS gateway fails, so the citizen can ask again at once', async () => {
      const session = await verified();
      await mock.fault('sms', { mode: 'down' });
      const phone = `136${String(Date.now()).slice(-8)}`;
      expect(errorCode((await bff.gql(SEND, { phone }, session.accessToken)).body)).toMatch(/^AGENCY_/);
      await mock.resetFaults();
      expect((await bff.gql(SEND, { phone }, session.accessToken)).body.errors).toBeUndefined();
    });
  });

  describe('face verification', () => {
    it.each(['WECHAT', 'ALIPAY', 'BAIDU', 'H5'] as const)(
      'on %s: needs consent, passes on the platform’s word, level 3',
      async (platform) => {
        const session = await verified(platform);
        expect(errorCode((await bff.gql(FACE_START, { consent: false }, session.accessToken)).body)).toBe(
          'FACE_CONSENT_REQUIRED',
        );
        const started = (await bff.gql(FACE_START, { consent: true }, session.accessToken)).body.data
          .startFaceVerification;
        expect(started.verifyId).toEqual(expect.any(String));
        expect(started.certifyUrl === null).toBe(platform !== 'ALIPAY');
        // The client claims success before the platform has a result: refused.
        expect(errorCode((await bff.gql(FACE_DONE, { id: started.verifyId }, session.accessToken)).body)).toBe(
          'FACE_PENDING',
        );
        const photo = await completeFaceOnPlatform(platform, started.verifyId, 'pass', session.who);
        const done = (await bff.gql(FACE_DONE, { id: started.verifyId, ...photo }, session.accessToken)).body.data
          .completeFaceVerification;
        expect(done).toEqual({ level: 3, faceVerifiedAt: expect.any(String) });
      },
    );

    it('fails and cancels as the platform says, whatever the client claims', async () => {
      const session = await verified('ALIPAY');
      const start = async () =>
        (await bff.gql(FACE_START, { consent: true }, session.accessToken)).body.data.startFaceVerification
          .verifyId as string;
      const failed = await start();
      await completeFaceOnPlatform('ALIPAY', failed, 'fail');
      expect(errorCode((await bff.gql(FACE_DONE, { id: failed }, session.accessToken)).body)).toBe('FACE_FAILED');
      const cancelled = await start();
      await completeFaceOnPlatform('ALIPAY', cancelled, 'cancel');
      expect(errorCode((await bff.gql(FACE_DONE, { id: cancelled }, session.accessToken)).body)).toBe('FACE_CANCELLED');
      expect((await bff.gql(ME, {}, session.accessToken)).body.data.me.level).toBe(2);
      // Needs level 2 first, and a verification that is this account's own.
      const newcomer = await login('ALIPAY', newUser());
      expect(errorCode((await bff.gql(FACE_START, { consent: true }, newcomer.accessToken)).body)).toBe(
        'ASSURANCE_LEVEL_TOO_LOW',
      );
      const other = await verified('ALIPAY');
      expect(errorCode((await bff.gql(FACE_DONE, { id: failed }, other.accessToken)).body)).toBe('NOT_FOUND');
    });
  });

  describe('one citizen across platforms', () => {
    it('joins a second platform account that verifies the same ID number once it proves possession: same citizen, phone and linked platforms', async () => {
      const who = person();
      const wechat = await verified('WECHAT', who);
      const phone = `135${String(Date.now()).slice(-8)}`;
      await bff.gql(SEND, { phone }, wechat.accessToken);
      await bff.gql(BIND, { phone, code: await smsCode(phone) }, wechat.accessToken);
      // The name and ID number alone are not enough: a code to the bound phone proves it.
      const alipay = await login('ALIPAY', newUser());
      expect(errorCode((await bff.gql(VERIFY, { name: who.name, id: who.idNumber }, alipay.accessToken)).body)).toBe(
        'REALNAME_LINK_PROOF_REQUIRED',
      );
      await bff.gql('mutation { sendLinkCode { maskedPhone } }', {}, alipay.accessToken);
      expect(
        (
          await bff.gql(
            'mutation($c: String!) { proveLinkWithCode(code: $c) { level } }',
            { c: await smsCode(phone) },
            alipay.accessToken,
          )
        ).body.data.proveLinkWithCode.level,
      ).toBe(2);
      const onWechat = (await bff.gql(ME, {}, wechat.accessToken)).body.data.me;
      const onAlipay = (await bff.gql(ME, {}, alipay.accessToken)).body.data.me;
      expect(onAlipay.accountId).not.toBe(onWechat.accountId);
      expect(onAlipay.realName).toEqual(onWechat.realName);
      expect(onAlipay.maskedPhone).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      expect(onWechat.linkedPlatforms).toEqual([
        { platform: 'WECHAT', current: true },
        { platform: 'ALIPAY', current: false },
      ]);
      expect(onAlipay.linkedPlatforms).toEqual([
        { platform: 'WECHAT', current: false },
        { platform: 'ALIPAY', current: true },
      ]);
      const citizens = await bff.built.services.db
        .selectFrom('accounts')
        .select('citizen_id')
        .where('id', 'in', [onWechat.accountId, onAlipay.accountId])
        .execute();
      expect(new Set(citizens.map((c) => c.citizen_id)).size).toBe(1);
      // Face verification belongs to the device account that did it.
      expect(onAlipay.level).toBe(2);
    });
  });

  describe('personal data', () => {
    it('stores no plaintext ID number, name or phone, and no response or log line carries one', async () => {
      const who = person();
      const session = await verified('BAIDU', who);
      const phone = `133${String(Date.now()).slice(-8)}`;
      await bff.gql(SEND, { phone }, session.accessToken);
      const bind = await bff.gql(BIND, { phone, code: await smsCode(phone) }, session.accessToken);
      const me = await bff.gql(ME, {}, session.accessToken);
      const rows = await bff.built.services.db.selectFrom('citizens').selectAll().execute();
      const stored =
        JSON.stringify(rows) +
        JSON.stringify(await bff.built.services.db.selectFrom('phone_codes').selectAll().execute());
      for (const secret of [who.idNumber, who.name, phone]) {
        expect([secret, stored.includes(secret)]).toEqual([secret, false]);
        expect(JSON.stringify([bind.body, me.body])).not.toContain(secret);
        expect(bff.logs.join('\n')).not.toContain(secret);
      }
      expect(rows.find((r) => r.phone_enc)?.phone_enc).toMatch(/^v2:[0-9a-f]{8}:/);
    });

    it('deletes the person on every platform and keeps only an anonymous audit record', async () => {
      const who = person();
      const wechat = await verified('WECHAT', who);
      // The Baidu account joins by a face pass of its own; deletion needs a fresh one on WeChat.
      const baidu = await login('BAIDU', newUser());
      expect(errorCode((await bff.gql(VERIFY, { name: who.name, id: who.idNumber }, baidu.accessToken)).body)).toBe(
        'REALNAME_LINK_PROOF_REQUIRED',
      );
      for (const [platform, session] of [
        ['BAIDU', baidu],
        ['WECHAT', wechat],
      ] as const) {
        const verifyId = (await bff.gql(FACE_START, { consent: true }, session.accessToken)).body.data
          .startFaceVerification.verifyId as string;
        const photo = await completeFaceOnPlatform(platform, verifyId, 'pass', who);
        expect(
          (await bff.gql(FACE_DONE, { id: verifyId, ...photo }, session.accessToken)).body.data.completeFaceVerification
            .level,
        ).toBe(3);
      }
      expect(
        errorCode((await bff.gql('mutation { deleteMyAccount(confirm: false) }', {}, wechat.accessToken)).body),
      ).toBe('BAD_USER_INPUT');
      expect(
        (await bff.gql('mutation { deleteMyAccount(confirm: true) }', {}, wechat.accessToken)).body.data
          .deleteMyAccount,
      ).toBe(true);
      expect(errorCode((await bff.gql(ME, {}, wechat.accessToken)).body)).toBe('UNAUTHENTICATED');
      expect(errorCode((await bff.gql(ME, {}, baidu.accessToken)).body)).toBe('UNAUTHENTICATED');
      const audit = await bff.built.services.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'person.delete')
        .execute();
      expect(audit.length).toBeGreaterThan(0);
      expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${who.idNumber}|${who.name}|${wechat.user}`));
      // Signing in again on the same platform starts from nothing.
      const again = await login('WECHAT', wechat.user);
      expect(again.me.level).toBe(1);
    });
  });
});
