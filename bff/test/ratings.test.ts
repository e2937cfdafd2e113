import {
  Citizens,
  operatorToken,
  startBff,
  startMockData,
  testDatabases,
  waitFor,
  type MockData,
  type RunningBff,
  type SignedIn,
} from './helpers';

/**
 * 好差评: a finished case rated once, by its applicant only; forwarded once to the
 * national evaluation system without the citizen's words; 2 or less opens a follow-up
 * for operators (deadline, overdue flag, action, outcome, callback); the words never in
 * a log line; per-service aggregates hidden below 10 ratings.
 */
const SUBMIT = `mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number status } }`;
const RATE = `mutation($k: RatedCaseKind!, $id: ID!, $l: Int!, $i: [RatingIndicator!], $t: String) { rateCase(kind: $k, caseId: $id, level: $l, indicators: $i, text: $t) { id level indicators text followingUp } }`;
const APP = `query($id: ID!) { application(id: $id) { id status rating { level indicators text followingUp } } }`;
const FOLLOW_UPS = `query($o: Boolean) { ratingFollowUps(openOnly: $o) { id caseKind caseNumber serviceId level indicators text contactDueAt overdue status action outcome callbackResult closedAt } }`;
const UPDATE = `mutation($id: ID!, $a: String, $o: String, $c: RatingCallbackResult, $close: Boolean) { updateRatingFollowUp(id: $id, action: $a, outcome: $o, callbackResult: $c, close: $close) { id status action outcome callbackResult closedAt overdue } }`;
const AGGREGATES = `query { serviceRatingAggregates { serviceId shown count satisfiedShare } }`;

jest.setTimeout(90_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

let keys = 0;
const key = () => `rating-${process.pid}-${Date.now()}-${++keys}`;

describe.each(testDatabases())('好差评 on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let clock = Date.now();
  let operator: string;
  const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    bff = await startBff(
      {
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        OUTBOX_POLL_MS: '50',
        DEPARTMENT_POLL_MS: '100',
        UPSTREAM_RETRIES: '0',
        RATING_FOLLOWUP_HOURS: '24',
      },
      { now: () => new Date(clock) },
    );
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 20 : 160, 'social-insurance');
    operator = await operatorToken(bff, `rater-${database.name}-${process.pid}`, 'publisher');
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  /** A social insurance certificate application, decided by the bureau to `final`. */
  const finished = async (final: 'COMPLETED' | 'REJECTED' | null = 'COMPLETED') => {
    const session = await citizens.verified();
    const { body } = await bff.gql(
      SUBMIT,
      {
        s: 'si-payment-record',
        a: { months: '12', purpose: 'other', purposeOther: '积分入户', delivery: 'electronic' },
        k: key(),
      },
      session.accessToken,
    );
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    const app = body.data.submitApplication as { id: string; number: string };
    if (final) {
      await waitFor(
        () => mock.json(`/social-insurance/dev/applications?reference=${app.number}`),
        (b) => b.applications.length === 1,
      );
      for (const status of final === 'COMPLETED'
        ? ['ACCEPTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED']
        : ['ACCEPTED', 'REJECTED']) {
        await mock.json(`/social-insurance/dev/applications/${app.number}/decide`, {
          method: 'POST',
          body: JSON.stringify({ status, reason: status === 'REJECTED' ? '缴费记录不足' : undefined }),
        });
      }
      await waitFor(
        async () => (await bff.gql(APP, { id: app.id }, session.accessToken)).body.data.application.status,
        (s) => s === final,
      );
    }
    return { session, app };
  };
  const rate = (session: SignedIn, id: string, level: number, indicators: string[] = [], text?: string) =>
    bff.gql(RATE, { k: 'APPLICATION', id, l: level, i: indicators, t: text ?? null }, session.accessToken);
  const forwarded = async (caseNumber: string) =>
    (await mock.json(`/evaluation/dev/ratings?caseNumber=${caseNumber}`)).ratings as Array<Record<string, unknown>>;

  it('takes one rating per finished case, from its applicant only, and forwards it once', async () => {
    const open = await finished(null);
    expect(code((await rate(open.session, open.app.id, 5)).body)).toBe('RATING_CASE_NOT_FINISHED');

    const { session, app } = await finished('COMPLETED');
    const stranger = await citizens.verified();
    expect(code((await rate(stranger, app.id, 1)).body)).toBe('NOT_FOUND');
    expect(code((await rate(session, app.id, 6)).body)).toBe('BAD_USER_INPUT');
    // Indicators are for low ratings.
    expect(code((await rate(session, app.id, 5, ['ATTITUDE'])).body)).toBe('BAD_USER_INPUT');

    const given = await rate(session, app.id, 5, [], '很快，谢谢');
    expect(given.body.data.rateCase).toMatchObject({
      level: 5,
      indicators: [],
      text: '很快，谢谢',
      followingUp: false,
    });
    expect(code((await rate(session, app.id, 1)).body)).toBe('RATING_ALREADY_GIVEN');
    expect((await bff.gql(APP, { id: app.id }, session.accessToken)).body.data.application.rating).toMatchObject({
      level: 5,
    });

    const [sent] = await waitFor(
      () => forwarded(app.number),
      (r) => r.length === 1,
    );
    expect(sent).toMatchObject({
      channel: 'WECHAT',
      itemCode: 'si-payment-record',
      caseNumber: app.number,
      caseKind: 'APPLICATION',
      level: 5,
      indicators: [],
      deliveries: 1,
    });
    // The words stay here.
    expect(JSON.stringify(await forwarded(app.number))).not.toContain('谢谢');
    await new Promise((r) => setTimeout(r, 300));
    expect((await forwarded(app.number))[0]!.deliveries).toBe(1);
  });

  it('opens a follow-up for 2 or less, flags it overdue past the deadline, and closes it with action, outcome and callback', async () => {
    const { session, app } = await finished('REJECTED');
    const words = `材料要求写得不清楚-${Date.now()}`;
    const given = await rate(session, app.id, 2, ['GUIDE_ACCURACY', 'EFFICIENCY'], words);
    expect(given.body.data.rateCase).toMatchObject({
      level: 2,
      indicators: ['GUIDE_ACCURACY', 'EFFICIENCY'],
      followingUp: true,
    });
    // Never in a log line, whatever the level.
    expect(bff.logs.join('\n')).not.toContain(words);

    const messages = (await bff.gql(`query { myMessages(first: 20) { items { title } } }`, {}, session.accessToken))
      .body.data.myMessages.items;
    expect(messages.map((m: { title: string }) => m.title)).toContain('您的评价正在跟进');

    // Citizens cannot see the console; operators can.
    expect(code((await bff.gql(FOLLOW_UPS, { o: true }, session.accessToken)).body)).toMatch(
      /UNAUTHENTICATED|FORBIDDEN/,
    );
    const mine = () =>
      bff
        .gql(FOLLOW_UPS, { o: false }, operator)
        .then((r) =>
          (r.body.data.ratingFollowUps as Array<Record<string, unknown>>).find((f) => f.caseNumber === app.number)!,
        );
    const opened = await mine();
    expect(opened).toMatchObject({ caseKind: 'APPLICATION', level: 2, text: words, status: 'OPEN', overdue: false });
    expect(Date.parse(opened.contactDueAt as string) - clock).toBeGreaterThan(23.9 * 3600_000);

    clock += 25 * 3600_000;
    expect(await mine()).toMatchObject({ overdue: true });

    // Closing needs all three.
    expect(
      code((await bff.gql(UPDATE, { id: opened.id, a: '电话联系，解释缴费记录要求', close: true }, operator)).body),
    ).toBe('BAD_USER_INPUT');
    const closed = (
      await bff.gql(
        UPDATE,
        { id: opened.id, a: '电话联系，解释缴费记录要求', o: '已补充办事指南说明', c: 'SATISFIED', close: true },
        operator,
      )
    ).body.data.updateRatingFollowUp;
    expect(closed).toMatchObject({
      status: 'CLOSED',
      callbackResult: 'SATISFIED',
      overdue: false,
      closedAt: expect.any(String),
    });
    expect((await bff.gql(APP, { id: app.id }, session.accessToken)).body.data.application.rating.followingUp).toBe(
      false,
    );
    const [sent] = await waitFor(
      () => forwarded(app.number),
      (r) => r.length === 1,
    );
    expect(sent).toMatchObject({ level: 2, indicators: ['GUIDE_ACCURACY', 'EFFICIENCY'] });
  });

  it("hides a service's aggregate below 10 ratings", async () => {
    const before = (await bff.gql(AGGREGATES, {}, operator)).body.data.serviceRatingAggregates.find(
      (a: { serviceId: string }) => a.serviceId === 'si-payment-record',
    );
    expect(before).toEqual({ serviceId: 'si-payment-record', shown: false, count: null, satisfiedShare: null });
    // Eight more (two are in from the tests above): ten in all, of which 1 + 6 satisfied.
    for (let i = 0; i < 8; i++) {
      const { session, app } = await finished('COMPLETED');
      await rate(session, app.id, i < 6 ? 4 : 3);
    }
    const after = (await bff.gql(AGGREGATES, {}, operator)).body.data.serviceRatingAggregates.find(
      (a: { serviceId: string }) => a.serviceId === 'si-payment-record',
    );
    expect(after).toEqual({ serviceId: 'si-payment-record', shown: true, count: 10, satisfiedShare: 0.7 });
  });
});
