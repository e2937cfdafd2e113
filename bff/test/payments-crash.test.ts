import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { jpegWithGps } from '../../test-support/images';
import { REPO } from '../../test-support/stack';
import { Citizens, startMockData, testDatabases, waitFor, type MockData, type RunningBff } from './helpers';

/**
 * A real BFF process is killed (SIGKILL) after the platform's payment notification was
 * acknowledged and while the hand-off to the department is in flight; a new process on
 * the same database finishes the job. The department gets the application exactly
 * once, the finance bureau is told once, the citizen gets one receipt, and the
 * platform's repeated notification to the new process changes nothing.
 */
const SUBMIT = `mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number status payment { id } } }`;
const GET = `query($id: ID!) { application(id: $id) { status payment { status receipt { number } } } }`;
const START = `mutation($p: ID!) { startPayment(paymentId: $p, channel: WECHAT) { wechat { package } } }`;
const MESSAGES = `query { myMessages(first: 50) { items { title } } }`;

function startBff(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bff/src/server.ts'], {
      cwd: REPO,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/bff listening on (http:\/\/[\d.:]+)/);
      if (match) resolve({ url: match[1]!, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`bff exited with ${code}:\n${output}`)));
  });
}

const client = (url: string) => ({
  url,
  async gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  },
});

jest.setTimeout(90_000);

let mock: MockData;
const children: ChildProcess[] = [];
beforeAll(async () => {
  // The department answers slowly, so the hand-off is in flight when the process dies.
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0', MOCK_FAULTS: 'exit-entry=latency:1500' });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await mock.stop();
});

describe.each(testDatabases())('a payment survives a crash on $name', (database) => {
  afterAll(() => database.cleanup());

  it('hands the paid application to its department exactly once when the BFF is killed between the notification and the hand-off', async () => {
    const env = {
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '50',
      OUTBOX_LEASE_MS: '1500',
      DEPARTMENT_POLL_MS: '200',
      UPSTREAM_RETRIES: '0',
      UPSTREAM_TIMEOUT_MS: '5000',
      REQUEST_DEADLINE_MS: '10000',
    };
    // (A 10 s read deadline: on a busy machine the exit-entry bureau missed the form's 1.5 s, the test typed the
    // permit number the form then lacked, and the submission, reading it in time, refused it as FORM_FIELD_LOCKED.)
    const first = await startBff(env);
    children.push(first.child);
    const api = client(first.url);
    const citizens = new Citizens(
      api as unknown as RunningBff,
      mock,
      database.name === 'sqlite' ? 900 : 950,
      'social-insurance',
    );
    const session = await citizens.faceVerified();
    await citizens.bindPhone(session, `136${String(Date.now()).slice(-8)}`);
    const upload = await fetch(`${first.url}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpegWithGps()),
    });
    const photo = ((await upload.json()) as { id: string }).id;
    const form = (
      await api.gql(
        `query { applicationForm(serviceId: "hk-macao-endorsement") { licences { id kind } prefilled { fieldId } } }`,
        {},
        session.accessToken,
      )
    ).body.data.applicationForm;
    const idCard = form.licences.find((l: { kind: string }) => l.kind === 'ID_CARD').id;
    const answers: Record<string, string> = {
      idCard,
      permitNumber: 'C12345678',
      endorsementType: 'tourism',
      visits: '1',
      photo,
    };
    // What the exit-entry bureau holds (the permit number of someone who has one) is filled in by the server.
    for (const { fieldId } of form.prefilled as Array<{ fieldId: string }>) delete answers[fieldId];
    expect(upload.status).toBe(201);
    const submitted = await api.gql(
      SUBMIT,
      { s: 'hk-macao-endorsement', a: answers, k: `crash-${randomUUID()}` },
      session.accessToken,
    );
    // Said whole when it fails (a CI run once got no application here, and nothing else).
    expect(submitted.body.errors).toBeUndefined();
    const app = submitted.body.data.submitApplication;
    expect(app.status).toBe('AWAITING_PAYMENT');
    const ref = (
      await api.gql(START, { p: app.payment.id }, session.accessToken)
    ).body.data.startPayment.wechat.package.slice('prepay_id='.length);

    // Paid: the notification is acknowledged by the first process, which then dies mid-hand-off.
    const paid = await mock.json(`/wechat/dev/pay/${ref}`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'paid' }),
    });
    expect(paid.notified).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startBff(env);
    children.push(second.child);
    const api2 = client(second.url);
    // The platform, not having heard (as far as it knows), notifies again: the new process acknowledges and changes nothing.
    const body = JSON.stringify({
      id: randomUUID(),
      event_type: 'TRANSACTION.SUCCESS',
      resource: {
        out_trade_no: app.payment.id,
        transaction_id: (await mock.json('/wechat/dev/orders')).orders.find((o: { ref: string }) => o.ref === ref)
          .transactionId,
        trade_state: 'SUCCESS',
        success_time: new Date().toISOString(),
        amount: { total: 1500 },
      },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const signature = createHmac('sha256', 'wechat-pay-dev-key')
      .update(`${timestamp}\n${nonce}\n${body}\n`)
      .digest('base64');
    const again = await fetch(`${second.url}/payments/notify/wechat`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonce,
        'wechatpay-signature': signature,
      },
      body,
    });
    expect(again.status).toBe(204);

    const done = await waitFor(
      () => api2.gql(GET, { id: app.id }, session.accessToken).then((r) => r.body.data.application),
      (a) => a.status === 'SUBMITTED' && a.payment.status === 'SETTLED',
      30_000,
    );
    expect(done.payment.receipt.number).toMatch(/^\d{14}$/);
    const cases = await waitFor(
      async () => (await mock.json(`/exit-entry/dev/applications?reference=${app.number}`)).applications as unknown[],
      (c) => c.length >= 1,
      30_000,
    );
    // Give a second hand-off every chance to happen, then count: one case.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await mock.json(`/exit-entry/dev/applications?reference=${app.number}`)).applications).toHaveLength(
      cases.length,
    );
    expect(cases).toHaveLength(1);
    const slip = (await mock.json('/finance/dev/slips')).slips.find(
      (s: { reference: string }) => s.reference === app.id,
    );
    // One receipt at the bureau (a report repeated after the crash is answered with the same one).
    expect(slip).toMatchObject({ status: 'PAID', receipt: { receiptNo: done.payment.receipt.number } });
    const receipts = (await api2.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items.filter(
      (m: { title: string }) => m.title === '缴费成功',
    );
    expect(receipts).toHaveLength(1);
    second.child.kill('SIGKILL');
  });
});
