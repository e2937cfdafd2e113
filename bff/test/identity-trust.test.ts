import {
  agencyCalls,
  Citizens,
  operatorToken,
  startBff,
  startMockData,
  testDatabases,
  waitFor,
  type MockData,
  type RunningBff,
} from './helpers';
import { VERIFY_REAL_NAME } from '../../test-support/policies';

/**
 * Trust, tried as an attacker would: a name and ID number (widely leaked) must not
 * take over a citizen who already uses the app; sensitive acts need a fresh face; and
 * every attempt limit holds when 50 wrong attempts arrive at the same moment — on
 * SQLite, PostgreSQL, and with the limits in Redis.
 */
const ME = `{ me { accountId level realName { maskedName } maskedPhone pendingLink { ways maskedPhone } linkedPlatforms { accountId platform current } } }`;
const LOGIN = `mutation($p: Platform!, $c: String!) { login(platform: $p, code: $c) { accessToken } }`;
const VERIFY = VERIFY_REAL_NAME;
const SEND_LINK = `mutation { sendLinkCode { maskedPhone } }`;
const PROVE_LINK = `mutation($c: String!) { proveLinkWithCode(code: $c) { level linkedPlatforms { platform current } } }`;
const UNLINK = `mutation($a: ID!) { unlinkPlatform(accountId: $a) { linkedPlatforms { platform } } }`;
const FACE_START = `mutation { startFaceVerification(consent: true) { verifyId } }`;
const FACE_DONE = `mutation($id: ID!) { completeFaceVerification(verifyId: $id) { level } }`;
const FACE_DONE_PHOTO = `mutation($id: ID!, $img: String) { completeFaceVerification(verifyId: $id, faceImage: $img) { level } }`;
const MESSAGES = `{ myMessages { items { kind title body link } } }`;
const DELETE = `mutation { deleteMyAccount(confirm: true) }`;
const SIMULATOR = { WECHAT: 'wechat', ALIPAY: 'alipay', BAIDU: 'baidu', H5: 'wechat' } as const;
type PlatformName = keyof typeof SIMULATOR;
type Body = { data?: any; errors?: Array<{ extensions?: Record<string, unknown> }> };
const codeOf = (body: Body) => body.errors?.[0]?.extensions?.code;

/** Distinct wrong names, so no two identical register calls can be merged in flight. */
const DIGITS = '零一二三四五六七八九';
const wrongName = (i: number) => `错${DIGITS[Math.floor(i / 10) % 10]}${DIGITS[i % 10]}`;

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

const backends = [
  ...testDatabases().map((database) => ({ label: database.name, database, redis: null as string | null })),
  // The same limits held in Redis (several instances share them there).
  ...(process.env.TEST_REDIS_URL
    ? [{ label: 'postgres with limits in redis', database: testDatabases().at(-1)!, redis: process.env.TEST_REDIS_URL }]
    : []),
];

describe.each(backends)('trust on $label', ({ database, redis }) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let shiftMs = 0;
  let users = 0;
  const prefix = `trust${process.pid}${Date.now().toString(36)}`;

  beforeAll(async () => {
    bff = await startBff(
      // Agency calls get a generous timeout: on a busy machine a slow answer would be given back and asked
      // again (an unanswered attempt does not count), which makes "exactly N calls at the agency" a race.
      {
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        FACE_MAX_PER_DAY: '3',
        UPSTREAM_TIMEOUT_MS: '8000',
        UPSTREAM_RETRIES: '0',
        ...(redis ? { REDIS_URL: redis, REDIS_KEY_PREFIX: prefix } : {}),
      },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    // Each backend its own people from the register, so no two runs share an ID number.
    citizens = new Citizens(
      bff,
      mock,
      1000 + backends.findIndex((b) => b.redis === redis && b.database.name === database.name) * 400,
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

  const login = async (platform: PlatformName) => {
    const { code } = await mock.json(`/${SIMULATOR[platform]}/dev/login-code`, {
      method: 'POST',
      body: JSON.stringify({ user: `trust-${database.name}-${++users}-${Date.now()}` }),
    });
    const { body } = await bff.gql(LOGIN, { p: platform, c: code });
    return body.data.login.accessToken as string;
  };
  /** A face pass by `person` (Baidu keeps no session: the BFF checks a camera photo of them). */
  const passFace = async (platform: PlatformName, token: string, person?: { idNumber: string }) => {
    const started = await bff.gql(FACE_START, {}, token);
    const verifyId = started.body.data.startFaceVerification.verifyId as string;
    if (platform === 'BAIDU') {
      const { image } = await mock.json('/baidu/dev/camera', {
        method: 'POST',
        body: JSON.stringify({ person: person?.idNumber }),
      });
      return (await bff.gql(FACE_DONE_PHOTO, { id: verifyId, img: image }, token)).body;
    }
    await mock.json(`/${SIMULATOR[platform]}/dev/face/${verifyId}/complete`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'pass' }),
    });
    return (await bff.gql(FACE_DONE, { id: verifyId }, token)).body;
  };
  const smsTo = async (phone: string) =>
    (await mock.json(`/sms/dev/outbox?phone=${phone}`)).messages as Array<{
      templateId: string;
      params: Record<string, string>;
    }>;
  const newPhone = () => `136${String(Date.now() + users++).slice(-8)}`;
  const calls = (route: string) => agencyCalls(mock, route);

  describe('no takeover by name and ID number', () => {
    it('keeps a second platform account out until it proves possession by the bound phone; the citizen is told and can unlink it', async () => {
      // The victim uses the app on WeChat, with a bound phone.
      const victim = await citizens.verified('WECHAT');
      const phone = newPhone();
      await citizens.bindPhone(victim, phone);
      // The attacker knows the victim's name and ID number.
      const attacker = await login('ALIPAY');
      const verify = await bff.gql(VERIFY, { n: victim.person.name, i: victim.person.idNumber }, attacker);
      expect(verify.body.errors?.[0]?.extensions).toEqual({
        code: 'REALNAME_LINK_PROOF_REQUIRED',
        ways: ['FACE', 'PHONE_CODE'],
        maskedPhone: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      });
      // Nothing of the victim's is visible, and deleting removes only the attacker's own account.
      const me = (await bff.gql(ME, {}, attacker)).body.data.me;
      expect(me).toMatchObject({
        level: 1,
        realName: null,
        maskedPhone: null,
        linkedPlatforms: [],
        pendingLink: { ways: ['FACE', 'PHONE_CODE'] },
      });
      expect((await bff.gql(MESSAGES, {}, attacker)).body.data.myMessages.items).toEqual([]);
      expect(codeOf((await bff.gql(`{ myLicences { id } }`, {}, attacker)).body)).toBe('ASSURANCE_LEVEL_TOO_LOW');
      expect(codeOf((await bff.gql(`mutation { unlinkPlatform(accountId: "x") { level } }`, {}, attacker)).body)).toBe(
        'ASSURANCE_LEVEL_TOO_LOW',
      );
      // The code goes to the victim's phone, not to the attacker: a guess is wrong.
      await bff.gql(SEND_LINK, {}, attacker);
      const sent = (await smsTo(phone)).at(-1)!;
      expect(sent.templateId).toBe('LINK_CODE');
      const guess = sent.params.code === '000000' ? '000001' : '000000';
      expect(codeOf((await bff.gql(PROVE_LINK, { c: guess }, attacker)).body)).toBe('PHONE_CODE_WRONG');
      expect((await bff.gql(ME, {}, victim.accessToken)).body.data.me.linkedPlatforms).toEqual([
        { accountId: expect.any(String), platform: 'WECHAT', current: true },
      ]);

      // The real person on a new phone has the code: joined, and every account is told.
      const proved = await bff.gql(PROVE_LINK, { c: sent.params.code }, attacker);
      expect(proved.body.data.proveLinkWithCode).toEqual({
        level: 2,
        linkedPlatforms: [
          { platform: 'WECHAT', current: false },
          { platform: 'ALIPAY', current: true },
        ],
      });
      const notices = (await bff.gql(MESSAGES, {}, victim.accessToken)).body.data.myMessages.items.filter(
        (m: { kind: string }) => m.kind === 'SECURITY',
      );
      expect(notices).toEqual([expect.objectContaining({ title: '你的账户已在支付宝登录', link: '/pages/me/index' })]);
      await bff.built.outbox.drain();
      await waitFor(
        () => smsTo(phone),
        (messages) => messages.some((m) => m.templateId === 'ACCOUNT_SECURITY'),
      );

      // The victim unlinks it — a sensitive act: a fresh face first.
      const alipayId = (await bff.gql(ME, {}, attacker)).body.data.me.accountId as string;
      expect(codeOf((await bff.gql(UNLINK, { a: alipayId }, victim.accessToken)).body)).toBe('ASSURANCE_LEVEL_TOO_LOW');
      expect((await passFace('WECHAT', victim.accessToken)).data.completeFaceVerification.level).toBe(3);
      expect(
        (await bff.gql(UNLINK, { a: alipayId }, victim.accessToken)).body.data.unlinkPlatform.linkedPlatforms,
      ).toEqual([{ platform: 'WECHAT' }]);
      expect(codeOf((await bff.gql(ME, {}, attacker)).body)).toBe('UNAUTHENTICATED');
      const audit = await bff.built.services.db
        .selectFrom('audit_log')
        .select(['action', 'subject'])
        .where('action', '=', 'account.unlink')
        .execute();
      expect(audit).toContainEqual({ action: 'account.unlink', subject: `account:${alipayId}` });
    });

    it('lets the newcomer in by a face pass on its own account — for that citizen only — and never by the client’s word', async () => {
      const victim = await citizens.verified('WECHAT');
      const newcomer = await login('BAIDU');
      const verify = await bff.gql(VERIFY, { n: victim.person.name, i: victim.person.idNumber }, newcomer);
      // No bound phone: face is the only way offered, and a link code is refused.
      expect(verify.body.errors?.[0]?.extensions).toEqual({
        code: 'REALNAME_LINK_PROOF_REQUIRED',
        ways: ['FACE'],
        maskedPhone: null,
      });
      expect(codeOf((await bff.gql(SEND_LINK, {}, newcomer)).body)).toBe('LINK_CODE_UNAVAILABLE');
      // A verification that is still pending or failed at the platform joins nothing.
      const started = (await bff.gql(FACE_START, {}, newcomer)).body.data.startFaceVerification.verifyId as string;
      expect(codeOf((await bff.gql(FACE_DONE, { id: started }, newcomer)).body)).toBe('FACE_PENDING');
      // Baidu checks a camera photo (person/verify): someone else's face fails.
      const stranger = await mock.json('/baidu/dev/camera', { method: 'POST', body: JSON.stringify({}) });
      expect(codeOf((await bff.gql(FACE_DONE_PHOTO, { id: started, img: stranger.image }, newcomer)).body)).toBe(
        'FACE_FAILED',
      );
      expect((await bff.gql(ME, {}, newcomer)).body.data.me.level).toBe(1);
      // A pass joins it, face-verified.
      expect((await passFace('BAIDU', newcomer, victim.person)).data.completeFaceVerification.level).toBe(3);
      const me = (await bff.gql(ME, {}, newcomer)).body.data.me;
      expect(me.linkedPlatforms.map((p: { platform: string }) => p.platform)).toEqual(['WECHAT', 'BAIDU']);
      expect((await bff.gql(MESSAGES, {}, victim.accessToken)).body.data.myMessages.items).toContainEqual(
        expect.objectContaining({ kind: 'SECURITY', title: '你的账户已在百度登录' }),
      );
    });

    it('cannot delete the citizen without a fresh face pass', async () => {
      const victim = await citizens.verified('WECHAT');
      expect(codeOf((await bff.gql(DELETE, {}, victim.accessToken)).body)).toBe('ASSURANCE_LEVEL_TOO_LOW');
      await passFace('WECHAT', victim.accessToken);
      shiftMs = 16 * 60_000; // the pass is now 16 minutes old
      expect((await bff.gql(DELETE, {}, victim.accessToken)).body.errors?.[0]?.extensions).toMatchObject({
        code: 'FACE_STALE',
        requiredLevel: 3,
        freshMinutes: 15,
      });
      expect((await bff.gql(ME, {}, victim.accessToken)).body.data.me.level).toBe(3); // level 3 stays
      await passFace('WECHAT', victim.accessToken);
      expect((await bff.gql(DELETE, {}, victim.accessToken)).body.data.deleteMyAccount).toBe(true);
    });
  });

  describe('limits hold under 50 parallel attempts', () => {
    it('real name per account: exactly 5 evaluated, then the right name is refused too', async () => {
      const who = (await citizens.verified('WECHAT')).person; // someone real, already a citizen elsewhere
      const token = await login('ALIPAY');
      const before = await calls('POST /population/v1/identity-checks');
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => bff.gql(VERIFY, { n: wrongName(i), i: who.idNumber }, token)),
      );
      const codes = answers.map((a) => codeOf(a.body));
      expect((await calls('POST /population/v1/identity-checks')) - before).toBe(5);
      expect(codes.filter((c) => c === 'REALNAME_MISMATCH').length).toBe(4);
      expect(codes.filter((c) => c === 'REALNAME_LOCKED').length).toBe(46);
      expect(codeOf((await bff.gql(VERIFY, { n: who.name, i: who.idNumber }, token)).body)).toBe('REALNAME_LOCKED');
      expect((await calls('POST /population/v1/identity-checks')) - before).toBe(5);
    });

    it('real name per ID number across fresh accounts: exactly 10 evaluated', async () => {
      const who = (await citizens.verified('WECHAT')).person;
      // The accounts are made ten at a time (their sign-in is not what is tested); the attempts all at once.
      const tokens: string[] = [];
      for (let i = 0; i < 5; i++) tokens.push(...(await Promise.all(Array.from({ length: 10 }, () => login('H5')))));
      const before = await calls('POST /population/v1/identity-checks');
      const answers = await Promise.all(
        tokens.map((token, i) => bff.gql(VERIFY, { n: wrongName(i), i: who.idNumber }, token)),
      );
      expect((await calls('POST /population/v1/identity-checks')) - before).toBe(10);
      expect(answers.filter((a) => codeOf(a.body) === 'REALNAME_LOCKED').length).toBe(41);
      // A 51st fresh account gets no guess at that number today, not even the right one.
      expect(codeOf((await bff.gql(VERIFY, { n: who.name, i: who.idNumber }, await login('H5'))).body)).toBe(
        'REALNAME_LOCKED',
      );
    });

    it('SMS code: exactly 5 compared, then the right code is refused', async () => {
      const session = await citizens.verified('WECHAT');
      const phone = newPhone();
      await bff.gql(
        `mutation($p: String!) { sendPhoneCode(phone: $p) { maskedPhone } }`,
        { p: phone },
        session.accessToken,
      );
      const right = (await smsTo(phone)).at(-1)!.params.code;
      const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
      const BIND = `mutation($p: String!, $c: String!) { bindPhone(phone: $p, code: $c) { maskedPhone } }`;
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => bff.gql(BIND, { p: phone, c: wrong(i) }, session.accessToken)),
      );
      expect(answers.filter((a) => codeOf(a.body) === 'PHONE_CODE_WRONG').length).toBe(4);
      const accountId = (await bff.gql(ME, {}, session.accessToken)).body.data.me.accountId as string;
      const row = await bff.built.services.db
        .selectFrom('phone_codes')
        .select('tries')
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      expect(Number(row.tries)).toBe(5);
      expect(codeOf((await bff.gql(BIND, { p: phone, c: right }, session.accessToken)).body)).toBe(
        'PHONE_CODE_TOO_MANY_TRIES',
      );
      expect((await bff.gql(ME, {}, session.accessToken)).body.data.me.maskedPhone).toBeNull();
    });

    it('link code: exactly 5 compared, then the right code is refused', async () => {
      const victim = await citizens.verified('WECHAT');
      const phone = newPhone();
      await citizens.bindPhone(victim, phone);
      const attacker = await login('ALIPAY');
      await bff.gql(VERIFY, { n: victim.person.name, i: victim.person.idNumber }, attacker);
      await bff.gql(SEND_LINK, {}, attacker);
      const right = (await smsTo(phone)).at(-1)!.params.code;
      const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => bff.gql(PROVE_LINK, { c: wrong(i) }, attacker)),
      );
      expect(answers.filter((a) => codeOf(a.body) === 'PHONE_CODE_WRONG').length).toBe(4);
      expect(answers.filter((a) => codeOf(a.body) === 'PHONE_CODE_TOO_MANY_TRIES').length).toBe(46);
      expect(codeOf((await bff.gql(PROVE_LINK, { c: right }, attacker)).body)).toBe('PHONE_CODE_TOO_MANY_TRIES');
      expect((await bff.gql(ME, {}, attacker)).body.data.me.level).toBe(1);
    });

    it('face attempts: exactly FACE_MAX_PER_DAY started, then FACE_LOCKED until tomorrow', async () => {
      const session = await citizens.verified('ALIPAY');
      // Every start asks Alipay's gateway twice (initialize, certify); a refused start asks nothing.
      const before = await calls('POST /alipay/gateway.do');
      const answers = await Promise.all(Array.from({ length: 50 }, () => bff.gql(FACE_START, {}, session.accessToken)));
      expect([
        answers.filter((a) => a.body.data?.startFaceVerification).length,
        [...new Set(answers.map((a) => codeOf(a.body) ?? 'started'))].sort(),
      ]).toEqual([3, ['FACE_LOCKED', 'started']]);
      expect(answers.filter((a) => codeOf(a.body) === 'FACE_LOCKED').length).toBe(47);
      expect((await calls('POST /alipay/gateway.do')) - before).toBe(6); // initialize and certify per start, none for the refused
      shiftMs = 24 * 3600_000;
      expect((await bff.gql(FACE_START, {}, session.accessToken)).body.data.startFaceVerification.verifyId).toEqual(
        expect.any(String),
      );
    });

    it('operator password: exactly 5 checked, then the right password is refused', async () => {
      const username = `op${Date.now().toString(36)}${users++}`;
      await operatorToken(bff, username, 'editor');
      const SIGN_IN = `mutation($u: String!, $p: String!) { operatorSignIn(username: $u, password: $p) { token } }`;
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => bff.gql(SIGN_IN, { u: username, p: `wrong-password-${i}` })),
      );
      const checked = await bff.built.services.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject', '=', `operator:${username}`)
        .where('action', 'in', ['operator.sign-in-failed', 'operator.locked'])
        .execute();
      expect(checked.length).toBe(5);
      expect(answers.filter((a) => codeOf(a.body) === 'OPERATOR_SIGN_IN_FAILED').length).toBe(4);
      expect(answers.filter((a) => codeOf(a.body) === 'OPERATOR_LOCKED').length).toBe(46);
      expect(codeOf((await bff.gql(SIGN_IN, { u: username, p: `${username}-password-2026` })).body)).toBe(
        'OPERATOR_LOCKED',
      );
    });
  });
});
