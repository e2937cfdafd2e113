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
 * Paying an application's fee: computed on the server, opened at the finance bureau and
 * on the platform, marked paid only by the platform's signed notification, receipted by
 * the finance bureau, and only then handed to the department — once. Expiry, refunds,
 * forged and repeated notifications, and the finance bureau down.
 */
const FORM = `query($s: ID!) { applicationForm(serviceId: $s) { licences { id kind } prefilled { fieldId } choices { fieldId options { value } } } }`;
const PAYMENT_FIELDS = `id itemName itemNameEn amountFen amount status paymentCode expiresAt channel paidAt receipt { number checkCode issuedAt } refundedAt`;
const APP = `id number status statusReason payment { ${PAYMENT_FIELDS} } departments { receiptNo } timeline { status note }`;
const SUBMIT = `mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { ${APP} } }`;
const GET = `query($id: ID!) { application(id: $id) { ${APP} } }`;
const START = `mutation($p: ID!, $c: PaymentChannel!, $r: String) { startPayment(paymentId: $p, channel: $c, returnUrl: $r) {
  channel payment { ${PAYMENT_FIELDS} } wechat { timeStamp nonceStr package signType paySign } alipayTradeNo baiduOrderInfo cashierUrl } }`;
const MESSAGES = `query { myMessages(first: 50) { items { title body link } } }`;

jest.setTimeout(60_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

let keys = 0;
const key = () => `pay-${process.pid}-${Date.now()}-${++keys}`;
const hmac = (k: string, text: string) => createHmac('sha256', k).update(text).digest('base64');
const casesAt = async (reference: string) =>
  (await mock.json(`/exit-entry/dev/applications?reference=${reference}`)).applications as Array<{
    deliveries: number;
    status: string;
  }>;
const order = async (platform: string, ref: string) =>
  (
    (await mock.json(`/${platform}/dev/orders`)).orders as Array<{
      ref: string;
      outTradeNo: string;
      refunds: Array<{ requests: number }>;
      notifications: { attempts: number };
    }>
  ).find((o) => o.ref === ref || o.outTradeNo === ref)!;
const slip = async (slipFor: string) =>
  (
    (await mock.json('/finance/dev/slips')).slips as Array<{
      reference: string;
      status: string;
      amountFen: number;
      payment: { reports: number } | null;
      refund: unknown;
    }>
  ).find((s) => s.reference === slipFor);

/** A WeChat Pay notification as the platform writes it, signed with `signKey`. */
function wechatNotice(
  outTradeNo: string,
  total: number,
  signKey = 'wechat-pay-dev-key',
  tamper?: (body: string) => string,
) {
  const body = JSON.stringify({
    id: randomUUID(),
    event_type: 'TRANSACTION.SUCCESS',
    resource: {
      out_trade_no: outTradeNo,
      transaction_id: `4200${Date.now()}`,
      trade_state: 'SUCCESS',
      success_time: new Date().toISOString(),
      amount: { total },
    },
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  const signature = hmac(signKey, `${timestamp}\n${nonce}\n${body}\n`);
  return {
    body: tamper ? tamper(body) : body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-signature': signature,
    },
  };
}

describe.each(testDatabases())('paying fees on $name', (database) => {
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
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 300 : 600, 'social-insurance');
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => mock.resetFaults());

  const get = async (session: SignedIn, id: string) =>
    (await bff.gql(GET, { id }, session.accessToken)).body.data?.application;
  /** Submits the HK/Macao endorsement (15 yuan per endorsement, `visits` of them) as a fresh level-3 citizen. */
  const endorsement = async (platform: 'WECHAT' | 'ALIPAY' | 'BAIDU' | 'H5' = 'WECHAT', visits = '2') => {
    const session = await citizens.faceVerified(platform);
    await citizens.bindPhone(session, `139${String(Date.now() + ++keys).slice(-8)}`);
    const form = (await bff.gql(FORM, { s: 'hk-macao-endorsement' }, session.accessToken)).body.data.applicationForm;
    const idCard = form.licences.find((l: { kind: string }) => l.kind === 'ID_CARD').id;
    const answers: Record<string, string> = { idCard, permitNumber: 'C12345678', endorsementType: 'tourism', visits };
    // What the exit-entry bureau holds (the permit and its certified photo, issue 19) is filled in by the server; of several, the first is chosen.
    for (const { fieldId } of form.prefilled as Array<{ fieldId: string }>) delete answers[fieldId];
    for (const choice of form.choices as Array<{ fieldId: string; options: Array<{ value: string }> }>) {
      answers[choice.fieldId] = choice.options[0]!.value;
      if (choice.fieldId === 'permit') delete answers.permitNumber;
    }
    const { body } = await bff.gql(SUBMIT, { s: 'hk-macao-endorsement', a: answers, k: key() }, session.accessToken);
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return { session, app: body.data.submitApplication };
  };
  const start = async (session: SignedIn, paymentId: string, channel: string, returnUrl?: string) =>
    (await bff.gql(START, { p: paymentId, c: channel, r: returnUrl ?? null }, session.accessToken)).body;
  const settled = (session: SignedIn, id: string) =>
    waitFor(
      () => get(session, id),
      (a) => a.payment.status === 'SETTLED' && a.status === 'SUBMITTED',
    );
  const notify = (body: string, headers: Record<string, string>) =>
    fetch(`${bff.url}/payments/notify/wechat`, { method: 'POST', headers, body });

  it('computes the fee on the server, waits for payment, and hands off only once the notification and the receipt are in (WeChat)', async () => {
    const { session, app } = await endorsement('WECHAT', '2');
    expect(app.status).toBe('AWAITING_PAYMENT');
    expect(app.payment).toMatchObject({
      amountFen: 3000,
      amount: '30.00',
      status: 'UNPAID',
      itemName: '往来港澳通行证签注费',
      itemNameEn: 'HK and Macao permit endorsement fee',
      receipt: null,
    });
    expect(app.timeline.map((e: { status: string }) => e.status)).toEqual(['AWAITING_PAYMENT']);

    const started = await start(session, app.payment.id, 'WECHAT');
    expect(started.errors).toBeUndefined();
    const { wechat, payment } = started.data.startPayment;
    expect(payment.paymentCode).toMatch(/^\d{20}$/);
    expect(wechat.package).toMatch(/^prepay_id=wx/);
    // The client-side parameters are signed by the server with the merchant key.
    expect(wechat.paySign).toBe(
      hmac('wechat-pay-dev-key', `wx-citizen-dev\n${wechat.timeStamp}\n${wechat.nonceStr}\n${wechat.package}\n`),
    );
    // Nothing reached the department while unpaid.
    await new Promise((r) => setTimeout(r, 300));
    expect(await casesAt(app.number)).toHaveLength(0);

    // The buyer pays; the platform's notification arrives before the client's wx.requestPayment returns.
    const paid = await mock.json(`/wechat/dev/pay/${wechat.package.slice('prepay_id='.length)}`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'paid' }),
    });
    expect(paid.notified).toBe(true);
    expect(['PAID', 'SETTLED']).toContain((await get(session, app.id)).payment.status);

    const done = await settled(session, app.id);
    expect(done.payment).toMatchObject({
      status: 'SETTLED',
      channel: 'WECHAT',
      receipt: { number: expect.stringMatching(/^\d{14}$/), checkCode: expect.stringMatching(/^\d{6}$/) },
    });
    const [handed] = await waitFor(
      () => casesAt(app.number),
      (c) => c.length === 1,
    );
    expect(handed!.deliveries).toBe(1);
    const messages = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items;
    expect(messages.find((m: { title: string }) => m.title === '缴费成功').body).toContain(done.payment.receipt.number);

    // Paying again is refused; the same notification again changes nothing and is acknowledged.
    expect(errorOf(await start(session, app.payment.id, 'WECHAT'))?.code).toBe('PAYMENT_WRONG_STATE');
    const again = await mock.json(`/wechat/dev/notify/${wechat.package.slice('prepay_id='.length)}`, {
      method: 'POST',
    });
    expect(again.acked).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect((await casesAt(app.number))[0]!.deliveries).toBe(1);
    expect((await slip(app.id))!.payment!.reports).toBe(1);
    const receipts = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items.filter(
      (m: { title: string }) => m.title === '缴费成功',
    );
    expect(receipts).toHaveLength(1);
    // Kept in 我的票据, with the application it paid for.
    const kept = (
      await bff.gql(`query { myReceipts { id applicationId status receipt { number } } }`, {}, session.accessToken)
    ).body.data.myReceipts;
    expect(kept).toEqual([
      {
        id: app.payment.id,
        applicationId: app.id,
        status: 'SETTLED',
        receipt: { number: done.payment.receipt.number },
      },
    ]);
  });

  it.each([['ALIPAY'], ['BAIDU'], ['H5']] as const)('pays on %s', async (channel) => {
    const { session, app } = await endorsement(channel === 'H5' ? 'WECHAT' : channel, '1');
    expect(app.payment.amountFen).toBe(1500);
    const started = await start(
      session,
      app.payment.id,
      channel,
      channel === 'H5' ? 'http://127.0.0.1:4000/#/pages/payment/index' : undefined,
    );
    expect(started.errors).toBeUndefined();
    const s = started.data.startPayment;
    let platform = 'wechat';
    let ref: string;
    if (channel === 'ALIPAY') {
      platform = 'alipay';
      ref = s.alipayTradeNo;
    } else if (channel === 'BAIDU') {
      platform = 'baidu';
      ref = JSON.parse(s.baiduOrderInfo).dealId;
    } else {
      // The H5 cashier: a page with the amount and a pay button.
      const page = await fetch(s.cashierUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('¥15.00');
      ref = new URL(s.cashierUrl).pathname.split('/').pop()!;
    }
    await mock.json(`/${platform}/dev/pay/${ref}`, { method: 'POST', body: JSON.stringify({ outcome: 'paid' }) });
    const done = await settled(session, app.id);
    expect(done.payment.channel).toBe(channel);
    await waitFor(
      () => casesAt(app.number),
      (c) => c.length === 1,
    );
  });

  it('takes no word but the notification: a client that says "paid" without one leaves it unpaid; a late notification then settles it', async () => {
    const { session, app } = await endorsement();
    const { wechat } = (await start(session, app.payment.id, 'WECHAT')).data.startPayment;
    const ref = wechat.package.slice('prepay_id='.length);
    await mock.json(`/wechat/dev/pay/${ref}`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'paid', notify: 'hold' }),
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await get(session, app.id)).payment.status).toBe('UNPAID');
    expect(await casesAt(app.number)).toHaveLength(0);
    await mock.json(`/wechat/dev/notify/${ref}`, { method: 'POST' });
    await settled(session, app.id);
  });

  it('refuses forged notifications: a wrong signature, a tampered amount, an amount not ours, an unknown payment', async () => {
    const { session, app } = await endorsement('WECHAT', '1');
    await start(session, app.payment.id, 'WECHAT');
    const id = app.payment.id as string;
    const forged = [
      wechatNotice(id, 1500, 'not-the-key'),
      wechatNotice(id, 1500, undefined, (body) => body.replace('"total":1500', '"total":1')),
      wechatNotice(id, 1),
      wechatNotice('0123456789abcdef0123456789abcdef', 1500),
      wechatNotice('not-even-an-id', 1500),
    ];
    for (const [i, notice] of forged.entries()) {
      const response = await notify(notice.body, { ...notice.headers, 'x-request-id': `forged-notice-${i}` });
      expect(response.status).toBe(400);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect((await get(session, app.id)).payment.status).toBe('UNPAID');
    expect(await casesAt(app.number)).toHaveLength(0);
    // Nothing of the notifications' content reached the log as personal data, and each refusal is there.
    expect(bff.logs.filter((l) => l.includes('payment notification')).length).toBeGreaterThanOrEqual(forged.length);
    // Each refusal's line carries the id of the request it refused, as the platform sent it.
    for (const i of forged.keys())
      expect(
        bff.logs.some((l) => l.includes('payment notification') && l.includes(`"requestId":"forged-notice-${i}"`)),
      ).toBe(true);
    // A genuine one, sent twice at once, is applied once.
    const genuine = wechatNotice(id, 1500);
    const twice = await Promise.all([notify(genuine.body, genuine.headers), notify(genuine.body, genuine.headers)]);
    expect(twice.map((r) => r.status)).toEqual([204, 204]);
    await settled(session, app.id);
    const [handed] = await waitFor(
      () => casesAt(app.number),
      (c) => c.length === 1,
    );
    expect(handed!.deliveries).toBe(1);
  });

  it('with the finance bureau down: no slip, no payment, nothing handed off; paid while it is down, the payment waits for the receipt', async () => {
    const { session, app } = await endorsement();
    await mock.fault('finance', { mode: 'down' });
    expect(errorOf(await start(session, app.payment.id, 'WECHAT'))).toMatchObject({
      code: 'AGENCY_UNAVAILABLE',
      agency: 'finance',
    });
    expect((await get(session, app.id)).status).toBe('AWAITING_PAYMENT');
    await mock.resetFaults();

    const { wechat } = (await start(session, app.payment.id, 'WECHAT')).data.startPayment;
    await mock.fault('finance', { mode: 'down' });
    await mock.json(`/wechat/dev/pay/${wechat.package.slice('prepay_id='.length)}`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'paid' }),
    });
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = await get(session, app.id);
    expect(waiting).toMatchObject({ status: 'AWAITING_PAYMENT', payment: { status: 'PAID', receipt: null } });
    expect(await casesAt(app.number)).toHaveLength(0);
    await mock.resetFaults();
    await settled(session, app.id);
    const [handed] = await waitFor(
      () => casesAt(app.number),
      (c) => c.length === 1,
      15_000,
    );
    expect(handed!.deliveries).toBe(1);
  });

  it('expires unpaid at the deadline (a scheduled job), says so, and refunds a payment notified after it', async () => {
    const { session, app } = await endorsement();
    const { wechat } = (await start(session, app.payment.id, 'WECHAT')).data.startPayment;
    // The clock moved past the deadline: the payment's and its scheduled expiry's.
    const past = new Date(Date.now() - 1000).toISOString();
    const db = bff.built.services.db;
    await db.updateTable('payments').set({ expires_at: past }).where('id', '=', app.payment.id).execute();
    await db
      .updateTable('outbox')
      .set({ next_attempt_at: past })
      .where('topic', '=', 'payments.expire')
      .where('status', '=', 'pending')
      .execute();
    const expired = await waitFor(
      () => get(session, app.id),
      (a) => a.status === 'EXPIRED',
    );
    expect(expired.payment.status).toBe('EXPIRED');
    expect(expired.statusReason).toContain('未在缴费期限内缴费');
    expect(errorOf(await start(session, app.payment.id, 'WECHAT'))?.code).toBe('PAYMENT_EXPIRED');
    const messages = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items;
    expect(messages.some((m: { title: string }) => m.title.includes('未缴费已失效'))).toBe(true);

    // The citizen was still in the platform's cashier: the money comes back, nothing is handed off.
    const ref = wechat.package.slice('prepay_id='.length);
    await mock.json(`/wechat/dev/pay/${ref}`, { method: 'POST', body: JSON.stringify({ outcome: 'paid' }) });
    await waitFor(
      () => get(session, app.id),
      (a) => a.payment.status === 'REFUNDED',
    );
    expect((await order('wechat', ref)).refunds).toHaveLength(1);
    expect(await casesAt(app.number)).toHaveLength(0);
    expect((await get(session, app.id)).status).toBe('EXPIRED');
  });

  it('refunds a rejected application once, however often the refund is asked for', async () => {
    const { session, app } = await endorsement();
    const { wechat } = (await start(session, app.payment.id, 'WECHAT')).data.startPayment;
    const ref = wechat.package.slice('prepay_id='.length);
    await mock.json(`/wechat/dev/pay/${ref}`, { method: 'POST', body: JSON.stringify({ outcome: 'paid' }) });
    await settled(session, app.id);
    await waitFor(
      () => casesAt(app.number),
      (c) => c.length === 1,
    );
    await mock.json(`/exit-entry/dev/applications/${app.number}/decide`, {
      method: 'POST',
      body: JSON.stringify({ status: 'REJECTED', reason: '证件照片不符合要求' }),
    });
    const refunded = await waitFor(
      () => get(session, app.id),
      (a) => a.status === 'REJECTED' && a.payment.status === 'REFUNDED',
    );
    expect(refunded.payment.refundedAt).toBeTruthy();

    // Asked again (a second rejection event, an operator): nothing more is queued or sent.
    const payments = bff.built.services.payments;
    const again = await bff.built.services.db
      .transaction()
      .execute((trx) => payments.refundApplication(trx, app.id, 'REJECTED'));
    expect(again).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    const platformOrder = await order('wechat', ref);
    expect(platformOrder.refunds).toHaveLength(1);
    expect(platformOrder.refunds[0]!.requests).toBe(1);
    expect((await slip(app.id))!.status).toBe('REFUNDED');
    const messages = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items;
    expect(messages.filter((m: { title: string }) => m.title === '费用已退回')).toHaveLength(1);
  });

  it('keeps free services as they were: submitted and handed off at once, no payment', async () => {
    const session = await citizens.verified();
    const { body } = await bff.gql(
      SUBMIT,
      { s: 'si-payment-record', a: { months: '12', purpose: 'home', delivery: 'electronic' }, k: key() },
      session.accessToken,
    );
    expect(body.data.submitApplication).toMatchObject({ status: 'SUBMITTED', payment: null });
  });
});
