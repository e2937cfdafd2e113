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
import { payEndorsement, submitEndorsement } from './endorsement';

/**
 * The console's payments view (issue 16): search by number and status, one payment,
 * refunds that take a second operator (never the one who asked; audited; once however many
 * approve at once), the roles allowed, and the daily reconciliation with the finance
 * bureau finding a planted difference — on SQLite and PostgreSQL.
 */
const APP = `id number status payment { id status }`;
const GET = `query($id: ID!) { application(id: $id) { ${APP} } }`;
const PAYMENT = `id itemName amount status channel slipNo paymentCode transactionId receipt { number } refundReason subjectKind applicationNumber refundRequests { id status requestedBy decidedBy }`;
const SEARCH = `query($q: String, $s: PaymentStatus) { consolePayments(query: $q, status: $s) { ${PAYMENT} } }`;
const ONE = `query($id: ID!) { consolePayment(id: $id) { ${PAYMENT} } }`;
const REQUEST = `mutation($p: ID!, $r: String!) { requestPaymentRefund(paymentId: $p, reason: $r) { id status requestedBy } }`;
const DECIDE = `mutation($id: ID!, $a: Boolean!) { decidePaymentRefund(requestId: $id, approve: $a) { id status decidedBy } }`;
const REPORTS = `query { paymentReconciliations { day ours theirs runAt differences { kind slipNo paymentId ourAmountFen theirAmountFen } } }`;
const RUN = `mutation($d: String!) { runPaymentReconciliation(day: $d) { day ours theirs differences { kind slipNo paymentId ourAmountFen theirAmountFen } } }`;

jest.setTimeout(120_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

const chinaDay = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 10);
const order = async (outTradeNo: string) =>
  ((await mock.json('/wechat/dev/orders')).orders as Array<{ outTradeNo: string; refunds: unknown[] }>).find(
    (o) => o.outTradeNo === outTradeNo,
  )!;

describe.each(testDatabases())('the console payments view on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  /** Added to the clock: the reconciliation job is moved to tomorrow's run. */
  let shiftMs = 0;
  const tokens: Record<string, string> = {};
  const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    bff = await startBff(
      {
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        OUTBOX_POLL_MS: '50',
        DEPARTMENT_POLL_MS: '100',
        UPSTREAM_RETRIES: '0',
        UPSTREAM_TIMEOUT_MS: '5000',
      },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 40 : 160, 'permit');
    for (const [name, role] of [
      ['pc-clerk', 'clerk'],
      ['pc-editor', 'editor'],
      ['pc-pub1', 'publisher'],
      ['pc-pub2', 'publisher'],
      ['pc-admin', 'admin'],
    ] as const)
      tokens[name] = await operatorToken(bff, name, role);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  const get = async (session: SignedIn, id: string) =>
    (await bff.gql(GET, { id }, session.accessToken)).body.data?.application;
  /** A paid, settled endorsement: its application and payment id. */
  const paid = async () => {
    const { session, app } = await submitEndorsement(bff, citizens, APP);
    await payEndorsement(
      bff,
      mock,
      session,
      app.payment.id,
      () => get(session, app.id),
      (a) => a.payment.status === 'SETTLED',
    );
    return { session, app, paymentId: app.payment.id as string };
  };
  const as = (who: string, query: string, variables: Record<string, unknown> = {}) =>
    bff.gql(query, variables, tokens[who]);

  it('lets publishers and admins in and keeps clerks, editors, citizens and strangers out', async () => {
    const { session, paymentId } = await paid();
    const calls: Array<[string, string, Record<string, unknown>]> = [
      ['search', SEARCH, {}],
      ['one', ONE, { id: paymentId }],
      ['reports', REPORTS, {}],
      ['request', REQUEST, { p: paymentId, r: '角色检查' }],
      ['decide', DECIDE, { id: 'no-such-request', a: true }],
    ];
    for (const [name, query, variables] of calls) {
      for (const who of ['pc-clerk', 'pc-editor'])
        expect([name, who, codeOf((await as(who, query, variables)).body)]).toEqual([
          name,
          who,
          'OPERATOR_ROLE_REQUIRED',
        ]);
      expect([name, codeOf((await bff.gql(query, variables)).body)]).toEqual([name, 'UNAUTHENTICATED']);
      expect([name, codeOf((await bff.gql(query, variables, session.accessToken)).body)]).toEqual([
        name,
        'UNAUTHENTICATED',
      ]);
    }
    expect((await as('pc-pub1', SEARCH)).body.errors).toBeUndefined();
    expect((await as('pc-admin', ONE, { id: paymentId })).body.errors).toBeUndefined();
    // Running a day's reconciliation again is the admin's alone.
    expect(codeOf((await as('pc-pub1', RUN, { d: chinaDay(Date.now()) })).body)).toBe('OPERATOR_ROLE_REQUIRED');
  });

  it('finds a payment by its application number, slip, receipt and status, and shows nothing of the payer', async () => {
    const { session, app, paymentId } = await paid();
    const person = (session as SignedIn & { person: { name: string; idNumber: string } }).person;
    const [found] = (await as('pc-pub1', SEARCH, { q: app.number.toLowerCase() })).body.data.consolePayments;
    expect(found).toMatchObject({
      id: paymentId,
      status: 'SETTLED',
      amount: '15.00',
      channel: 'WECHAT',
      subjectKind: 'APPLICATION',
      applicationNumber: app.number,
      slipNo: expect.any(String),
      receipt: { number: expect.any(String) },
    });
    expect(JSON.stringify(found)).not.toContain(person.name);
    expect(JSON.stringify(found)).not.toContain(person.idNumber.slice(-6));
    for (const q of [found.slipNo, found.receipt.number, found.paymentCode, paymentId]) {
      expect((await as('pc-pub1', SEARCH, { q })).body.data.consolePayments.map((p: { id: string }) => p.id)).toEqual([
        paymentId,
      ]);
    }
    const settled = (await as('pc-pub1', SEARCH, { s: 'SETTLED' })).body.data.consolePayments;
    expect(settled.every((p: { status: string }) => p.status === 'SETTLED')).toBe(true);
    expect(settled.map((p: { id: string }) => p.id)).toContain(paymentId);
    expect((await as('pc-pub1', SEARCH, { q: 'SQ0000000000000000' })).body.data.consolePayments).toEqual([]);
  });

  it('refunds only with a second operator: the one who asked cannot approve; audited; refunded once', async () => {
    const { session, app, paymentId } = await paid();
    const asked = await as('pc-pub1', REQUEST, { p: paymentId, r: '重复缴费，核实后退款' });
    expect(asked.body.data.requestPaymentRefund).toMatchObject({ status: 'PENDING', requestedBy: 'pc-pub1' });
    const requestId = asked.body.data.requestPaymentRefund.id;
    // Asking again while it is open is the same request.
    expect((await as('pc-admin', REQUEST, { p: paymentId, r: '另一个理由' })).body.data.requestPaymentRefund.id).toBe(
      requestId,
    );
    expect(codeOf((await as('pc-pub1', DECIDE, { id: requestId, a: true })).body)).toBe('REFUND_OWN_REQUEST');
    expect((await as('pc-pub2', DECIDE, { id: requestId, a: true })).body.data.decidePaymentRefund).toMatchObject({
      status: 'APPROVED',
      decidedBy: 'pc-pub2',
    });
    expect(codeOf((await as('pc-admin', DECIDE, { id: requestId, a: true })).body)).toBe('REFUND_REQUEST_CLOSED');

    const refunded = await waitFor(
      () => get(session, app.id),
      (a) => a.payment.status === 'REFUNDED',
    );
    expect(refunded.payment.status).toBe('REFUNDED');
    const detail = (await as('pc-pub1', ONE, { id: paymentId })).body.data.consolePayment;
    expect(detail).toMatchObject({
      status: 'REFUNDED',
      refundReason: 'OPERATOR',
      refundRequests: [{ id: requestId, status: 'APPROVED', requestedBy: 'pc-pub1', decidedBy: 'pc-pub2' }],
    });
    expect(codeOf((await as('pc-pub1', REQUEST, { p: paymentId, r: '再退一次' })).body)).toBe('REFUND_NOT_REFUNDABLE');
    expect((await order(paymentId)).refunds).toHaveLength(1);

    const audit = await bff.built.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('subject', '=', `payment:${paymentId}`)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { actor: 'operator:pc-pub1', action: 'payment.refund.request' },
      { actor: 'operator:pc-pub2', action: 'payment.refund.approve' },
    ]);
  });

  it('approves a refund once when 50 approvals arrive at the same moment', async () => {
    const { session, app, paymentId } = await paid();
    const requestId = (await as('pc-pub1', REQUEST, { p: paymentId, r: '并发批准测试' })).body.data.requestPaymentRefund
      .id;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => as(i % 2 ? 'pc-pub2' : 'pc-admin', DECIDE, { id: requestId, a: true })),
    );
    const approved = answers.filter((a) => a.body.data?.decidePaymentRefund?.status === 'APPROVED');
    expect(approved).toHaveLength(1);
    expect(answers.filter((a) => codeOf(a.body) === 'REFUND_REQUEST_CLOSED')).toHaveLength(49);
    await waitFor(
      () => get(session, app.id),
      (a) => a.payment.status === 'REFUNDED',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect((await order(paymentId)).refunds).toHaveLength(1);
    const approvals = await bff.built.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject', '=', `payment:${paymentId}`)
      .where('action', '=', 'payment.refund.approve')
      .execute();
    expect(approvals).toHaveLength(1);
  });

  it('reconciles a day with the finance bureau and finds a planted difference, also when the daily job runs', async () => {
    const kept = await paid();
    const planted = await paid();
    const today = chinaDay(Date.now());
    const slipOf = async (id: string) => (await as('pc-admin', ONE, { id })).body.data.consolePayment.slipNo as string;
    const [keptSlip, plantedSlip] = [await slipOf(kept.paymentId), await slipOf(planted.paymentId)];

    const clean = (await as('pc-admin', RUN, { d: today })).body.data.runPaymentReconciliation;
    expect(clean.ours).toBeGreaterThanOrEqual(2);
    expect(clean.differences.map((d: { slipNo: string }) => d.slipNo)).not.toContain(plantedSlip);

    // The finance bureau's record of one slip changes behind our back.
    await mock.json(`/finance/dev/slips/${plantedSlip}/amend`, {
      method: 'POST',
      body: JSON.stringify({ amountFen: 1 }),
    });
    const found = (await as('pc-admin', RUN, { d: today })).body.data.runPaymentReconciliation;
    expect(found.differences).toContainEqual({
      kind: 'AMOUNT',
      slipNo: plantedSlip,
      paymentId: planted.paymentId,
      ourAmountFen: 1500,
      theirAmountFen: 1,
    });
    expect(found.differences.map((d: { slipNo: string }) => d.slipNo)).not.toContain(keptSlip);

    // The leader's daily job: tomorrow from 02:00 China time it reconciles today by itself.
    await bff.built.database.db.deleteFrom('payment_reconciliations').where('day', '=', today).execute();
    const tomorrowThree = Date.parse(`${today}T03:00:00+08:00`) + 86_400_000;
    shiftMs = tomorrowThree - Date.now();
    await bff.built.services.reconciliation.runDue();
    shiftMs = 0;
    const reports = (await as('pc-pub1', REPORTS)).body.data.paymentReconciliations;
    const report = reports.find((r: { day: string }) => r.day === today);
    expect(report.differences).toContainEqual({
      kind: 'AMOUNT',
      slipNo: plantedSlip,
      paymentId: planted.paymentId,
      ourAmountFen: 1500,
      theirAmountFen: 1,
    });
  });
});
