import { jpegWithGps } from '../../test-support/images';
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
 * Results delivered: a completed application gives the citizen its result, once — a
 * licence in the wallet (through the licence library), or a signed PDF whose QR code
 * opens a public verification page that says genuine for its code and not for a
 * tampered one.
 */
const SUBMIT = `mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number status } }`;
const RESULT = `query($id: ID!) { application(id: $id) { id status result { id kind title issuer issuedAt applicationId licenceId verifyUrl downloadPath } } }`;
const DOCUMENTS = `query { myDocuments { id kind title } }`;
const LICENCES = `query { myLicences { id kind number } }`;
const MESSAGES = `query { myMessages(first: 50) { items { title body link } } }`;

jest.setTimeout(90_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

let keys = 0;
const key = () => `result-${process.pid}-${Date.now()}-${++keys}`;

describe.each(testDatabases())('results of completed applications on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '50',
      DEPARTMENT_POLL_MS: '100',
      UPSTREAM_RETRIES: '0',
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 700 : 1000, 'social-insurance');
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => mock.resetFaults());

  const applicant = async () => {
    const session = await citizens.faceVerified();
    await citizens.bindPhone(session, `136${String(Date.now() + ++keys).slice(-8)}`);
    return session;
  };
  const photo = async (session: SignedIn) => {
    const response = await fetch(`${bff.url}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpegWithGps()),
    });
    return ((await response.json()) as { id: string }).id;
  };
  const idCard = async (session: SignedIn, serviceId: string) =>
    (
      await bff.gql(
        'query($s: ID!) { applicationForm(serviceId: $s) { licences { id kind } } }',
        { s: serviceId },
        session.accessToken,
      )
    ).body.data.applicationForm.licences.find((l: { kind: string }) => l.kind === 'ID_CARD').id as string;
  const submit = async (session: SignedIn, serviceId: string, answers: Record<string, string>) => {
    const { body } = await bff.gql(SUBMIT, { s: serviceId, a: answers, k: key() }, session.accessToken);
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.submitApplication as { id: string; number: string; status: string };
  };
  /** The department receives it and decides it to the end. */
  const complete = async (department: string, number: string) => {
    await waitFor(
      () => mock.json(`/${department}/dev/applications?reference=${number}`),
      (b) => b.applications.length === 1,
    );
    for (const status of ['ACCEPTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED']) {
      await mock.json(`/${department}/dev/applications/${number}/decide`, {
        method: 'POST',
        body: JSON.stringify({ status }),
      });
    }
  };
  const result = async (session: SignedIn, id: string) =>
    (await bff.gql(RESULT, { id }, session.accessToken)).body.data.application;
  const delivered = (session: SignedIn, id: string) =>
    waitFor(
      () => result(session, id),
      (a) => a.status === 'COMPLETED' && a.result !== null,
      20_000,
    );
  const verify = async (code: string) => {
    const response = await fetch(`${bff.url}/verify/${code}`, { headers: { accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('puts a granted individual business licence into the wallet, once', async () => {
    const session = await applicant();
    const before = (await bff.gql(LICENCES, {}, session.accessToken)).body.data.myLicences as Array<{ kind: string }>;
    const app = await submit(session, 'individual-business-licence', {
      idCard: await idCard(session, 'individual-business-licence'),
      businessName: '便民早餐店',
      businessScope: '早餐、小吃零售',
      businessAddress: '广东省深圳市龙岗区布吉街道2号',
      capital: '50000',
      employees: '3',
      premisesProof: await photo(session),
    });
    await complete('market-regulation', app.number);
    const done = await delivered(session, app.id);
    expect(done.result).toMatchObject({
      kind: 'LICENCE',
      title: '营业执照（个体工商户）',
      issuer: '市场监督管理局',
      downloadPath: null,
      licenceId: expect.stringMatching(/^LIC-ISSUED-/),
    });

    const after = (await bff.gql(LICENCES, {}, session.accessToken)).body.data.myLicences as Array<{
      id: string;
      kind: string;
      number: string;
    }>;
    expect(after).toHaveLength(before.length + 1);
    const licence = after.find(
      (l) => l.kind === 'BUSINESS_LICENCE' && !before.some((b) => (b as { id?: string }).id === l.id),
    )!;
    expect(licence).toBeDefined();
    // Masked as the wallet masks other numbers: the credit code keeps only its ends.
    expect(licence.number).toMatch(/\*/);
    const messages = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items as Array<{
      title: string;
      link: string;
    }>;
    expect(messages.filter((m) => m.title === '营业执照（个体工商户）已送达')).toEqual([
      expect.objectContaining({ link: '/pages/licences/index' }),
    ]);

    // The delivery ran once: a second look later finds the same one licence and one document.
    await new Promise((r) => setTimeout(r, 400));
    expect((await bff.gql(LICENCES, {}, session.accessToken)).body.data.myLicences).toHaveLength(before.length + 1);
    expect((await bff.gql(DOCUMENTS, {}, session.accessToken)).body.data.myDocuments).toHaveLength(1);
  });

  it('issues the social insurance certificate as a PDF with a QR code that verifies, and refuses a tampered code', async () => {
    const session = await applicant();
    const app = await submit(session, 'si-payment-record', {
      months: '12',
      purpose: 'other',
      purposeOther: '积分入户',
      delivery: 'electronic',
    });
    await complete('social-insurance', app.number);
    const done = await delivered(session, app.id);
    expect(done.result).toMatchObject({
      kind: 'CERTIFICATE',
      title: '社会保险参保缴费证明',
      issuer: '社会保险事业局',
      licenceId: null,
      downloadPath: `/documents/${done.result.id}/pdf`,
    });

    // The PDF, for its holder only.
    const pdf = await fetch(`${bff.url}${done.result.downloadPath}`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // The QR code is an embedded image; the CJK face is embedded (subset) so the Chinese prints.
    expect(bytes.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(bytes.toString('latin1')).toMatch(/NotoSansCJK/);
    expect((await fetch(`${bff.url}${done.result.downloadPath}`)).status).toBe(401);
    const stranger = await citizens.verified();
    expect(
      (
        await fetch(`${bff.url}${done.result.downloadPath}`, {
          headers: { authorization: `Bearer ${stranger.accessToken}` },
        })
      ).status,
    ).toBe(404);

    // The QR code's address: genuine, when, for whom (masked), never the ID number.
    const code = /\/verify\/([0-9A-F]{32})$/.exec(done.result.verifyUrl)![1]!;
    const genuine = await verify(code);
    expect(genuine.status).toBe(200);
    expect(genuine.body).toMatchObject({
      genuine: true,
      title: '社会保险参保缴费证明',
      issuer: '社会保险事业局',
      issuedAt: done.result.issuedAt,
      holder: expect.stringMatching(/\*/),
      number: app.number,
    });
    expect(JSON.stringify(genuine.body)).not.toContain(session.person.idNumber);
    expect(genuine.body.holder).not.toBe(session.person.name);
    const html = await (await fetch(`${bff.url}/verify/${code}`)).text();
    expect(html).toContain('文件真实有效');
    expect(html).toContain(genuine.body.holder as string);

    // One character changed, in the random part or in the tag: not genuine, and nothing told.
    // Changed so that it always differs from the genuine code (a code may well end in 0).
    const lastCharChanged = `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;
    for (const tampered of [
      `${code[0] === 'A' ? 'B' : 'A'}${code.slice(1)}`,
      lastCharChanged,
      code.slice(0, 20),
      'not-a-code',
    ]) {
      const refused = await verify(tampered);
      expect(refused).toEqual({ status: 404, body: { genuine: false } });
    }
    expect(await (await fetch(`${bff.url}/verify/${lastCharChanged}`)).text()).toContain('未找到该文件');

    const messages = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items as Array<{
      title: string;
      link: string;
    }>;
    expect(messages.find((m) => m.title === '社会保险参保缴费证明已送达')!.link).toBe(
      `/pages/document/index?id=${done.result.id}`,
    );
    expect((await bff.gql(DOCUMENTS, {}, session.accessToken)).body.data.myDocuments).toEqual([
      { id: done.result.id, kind: 'CERTIFICATE', title: '社会保险参保缴费证明' },
    ]);
  });

  it('puts a paid and completed HK/Macao endorsement into the wallet', async () => {
    const session = await applicant();
    const form = (
      await bff.gql(
        'query($s: ID!) { applicationForm(serviceId: $s) { licences { id kind } prefilled { fieldId } } }',
        { s: 'hk-macao-endorsement' },
        session.accessToken,
      )
    ).body.data.applicationForm;
    const answers: Record<string, string> = {
      idCard: form.licences.find((l: { kind: string }) => l.kind === 'ID_CARD').id,
      permitNumber: 'C12345678',
      endorsementType: 'tourism',
      visits: '1',
      photo: await photo(session),
    };
    for (const { fieldId } of form.prefilled as Array<{ fieldId: string }>) delete answers[fieldId];
    const app = await submit(session, 'hk-macao-endorsement', answers);
    const paymentId = (
      await bff.gql('query($id: ID!) { application(id: $id) { payment { id } } }', { id: app.id }, session.accessToken)
    ).body.data.application.payment.id;
    const started = (
      await bff.gql(
        'mutation($p: ID!) { startPayment(paymentId: $p, channel: WECHAT) { wechat { package } } }',
        { p: paymentId },
        session.accessToken,
      )
    ).body.data.startPayment;
    await mock.json(`/wechat/dev/pay/${started.wechat.package.slice('prepay_id='.length)}`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'paid' }),
    });
    await complete('exit-entry', app.number);
    const done = await delivered(session, app.id);
    expect(done.result).toMatchObject({ kind: 'LICENCE', title: '往来港澳通行证签注', issuer: '出入境管理局' });
    const licences = (await bff.gql(LICENCES, {}, session.accessToken)).body.data.myLicences as Array<{
      id: string;
      kind: string;
    }>;
    expect(licences.filter((l) => l.kind === 'HK_MACAO_ENDORSEMENT').map((l) => l.id)).toEqual([done.result.licenceId]);
  });

  it('waits for the licence library when it is down, and delivers once it is back', async () => {
    const session = await applicant();
    const app = await submit(session, 'individual-business-licence', {
      idCard: await idCard(session, 'individual-business-licence'),
      businessName: '街角修鞋铺',
      businessScope: '修鞋、配钥匙',
      businessAddress: '广东省深圳市罗湖区东门街道5号',
      capital: '8000',
      employees: '1',
      premisesProof: await photo(session),
    });
    await mock.fault('licences', { mode: 'down' });
    await complete('market-regulation', app.number);
    await waitFor(
      () => result(session, app.id),
      (a) => a.status === 'COMPLETED',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await result(session, app.id)).result).toBeNull();
    await mock.resetFaults();
    expect((await delivered(session, app.id)).result.kind).toBe('LICENCE');
  });
});
