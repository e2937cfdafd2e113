import {
  Citizens,
  startBff,
  startMockData,
  testDatabases,
  waitFor,
  type MockData,
  type RunningBff,
  type SignedIn,
} from './helpers';

/**
 * Baidu's subscription messages as Baidu documents them: the citizen's tap on a
 * <form report-submit report-type="subscribe" template-id subscribe-id> gives one
 * consent per subscribe-id (repeated consents do not add up), and the server sends with
 * that subscribe_id (template/message/subscribe/send), which answers errno 4007 when the
 * user holds no consent. A consent the app claims but Baidu never recorded ends in the
 * SMS the citizen would have had without one.
 */
jest.setTimeout(30_000);

const MESSAGES = 'query { myMessages(first: 10) { items { title channel deliveryStatus } } }';
const SUBMIT =
  'mutation($a: JSONObject!, $k: String!) { submitApplication(serviceId: "si-payment-record", answers: $a, idempotencyKey: $k) { number } }';
const ANSWERS = { months: '12', purpose: 'home', delivery: 'electronic' };

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

describe.each(testDatabases())('Baidu subscription messages on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let keys = 0;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '100',
      DEPARTMENT_POLL_MS: '100000',
      UPSTREAM_RETRIES: '0',
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 300 : 400, 'social-insurance');
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  /** A Baidu citizen at level 2 with a bound phone. */
  const baiduCitizen = async () => {
    const session = await citizens.verified('BAIDU');
    const phone = `139${String(Date.now()).slice(-8)}`;
    await citizens.bindPhone(session, phone);
    return { session, phone };
  };
  /** What the form's submit event carries after the citizen answers Baidu's authorisation panel. */
  const formTap = (session: SignedIn, answer: 'accept' | 'reject' | 'cancel') =>
    mock.json('/baidu/dev/subscribe', {
      method: 'POST',
      body: JSON.stringify({
        user: session.user,
        template_id: 'bd-tmpl-application',
        subscribe_id: 'APPLICATION_PROGRESS',
        answer,
      }),
    });
  const record = async (session: SignedIn, accepted: boolean) =>
    (
      await bff.gql(
        `mutation { recordMessageSubscription(topic: APPLICATION_PROGRESS, accepted: ${accepted}) }`,
        {},
        session.accessToken,
      )
    ).body.data.recordMessageSubscription as number;
  const submit = async (session: SignedIn) =>
    (await bff.gql(SUBMIT, { a: ANSWERS, k: `bd-${process.pid}-${Date.now()}-${++keys}` }, session.accessToken)).body
      .data.submitApplication.number as string;
  const delivered = (session: SignedIn) =>
    waitFor(
      async () => (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items,
      (items) => items[0]?.deliveryStatus === 'SENT' || items[0]?.deliveryStatus === 'NOT_SENT',
    );
  const baiduMessages = async () =>
    (await mock.json('/baidu/dev/messages')).messages as Array<{
      to: string;
      templateId: string;
      data: Record<string, { value: string }>;
    }>;
  const texts = async (phone: string) =>
    (await mock.json(`/sms/dev/outbox?phone=${phone}`)).messages as Array<{
      templateId: string;
      params: Record<string, string>;
    }>;

  it('sends one Baidu message on the subscribe-id the citizen consented to; repeated consents under it do not add up', async () => {
    const { session, phone } = await baiduCitizen();
    const tapped = await formTap(session, 'accept');
    expect(tapped.formId).toMatch(/^bd-tmpl-application-/);
    expect(await record(session, true)).toBe(1);
    await formTap(session, 'accept');
    expect(await record(session, true)).toBe(1);
    const number = await submit(session);
    const [message] = await delivered(session);
    expect(message).toMatchObject({ channel: 'PLATFORM', deliveryStatus: 'SENT' });
    expect(
      (await baiduMessages()).filter((m) => m.templateId === 'bd-tmpl-application' && m.data.number?.value === number),
    ).toHaveLength(1);
    expect((await texts(phone)).filter((t) => t.params.number === number)).toHaveLength(0);
  });

  it('falls back to SMS when Baidu answers 4007: the app claimed a consent the platform never recorded', async () => {
    const { session, phone } = await baiduCitizen();
    expect((await formTap(session, 'reject')).status).toBe(500102);
    // A client that ignored the refusal (or an old build) still says yes: the send is Baidu's check.
    expect(await record(session, true)).toBe(1);
    const number = await submit(session);
    const [message] = await delivered(session);
    expect(message).toMatchObject({ channel: 'SMS', deliveryStatus: 'SENT' });
    expect((await baiduMessages()).filter((m) => m.data.number?.value === number)).toHaveLength(0);
    expect((await texts(phone)).filter((t) => t.params.number === number)).toHaveLength(1);
  });

  it('answers 4007 for a second message on a subscribe-id already used', async () => {
    const { session } = await baiduCitizen();
    await formTap(session, 'accept');
    // Sent straight to the simulator, with the smart program's own access_token as the BFF sends it.
    const { access_token: token } = await mock.json(
      '/baidu/oauth/2.0/token?grant_type=client_credentials&client_id=baidu-citizen-dev&client_secret=baidu-dev-secret&scope=smartapp_snsapi_base',
      { method: 'POST' },
    );
    const send = (to: string) =>
      mock.json(`/baidu/rest/2.0/smartapp/template/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        body: JSON.stringify({
          touser_openId: to,
          template_id: 'bd-tmpl-application',
          subscribe_id: 'APPLICATION_PROGRESS',
          data: JSON.stringify({ number: { value: 'X' } }),
        }),
      });
    const { code } = await mock.json('/baidu/dev/login-code', {
      method: 'POST',
      body: JSON.stringify({ user: session.user }),
    });
    const { openid } = await mock.json('/baidu/oauth/jscode2sessionkey', {
      method: 'POST',
      body: JSON.stringify({ code, client_id: 'baidu-citizen-dev', sk: 'baidu-dev-secret' }),
    });
    expect(await send(openid)).toMatchObject({ errno: 0, data: { msg_key: expect.any(Number) } });
    expect(await send(openid)).toMatchObject({ errno: 4007 });
  });
});
