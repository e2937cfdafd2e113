import { createHmac, randomBytes, randomUUID } from 'node:crypto';
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
 * 生活缴费 and traffic fines: a household account bound once (number and holder checked by
 * the company), the bill read from the company, paid through the payment flow for the
 * company's amount, marked paid by the company after our signed notice, receipted in
 * 我的票据 and Messages; a violation's fine paid and the violation handled when the traffic
 * police's feed says so. The company down: a clear error, nothing opened or charged.
 */
const ACCOUNT = 'id utility accountNoMasked holderMasked addressMasked';
const PAYMENT = 'id itemName itemNameEn amountFen amount status subjectKind receipt { number checkCode } applicationId';
const BIND = `mutation($u: Utility!, $a: String!, $h: String) { bindUtilityAccount(utility: $u, accountNo: $a, holderName: $h) { ${ACCOUNT} } }`;
const STATEMENT = `query($id: ID!) { utilityStatement(accountId: $id) { account { id } dueAmount due { billNo period amountFen amount status payment { id status } } history { billNo status } } }`;
const PAY_BILL = `mutation($id: ID!, $b: ID!) { payUtilityBill(accountId: $id, billNo: $b) { ${PAYMENT} } }`;
const PAY_FINE = `mutation($v: ID!) { payTrafficFine(violationId: $v) { ${PAYMENT} } }`;
const START = `mutation($p: ID!) { startPayment(paymentId: $p, channel: WECHAT) { wechat { package } payment { status } } }`;
const PAYMENT_Q = `query($id: ID!) { payment(id: $id) { ${PAYMENT} } }`;
const DRIVING = `query { myRecords { driving { violations { id fineCents handled payment { id status } } } } }`;

jest.setTimeout(120_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

const hmac = (k: string, text: string) => createHmac('sha256', k).update(text).digest('base64');
const billAt = async (utility: string, billNo: string) =>
  mock.json(`/${utility}/dev/bills/${billNo}`) as Promise<{ status: string; payment: { reports: number } | null }>;

describe.each(testDatabases())('living fees and fines on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '50',
      UPSTREAM_RETRIES: '0',
      UPSTREAM_TIMEOUT_MS: '5000',
      BREAKER_MIN_CALLS: '1000',
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 1200 : 1500);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => mock.resetFaults());

  /** A verified citizen who holds a water account with a bill due, and that account. */
  const waterHolder = async (): Promise<{
    session: SignedIn & { person: { idNumber: string; name: string } };
    accountNo: string;
    billNo: string;
    amountFen: number;
  }> => {
    for (let i = 0; i < 20; i++) {
      const session = await citizens.verified('WECHAT');
      const { accounts } = await mock.json(`/water/dev/accounts?holderIdNumber=${session.person.idNumber}`);
      const due = accounts[0]?.due[0];
      if (due) return { session, accountNo: accounts[0].accountNo, billNo: due.billNo, amountFen: due.amountFen };
    }
    throw new Error('no water account with a bill due among 20 people');
  };
  const pay = async (session: SignedIn, paymentId: string) => {
    const started = (await bff.gql(START, { p: paymentId }, session.accessToken)).body;
    expect(started.errors).toBeUndefined();
    const prepay = started.data.startPayment.wechat.package.slice('prepay_id='.length);
    await mock.json(`/wechat/dev/pay/${prepay}`, { method: 'POST', body: JSON.stringify({ outcome: 'paid' }) });
    return prepay as string;
  };
  const settled = (session: SignedIn, id: string) =>
    waitFor(
      async () => (await bff.gql(PAYMENT_Q, { id }, session.accessToken)).body.data.payment,
      (p) => p.status === 'SETTLED',
    );

  it("binds an account only with its number and its holder's name, masked; another citizen cannot read it", async () => {
    const { session, accountNo } = await waterHolder();
    const wrongNumber = `${accountNo.slice(0, -1)}${(Number(accountNo.slice(-1)) + 1) % 10}`;
    expect(code((await bff.gql(BIND, { u: 'WATER', a: wrongNumber }, session.accessToken)).body)).toBe(
      'UTILITY_ACCOUNT_NOT_FOUND',
    );
    expect(code((await bff.gql(BIND, { u: 'WATER', a: 'abc' }, session.accessToken)).body)).toBe('BAD_USER_INPUT');
    const mismatch = (await bff.gql(BIND, { u: 'WATER', a: accountNo, h: '王小明' }, session.accessToken)).body;
    expect(mismatch.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UTILITY_HOLDER_MISMATCH' }) }),
    ]);
    // The citizen's own name when none is given.
    const bound = (await bff.gql(BIND, { u: 'WATER', a: accountNo }, session.accessToken)).body;
    expect(bound.errors).toBeUndefined();
    const account = bound.data.bindUtilityAccount;
    expect(account.accountNoMasked).toBe(
      `${accountNo.slice(0, 4)}${'*'.repeat(accountNo.length - 8)}${accountNo.slice(-4)}`,
    );
    expect(account.holderMasked).toMatch(/^.\*+$/);
    expect(account.holderMasked.startsWith(session.person.name[0]!)).toBe(true);
    expect(JSON.stringify(bound)).not.toContain(accountNo);
    // Bound once: again gives the same account.
    expect(
      (await bff.gql(BIND, { u: 'WATER', a: accountNo }, session.accessToken)).body.data.bindUtilityAccount.id,
    ).toBe(account.id);
    // The number is encrypted at rest.
    const row = await bff.built.services.db
      .selectFrom('utility_accounts')
      .selectAll()
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(accountNo);

    // Someone else: their household's account binds only with that holder's full name; my bound account is not theirs to read or pay.
    const other = await citizens.verified('WECHAT');
    expect(code((await bff.gql(BIND, { u: 'WATER', a: accountNo }, other.accessToken)).body)).toBe(
      'UTILITY_HOLDER_MISMATCH',
    );
    expect(code((await bff.gql(STATEMENT, { id: account.id }, other.accessToken)).body)).toBe('NOT_FOUND');
    expect(code((await bff.gql(PAY_BILL, { id: account.id, b: 'WB0' }, other.accessToken)).body)).toBe('NOT_FOUND');
    const family = (await bff.gql(BIND, { u: 'WATER', a: accountNo, h: session.person.name }, other.accessToken)).body;
    expect(family.data.bindUtilityAccount.id).not.toBe(account.id);
    expect(
      (await bff.gql('query { myUtilityAccounts(utility: WATER) { id } }', {}, other.accessToken)).body.data
        .myUtilityAccounts,
    ).toHaveLength(1);
  });

  it("pays the bill once, for the company's amount: the company marks it paid after our signed notice; receipt in 我的票据 and Messages", async () => {
    const { session, accountNo, billNo, amountFen } = await waterHolder();
    const account = (await bff.gql(BIND, { u: 'WATER', a: accountNo }, session.accessToken)).body.data
      .bindUtilityAccount;
    const statement = (await bff.gql(STATEMENT, { id: account.id }, session.accessToken)).body.data.utilityStatement;
    expect(statement.due).toEqual([expect.objectContaining({ billNo, amountFen, status: 'UNPAID', payment: null })]);
    expect(statement.history).toHaveLength(12);
    expect(statement.dueAmount).toBe((amountFen / 100).toFixed(2));

    // Two taps open one payment, for the company's amount.
    const [a, b] = await Promise.all([
      bff.gql(PAY_BILL, { id: account.id, b: billNo }, session.accessToken),
      bff.gql(PAY_BILL, { id: account.id, b: billNo }, session.accessToken),
    ]);
    const payment = a.body.data.payUtilityBill;
    expect(b.body.data.payUtilityBill.id).toBe(payment.id);
    expect(payment).toMatchObject({ amountFen, status: 'UNPAID', subjectKind: 'UTILITY_BILL', applicationId: null });
    // Named for both languages: the period and the masked account in each.
    expect(payment.itemName).toMatch(/^水费 \d{4}-\d{2}（户号\d{4}\*+\d{4}）$/);
    expect(payment.itemNameEn).toBe(
      payment.itemName.replace('水费', 'Water bill').replace('（户号', ' (account ').replace('）', ')'),
    );

    // A notification signed right but for another amount is refused; the payment stays unpaid.
    const forged = JSON.stringify({
      id: randomUUID(),
      event_type: 'TRANSACTION.SUCCESS',
      resource: {
        out_trade_no: payment.id,
        transaction_id: `4200${Date.now()}`,
        trade_state: 'SUCCESS',
        success_time: new Date().toISOString(),
        amount: { total: 1 },
      },
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const refused = await fetch(`${bff.url}/payments/notify/wechat`, {
      method: 'POST',
      body: forged,
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': ts,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': hmac('wechat-pay-dev-key', `${ts}\n${nonce}\n${forged}\n`),
      },
    });
    expect(refused.status).not.toBe(200);
    expect((await bff.gql(PAYMENT_Q, { id: payment.id }, session.accessToken)).body.data.payment.status).toBe('UNPAID');
    expect((await billAt('water', billNo)).status).toBe('UNPAID');

    const prepay = await pay(session, payment.id);
    const done = await settled(session, payment.id);
    expect(done.receipt.number).toMatch(/^31\d{14}$/);
    const atCompany = await billAt('water', billNo);
    expect(atCompany.status).toBe('PAID');
    expect(atCompany.payment!.reports).toBe(1);

    // The same notification again changes nothing; the company hears of it once.
    const again = await mock.json(`/wechat/dev/notify/${prepay}`, { method: 'POST' });
    expect(again.acked).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect((await billAt('water', billNo)).payment!.reports).toBe(1);
    expect(code((await bff.gql(PAY_BILL, { id: account.id, b: billNo }, session.accessToken)).body)).toBe(
      'UTILITY_BILL_NOT_DUE',
    );
    const after = (await bff.gql(STATEMENT, { id: account.id }, session.accessToken)).body.data.utilityStatement;
    expect(after.due).toEqual([]);
    expect(after.history[0]).toMatchObject({ billNo, status: 'PAID' });

    const receipts = (
      await bff.gql('query { myReceipts { id subjectKind receipt { number } } }', {}, session.accessToken)
    ).body.data.myReceipts;
    expect(receipts).toEqual([
      { id: payment.id, subjectKind: 'UTILITY_BILL', receipt: { number: done.receipt.number } },
    ]);
    const messages = (
      await bff.gql('query { myMessages(first: 50) { items { title body } } }', {}, session.accessToken)
    ).body.data.myMessages.items.filter((m: { title: string }) => m.title === '缴费成功');
    expect(messages).toHaveLength(1);
    expect(messages[0].body).toContain(done.receipt.number);
  });

  it('the company down: a clear error naming it, no payment opened, nothing charged; a failed check is not counted', async () => {
    const { session, accountNo, billNo } = await waterHolder();
    const account = (await bff.gql(BIND, { u: 'WATER', a: accountNo }, session.accessToken)).body.data
      .bindUtilityAccount;
    await mock.fault('water', { mode: 'down' });
    const statement = (await bff.gql(STATEMENT, { id: account.id }, session.accessToken)).body;
    expect(code(statement)).toBe('AGENCY_UNAVAILABLE');
    expect(statement.errors![0]!.extensions!.agency).toBe('water');
    expect(code((await bff.gql(PAY_BILL, { id: account.id, b: billNo }, session.accessToken)).body)).toBe(
      'AGENCY_UNAVAILABLE',
    );
    expect(
      code((await bff.gql(BIND, { u: 'WATER', a: `${accountNo.slice(0, -2)}00` }, session.accessToken)).body),
    ).toBe('AGENCY_UNAVAILABLE');
    const opened = await bff.built.services.db
      .selectFrom('payments')
      .select('id')
      .where('subject_kind', '=', 'UTILITY_BILL')
      .where(
        'citizen_id',
        '=',
        (
          await bff.built.services.db
            .selectFrom('utility_accounts')
            .select('citizen_id')
            .where('id', '=', account.id)
            .executeTakeFirstOrThrow()
        ).citizen_id,
      )
      .execute();
    expect(opened).toEqual([]);
    await mock.resetFaults();
    expect((await billAt('water', billNo)).status).toBe('UNPAID');
    // The other companies answer as usual (one agency down degrades one part).
    expect(
      (await bff.gql('query { myUtilityAccounts { id } }', {}, session.accessToken)).body.data.myUtilityAccounts,
    ).toHaveLength(1);
  });

  it('failed account checks: 50 at once, 10 reach the company, the rest are refused by the daily limit', async () => {
    const { session, accountNo } = await waterHolder();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => bff.gql(BIND, { u: 'WATER', a: accountNo, h: '错误姓名' }, session.accessToken)),
    );
    const codes = answers.map((r) => code(r.body));
    if (codes.filter((c) => c === 'UTILITY_BIND_LIMIT').length !== 40)
      throw new Error(JSON.stringify(answers.map((r) => r.body.errors?.[0]?.message)));
    expect(codes.filter((c) => c === 'UTILITY_HOLDER_MISMATCH')).toHaveLength(10);
    expect(codes.filter((c) => c === 'UTILITY_BIND_LIMIT')).toHaveLength(40);
    // Even the right name waits until tomorrow.
    expect(code((await bff.gql(BIND, { u: 'WATER', a: accountNo }, session.accessToken)).body)).toBe(
      'UTILITY_BIND_LIMIT',
    );
  });

  it("pays an unhandled violation's fine for the traffic police's amount; it shows handled when their feed says so", async () => {
    let found: { session: SignedIn; violation: { id: string; fineCents: number } } | null = null;
    for (let i = 0; i < 40 && !found; i++) {
      const session = await citizens.verified('WECHAT');
      const driving = (await bff.gql(DRIVING, {}, session.accessToken)).body.data?.myRecords.driving;
      const open = driving?.violations.find(
        (v: { handled: boolean; fineCents: number }) => !v.handled && v.fineCents > 0,
      );
      if (open) found = { session, violation: open };
    }
    if (!found) throw new Error('no one with an unhandled violation among 40 people');
    const { session, violation } = found;
    expect(violation).toMatchObject({ payment: null });
    const payment = (await bff.gql(PAY_FINE, { v: violation.id }, session.accessToken)).body.data.payTrafficFine;
    expect(payment).toMatchObject({ amountFen: violation.fineCents, subjectKind: 'TRAFFIC_FINE', status: 'UNPAID' });
    expect(payment.itemNameEn).toBe(payment.itemName.replace('交通违法罚款（', 'Traffic fine (').replace('）', ')'));
    expect(payment.itemNameEn).toMatch(/^Traffic fine \(.+\)$/);
    // Not someone else's violation.
    const other = await citizens.verified('WECHAT');
    expect(code((await bff.gql(PAY_FINE, { v: violation.id }, other.accessToken)).body)).toBe('FINE_NOT_PAYABLE');

    await pay(session, payment.id);
    await settled(session, payment.id);
    const handled = (await bff.gql(DRIVING, {}, session.accessToken)).body.data.myRecords.driving.violations.find(
      (v: { id: string }) => v.id === violation.id,
    );
    expect(handled).toMatchObject({ handled: true, payment: { id: payment.id, status: 'SETTLED' } });
    expect(code((await bff.gql(PAY_FINE, { v: violation.id }, session.accessToken)).body)).toBe('FINE_NOT_PAYABLE');
  });
});
