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
import { payEndorsement, submitEndorsement } from './endorsement';

/**
 * withdrawApplication (issue 16): the citizen takes an application back before a
 * department decides. The withdrawal goes to the department through the outbox; whichever
 * of the withdrawal and a decision reaches the department first wins, and the citizen is
 * told which; a paid fee comes back. Both orders of the race, on SQLite and PostgreSQL.
 */
const APP = `id number status canWithdraw withdrawal { requestedAt outcome } payment { id status refundedAt } departments { status receiptNo } timeline { status note }`;
const GET = `query($id: ID!) { application(id: $id) { ${APP} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawApplication(applicationId: $id) { ${APP} } }`;
const MESSAGES = `query { myMessages(first: 50) { items { title body } } }`;

jest.setTimeout(90_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

type Withdrawal = { reference: string; deliveries: number };
const withdrawalsAt = async (reference: string) =>
  ((await mock.json('/exit-entry/dev/withdrawals')).withdrawals as Withdrawal[]).filter(
    (w) => w.reference === reference,
  );
const casesAt = async (reference: string) =>
  (await mock.json(`/exit-entry/dev/applications?reference=${reference}`)).applications as Array<{
    status: string;
    withdrawnAt: string | null;
  }>;
const decide = (reference: string, status: string) =>
  fetch(`${mock.url}/exit-entry/dev/applications/${reference}/decide`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status, reason: status === 'REJECTED' ? '材料不符' : undefined }),
  });

describe.each(testDatabases())('withdrawing an application on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  const errorOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '50',
      DEPARTMENT_POLL_MS: '100',
      UPSTREAM_RETRIES: '0',
      UPSTREAM_TIMEOUT_MS: '5000',
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 0 : 120, 'permit');
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => mock.resetFaults());

  const get = async (session: SignedIn, id: string) =>
    (await bff.gql(GET, { id }, session.accessToken)).body.data?.application;
  const submit = () => submitEndorsement(bff, citizens, APP);
  /** Submitted and paid: settled, handed to the exit-entry bureau, received there. */
  const paidAndReceived = async () => {
    const { session, app } = await submit();
    const received = await payEndorsement(
      bff,
      mock,
      session,
      app.payment.id,
      () => get(session, app.id),
      (a) => a.payment.status === 'SETTLED' && a.departments[0].receiptNo !== null,
    );
    expect(received.canWithdraw).toBe(true);
    return { session, app: received };
  };
  const withdraw = async (session: SignedIn, id: string) => (await bff.gql(WITHDRAW, { id }, session.accessToken)).body;

  it('withdraws a received application at the department, once, and refunds its fee', async () => {
    const { session, app } = await paidAndReceived();
    const asked = await withdraw(session, app.id);
    expect(asked.errors).toBeUndefined();
    expect(asked.data.withdrawApplication).toMatchObject({
      canWithdraw: false,
      withdrawal: { requestedAt: expect.any(String) },
    });
    // Asking again (a double tap, a second device) is the same withdrawal.
    expect((await withdraw(session, app.id)).errors).toBeUndefined();

    const done = await waitFor(
      () => get(session, app.id),
      (a) => a.status === 'WITHDRAWN' && a.payment.status === 'REFUNDED',
    );
    expect(done.withdrawal.outcome).toBe('WITHDRAWN');
    expect(done.departments[0].status).toBe('WITHDRAWN');
    expect(done.timeline.map((e: { note: string | null }) => e.note)).toContain('已申请撤回，等待部门确认');
    expect(done.timeline.at(-1).status).toBe('WITHDRAWN');
    expect(await withdrawalsAt(app.number)).toEqual([expect.objectContaining({ deliveries: 1 })]);
    expect((await casesAt(app.number))[0]!.withdrawnAt).not.toBeNull();
    // The department takes no decision after it: the officer is refused.
    expect((await decide(app.number, 'APPROVED')).status).toBe(409);
    const titles = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items.map(
      (m: { title: string }) => m.title,
    );
    expect(titles).toEqual(expect.arrayContaining(['往来港澳签注已撤回', '费用已退回']));
    // Finished: nothing more to withdraw.
    expect(errorOf(await withdraw(session, app.id))).toBeUndefined();
  });

  it('withdraws an unpaid application at once: nothing had reached a department', async () => {
    const { session, app } = await submit();
    expect(app.status).toBe('AWAITING_PAYMENT');
    const asked = await withdraw(session, app.id);
    expect(asked.data.withdrawApplication).toMatchObject({
      status: 'WITHDRAWN',
      withdrawal: { outcome: 'WITHDRAWN' },
      canWithdraw: false,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await withdrawalsAt(app.number)).toEqual([]);
    expect(await casesAt(app.number)).toEqual([]);
  });

  it('refuses once the department has decided, and refuses another citizen', async () => {
    const { session, app } = await paidAndReceived();
    expect((await decide(app.number, 'APPROVED')).status).toBe(200);
    await waitFor(
      () => get(session, app.id),
      (a) => a.status === 'APPROVED' && a.canWithdraw === false,
    );
    expect(errorOf(await withdraw(session, app.id))).toMatchObject({
      code: 'APPLICATION_ALREADY_DECIDED',
      status: 'APPROVED',
    });

    const other = await paidAndReceived();
    expect(errorOf(await withdraw(session, other.app.id))?.code).toBe('NOT_FOUND');
    expect((await get(other.session, other.app.id)).withdrawal).toBeNull();
  });

  it('race, the decision first: a decision already on its way to the department wins over the withdrawal asked meanwhile', async () => {
    const { session, app } = await paidAndReceived();
    // Everything to the bureau takes 800 ms: the officer's decision leaves now, the withdrawal a moment later.
    await mock.fault('exit-entry', { latencyMs: 800 });
    const decision = decide(app.number, 'REJECTED');
    await new Promise((r) => setTimeout(r, 20));
    const asked = await withdraw(session, app.id);
    // Nothing was known yet: the withdrawal is asked for and under way.
    expect(asked.data.withdrawApplication).toMatchObject({ withdrawal: { outcome: null }, canWithdraw: false });
    expect((await decision).status).toBe(200);

    const settled = await waitFor(
      () => get(session, app.id),
      (a) => a.withdrawal.outcome === 'DECIDED_FIRST' && a.status === 'REJECTED',
      20_000,
    );
    expect(settled.departments[0].status).toBe('REJECTED');
    // The bureau refused the withdrawal (409): decided already.
    expect(await withdrawalsAt(app.number)).toEqual([]);
    // The citizen is told which won; the rejection refunds the fee (once).
    const titles = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items.map(
      (m: { title: string }) => m.title,
    );
    expect(titles).toEqual(expect.arrayContaining(['往来港澳签注撤回未生效', '往来港澳签注未通过']));
    await waitFor(
      () => get(session, app.id),
      (a) => a.payment.status === 'REFUNDED',
      20_000,
    );
    expect(titles.filter((t: string) => t === '往来港澳签注撤回未生效')).toHaveLength(1);
  });

  it('race, the withdrawal first: a decision sent while the withdrawal is on its way is refused by the department', async () => {
    const { session, app } = await paidAndReceived();
    await mock.fault('exit-entry', { latencyMs: 800 });
    const asked = await withdraw(session, app.id);
    expect(asked.data.withdrawApplication.withdrawal.outcome).toBeNull();
    // The outbox sends within 50 ms; the officer decides 300 ms later, before our answer is back.
    await new Promise((r) => setTimeout(r, 300));
    const decision = await decide(app.number, 'APPROVED');
    expect(decision.status).toBe(409);

    const done = await waitFor(
      () => get(session, app.id),
      (a) => a.status === 'WITHDRAWN' && a.payment.status === 'REFUNDED',
      20_000,
    );
    expect(done.withdrawal.outcome).toBe('WITHDRAWN');
    expect((await casesAt(app.number))[0]!.status).toBe('RECEIVED');
    const titles = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items.map(
      (m: { title: string }) => m.title,
    );
    expect(titles).not.toContain('往来港澳签注撤回未生效');
  });
});
