import { idNumberCheckCharacter } from '@citizen/shared';
import { jpegWithGps } from '../../test-support/images';
import {
  Citizens,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
  type SignedIn,
  waitFor,
} from './helpers';

const FORM = `query($s: ID!) { applicationForm(serviceId: $s) { service { id title requiredLevel bundle departments { code } formSchema }
  prefilled { fieldId display source } unfilled { fieldId source code } licences { id kind maskedNumber }
  choices { fieldId options { value fills { fieldId } } } draft { answers version } today } }`;
const APP_FIELDS = `id number status statusReason service { id bundle } departments { department { code } status reason receiptNo }
  timeline { status department { code } note at } answers { fieldId label display prefilled } createdAt`;
const SUBMIT = `mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { ${APP_FIELDS} } }`;
const GET = `query($id: ID!) { application(id: $id) { ${APP_FIELDS} } }`;
const LIST = `query($f: Int, $a: String) { myApplications(first: $f, after: $a) { items { id number status } nextCursor } }`;
const SUPPLEMENT = `mutation($id: ID!, $n: String!, $u: [ID!], $k: String!) { answerInformationRequest(applicationId: $id, note: $n, uploadIds: $u, idempotencyKey: $k) { ${APP_FIELDS} } }`;
const MESSAGES = `query { myMessages(first: 50) { items { id kind title body link read channel deliveryStatus } unread } }`;

jest.setTimeout(30_000);

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

/** Who holds the records each service reads (population's simulator filter), so its form fills in (issue 19). */
const HOLDS: Record<string, string> = {
  'pf-withdraw-purchase': 'provident-fund,recent-home',
  'pf-withdraw-rent': 'provident-fund,lease',
  'si-payment-record': 'social-insurance',
  'school-enrolment': 'school-age-child',
  'deed-tax-subsidy': 'recent-home',
  'public-rental-housing': 'income-tax,married',
  'individual-business-licence': '',
  'hk-macao-endorsement': 'permit',
  'talent-housing-subsidy': 'provident-fund,social-insurance,degree',
};

/** Where the PostgreSQL run starts in each holder list: the test register's 2,000 people hold about 80 school-age children. */
const HOLDER_OFFSET = 40;

let keys = 0;
const key = () => `apply-${process.pid}-${Date.now()}-${++keys}`;
const daysAgo = (days: number) => new Date(Date.now() + 8 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
type Case = {
  reference: string;
  receiptNo: string;
  status: string;
  deliveries: number;
  serviceId: string;
  answers: Record<string, string>;
  attachments: Array<{ kind: string; ref: string }>;
  applicant: { idNumber: string };
};
const casesAt = async (department: string, reference?: string): Promise<Case[]> =>
  (await mock.json(`/${department}/dev/applications${reference ? `?reference=${reference}` : ''}`)).applications;
const decide = (department: string, reference: string, status: string, reason?: string) =>
  mock.json(`/${department}/dev/applications/${reference}/decide`, {
    method: 'POST',
    body: JSON.stringify({ status, reason }),
  });

describe.each(testDatabases())('service applications on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  const errorOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '100',
      DEPARTMENT_POLL_MS: '100',
      UPSTREAM_RETRIES: '0',
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 0 : 200, 'provident-fund,social-insurance');
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => mock.resetFaults());

  const upload = async (session: SignedIn): Promise<string> => {
    const response = await fetch(`${bff.url}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpegWithGps()),
    });
    const body = (await response.json()) as { id: string };
    expect(response.status).toBe(201);
    return body.id;
  };
  const form = async (session: SignedIn, serviceId: string) => {
    const { body } = await bff.gql(FORM, { s: serviceId }, session.accessToken);
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data.applicationForm;
  };

  /**
   * Valid answers for each service as the app sends them: the first of each record choice,
   * the citizen's licence, a photo for each of their own papers, and typed values only for
   * what the form did not fill (what the records hold is left out: the BFF reads it).
   */
  const answersFor = async (serviceId: string, session: SignedIn): Promise<Record<string, string>> => {
    const opened = await form(session, serviceId);
    const schema = opened.service.formSchema as {
      fields: Array<{ id: string; type: string; licenceKind?: string; prefill?: { from?: string } }>;
    };
    const filled = new Set<string>(opened.prefilled.map((p: { fieldId: string }) => p.fieldId));
    const answers: Record<string, string> = {};
    for (const choice of opened.choices as Array<{
      fieldId: string;
      options: Array<{ value: string; fills: Array<{ fieldId: string }> }>;
    }>) {
      answers[choice.fieldId] = choice.options[0]!.value;
      for (const fill of choice.options[0]!.fills) filled.add(fill.fieldId);
    }
    // What a citizen types when the records do not fill it (or, for declarations, always).
    const typed: Record<string, string> = {
      propertyAddress: '广东省深圳市南山区科技园路1号',
      purchaseDate: daysAgo(60),
      purchasePrice: '3200000',
      amount: '150000.50',
      bankAccount: '6222020202020202020',
      rentAddress: '广东省深圳市福田区福华路8号',
      monthlyRent: '4500',
      months: '12',
      purpose: 'other',
      purposeOther: '积分入户',
      delivery: 'electronic',
      childName: '王小明',
      childIdNumber: `44030520190501123${idNumberCheckCharacter('44030520190501123')}`,
      relation: 'mother',
      school: 's1',
      livesAtRegisteredAddress: 'yes',
      certificateNo: '粤(2026)深圳市不动产权第0012345号',
      deedTaxPaid: '45000',
      paidOn: daysAgo(20),
      householdSize: '3',
      monthlyIncome: '6800',
      maritalStatus: 'married',
      spouseName: '李华',
      spouseIdNumber: '11010519491231002X',
      housing: 'renting',
      businessName: '便民早餐店',
      businessScope: '早餐、小吃零售',
      businessAddress: '广东省深圳市龙岗区布吉街道2号',
      capital: '50000',
      employees: '3',
      permitNumber: 'C12345678',
      endorsementType: 'family',
      relativeName: '陈大文',
      visits: '1',
      degree: 'master',
      graduatedOn: daysAgo(400),
      ownsHome: 'no',
    };
    for (const field of schema.fields) {
      if (filled.has(field.id) || field.type === 'record') continue;
      if (field.type === 'licence')
        answers[field.id] = opened.licences.find((l: { kind: string }) => l.kind === field.licenceKind).id;
      else if (field.type === 'file' && field.id === 'premisesProof') answers[field.id] = await upload(session);
      else if (typed[field.id] !== undefined) answers[field.id] = typed[field.id]!;
    }
    return answers;
  };
  const submit = async (
    session: SignedIn,
    serviceId: string,
    answers: Record<string, string>,
    idempotencyKey = key(),
  ) => (await bff.gql(SUBMIT, { s: serviceId, a: answers, k: idempotencyKey }, session.accessToken)).body;
  const get = async (session: SignedIn, id: string) =>
    (await bff.gql(GET, { id }, session.accessToken)).body.data?.application;
  /** Citizens who hold each service's records, by filter (one Citizens per filter, people never shared). */
  const holders = new Map<string, Citizens>();
  /** Someone who can reach level 3 services and has a bound phone (for SMS notices); for `serviceId`, one who holds its records. */
  const applicant = async (serviceId?: string) => {
    const has = serviceId ? HOLDS[serviceId]! : '';
    if (serviceId && !holders.has(has))
      holders.set(has, new Citizens(bff, mock, database.name === 'sqlite' ? 0 : HOLDER_OFFSET, has));
    const session = await (serviceId ? holders.get(has)! : citizens).faceVerified();
    await citizens.bindPhone(session, `137${String(Date.now()).slice(-8)}`);
    return session;
  };

  /** Pays an application's fee the way the app does: open it on WeChat Pay, the buyer confirms, the notification marks it paid. */
  const payFee = async (session: SignedIn, id: string) => {
    const paymentId = (
      await bff.gql('query($id: ID!) { application(id: $id) { payment { id } } }', { id }, session.accessToken)
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
    return waitFor(
      () => get(session, id),
      (a) => a.status === 'SUBMITTED',
    );
  };

  const SERVICES = [
    ['pf-withdraw-purchase', ['provident-fund']],
    ['pf-withdraw-rent', ['provident-fund']],
    ['si-payment-record', ['social-insurance']],
    ['school-enrolment', ['education']],
    ['deed-tax-subsidy', ['tax']],
    ['public-rental-housing', ['housing']],
    ['individual-business-licence', ['market-regulation']],
    ['hk-macao-endorsement', ['exit-entry']],
    ['talent-housing-subsidy', ['talent', 'housing', 'tax']],
  ] as const;

  it.each(SERVICES)(
    '%s: prefilled form, submitted once, delivered, approved, completed, a message at each change',
    async (serviceId, departments) => {
      const session = await applicant(serviceId);
      const opened = await form(session, serviceId);
      expect(opened.service.departments.map((d: { code: string }) => d.code)).toEqual(departments);
      // What the government holds is filled in and masked; nothing is missing.
      const prefilled = Object.fromEntries(
        opened.prefilled.map((p: { fieldId: string; display: string }) => [p.fieldId, p.display]),
      );
      expect(prefilled.idNumber).toMatch(/^\d\*+[\dX]{2}$/);
      expect(prefilled.name).toMatch(/^.\*+$/);
      expect(opened.unfilled).toEqual([]);

      const body = await submit(session, serviceId, await answersFor(serviceId, session));
      expect(body.errors).toBeUndefined();
      let app = body.data.submitApplication;
      // A service with a fee waits for it (payments.test.ts tests paying); here it is paid through WeChat Pay first.
      if (serviceId === 'hk-macao-endorsement') {
        expect(app.status).toBe('AWAITING_PAYMENT');
        app = await payFee(session, app.id);
      }
      expect(app).toMatchObject({ status: 'SUBMITTED', service: { id: serviceId, bundle: departments.length > 1 } });
      expect(app.number).toMatch(/^SQ\d{16}$/);

      // Each department gets it once, with the register's identity, not anything typed.
      for (const department of departments) {
        const [received] = await waitFor(
          () => casesAt(department, app.number),
          (cases) => cases.length === 1,
        );
        expect(received).toMatchObject({ serviceId, deliveries: 1, applicant: { idNumber: session.person.idNumber } });
      }
      await waitFor(
        () => get(session, app.id),
        (a) => a.departments.every((d: { receiptNo: string | null }) => d.receiptNo),
      );

      for (const status of ['ACCEPTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED']) {
        for (const department of departments) await decide(department, app.number, status);
        await waitFor(
          () => get(session, app.id),
          (a) => a.status === status,
        );
      }
      const done = await get(session, app.id);
      expect(done.departments.every((d: { status: string }) => d.status === 'COMPLETED')).toBe(true);
      // A bundle shows the whole application's steps beside each department's; one department's steps are the application's.
      const steps = done.timeline
        .filter((e: { department: unknown }) =>
          departments.length > 1 ? e.department === null : e.department !== null,
        )
        .map((e: { status: string }) => e.status);
      expect(steps).toEqual(['SUBMITTED', 'ACCEPTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED']);
      expect(
        done.timeline.filter((e: { status: string; department: unknown }) => e.status === 'APPROVED'),
      ).toHaveLength(departments.length > 1 ? departments.length + 1 : 1);
      // Answers come back masked where they identify someone.
      expect(done.answers.find((a: { fieldId: string }) => a.fieldId === 'idNumber')).toMatchObject({
        prefilled: true,
        display: expect.stringMatching(/\*/),
      });
      const address = done.answers.find((a: { fieldId: string }) => a.fieldId === 'address');
      if (address) expect(address.display).toContain('*');
      expect(JSON.stringify(done.answers)).not.toContain(session.person.idNumber);
      expect(JSON.stringify(done.answers)).not.toContain(session.person.name);

      // One message per change of state, each linked to the application, each also sent by SMS.
      // With a fee, two more: 待缴费, and 缴费成功 with the receipt (linked to the payment).
      // And one when the result arrives (issue 16): a licence in the wallet, or a document in 我的证明.
      const count = (serviceId === 'hk-macao-endorsement' ? 7 : 5) + 1;
      const messages = await waitFor(
        async () => (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages,
        (m) =>
          m.items.length === count && m.items.every((i: { deliveryStatus: string }) => i.deliveryStatus === 'SENT'),
      );
      const linked = (link: string) =>
        link === `/pages/application/index?id=${app.id}` ||
        link.startsWith('/pages/payment/index?id=') ||
        link.startsWith('/pages/document/index?id=') ||
        link === '/pages/licences/index';
      expect(
        messages.items.every((m: { link: string; channel: string }) => linked(m.link) && m.channel === 'SMS'),
      ).toBe(true);
      expect(
        messages.items.filter(
          (m: { link: string }) => m.link.startsWith('/pages/document/') || m.link === '/pages/licences/index',
        ),
      ).toHaveLength(1);
      expect(messages.unread).toBe(count);
    },
  );

  it('finds services by pinyin initials and shows what one needs, with no sign-in', async () => {
    const SEARCH =
      'query($q: String!) { searchServices(query: $q, platform: WECHAT) { id title target { kind value } } }';
    const found = (await bff.gql(SEARCH, { q: 'gjj' })).body.data.searchServices as Array<{ title: string }>;
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.every((t) => t.title.includes('公积金'))).toBe(true);
    expect((await bff.gql(SEARCH, { q: '' })).body.data.searchServices).toEqual([]);
    // Each result's category comes with the tile (joined), the elder-mode shortcut's too; an agency's tile says whether it is up.
    const WITH_CATEGORY =
      'query($q: String!) { searchServices(query: $q, platform: WECHAT) { id category { id name nameEn } available } }';
    const elder = (await bff.gql(WITH_CATEGORY, { q: '长辈版' })).body.data.searchServices;
    expect(elder[0]).toEqual({
      id: 'elder-mode',
      category: { id: 'civil-affairs', name: '民政婚姻', nameEn: 'Civil affairs' },
      available: null,
    });
    const fund = (await bff.gql(WITH_CATEGORY, { q: 'gjj' })).body.data.searchServices as Array<{
      category: { id: string; name: string };
      available: boolean | null;
    }>;
    expect(fund.every((t) => t.category.name.length > 0 && t.available === true)).toBe(true);
    const { body } = await bff.gql(
      'query($id: ID!) { service(id: $id) { title requiredLevel bundle promisedDays fees departments { name } materials { name licenceKind } } }',
      { id: 'talent-housing-subsidy' },
    );
    expect(body.data.service).toMatchObject({
      requiredLevel: 3,
      bundle: true,
      promisedDays: 15,
      fees: '免费',
      departments: [{ name: '人才工作局' }, { name: '住房和城乡建设局' }, { name: '税务局' }],
    });
    expect((await bff.gql('query { service(id: "no-such-service") { id } }')).body.data.service).toBeNull();
  });

  it('applies each department event once, even when the feed is read again from the start', async () => {
    const session = await applicant();
    const app = (await submit(session, 'si-payment-record', await answersFor('si-payment-record', session))).data
      .submitApplication;
    await waitFor(
      () => casesAt('social-insurance', app.number),
      (c) => c.length === 1,
    );
    await decide('social-insurance', app.number, 'ACCEPTED');
    const before = await waitFor(
      () => get(session, app.id),
      (a) => a.status === 'ACCEPTED',
    );
    const messages = async () => (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items.length;
    const count = await messages();
    // Another instance, or this one after losing its cursor, reads every event again.
    await bff.built.services.db
      .updateTable('department_cursors')
      .set({ last_seq: 0 })
      .where('department', '=', 'social-insurance')
      .execute();
    await bff.built.desk.poll();
    await bff.built.desk.poll();
    const after = await get(session, app.id);
    expect(after.timeline).toEqual(before.timeline);
    expect(await messages()).toBe(count);
  });

  it('a bundle shows each department and is approved only when all three approve', async () => {
    const session = await applicant('talent-housing-subsidy');
    const app = (await submit(session, 'talent-housing-subsidy', await answersFor('talent-housing-subsidy', session)))
      .data.submitApplication;
    await waitFor(
      () => casesAt('tax', app.number),
      (c) => c.length === 1,
    );
    await decide('talent', app.number, 'APPROVED');
    await decide('housing', app.number, 'APPROVED');
    await decide('tax', app.number, 'IN_REVIEW');
    const partial = await waitFor(
      () => get(session, app.id),
      (a) =>
        a.departments.filter((d: { status: string }) => d.status === 'APPROVED').length === 2 &&
        a.departments.some((d: { status: string }) => d.status === 'IN_REVIEW'),
    );
    expect(partial.status).toBe('IN_REVIEW');
    await decide('tax', app.number, 'REJECTED', '不符合首套住房条件');
    const rejected = await waitFor(
      () => get(session, app.id),
      (a) => a.status === 'REJECTED',
    );
    expect(rejected.statusReason).toBe('不符合首套住房条件');
    expect(
      rejected.departments.find((d: { department: { code: string } }) => d.department.code === 'tax'),
    ).toMatchObject({ status: 'REJECTED', reason: '不符合首套住房条件' });
  });

  it('more information: the citizen answers once; the department gets the note; a second answer is refused', async () => {
    const session = await applicant('school-enrolment');
    const app = (await submit(session, 'school-enrolment', await answersFor('school-enrolment', session))).data
      .submitApplication;
    await waitFor(
      () => casesAt('education', app.number),
      (c) => c.length === 1,
    );
    await decide('education', app.number, 'MORE_INFO_REQUESTED', '请补充居住证明');
    const asked = await waitFor(
      () => get(session, app.id),
      (a) => a.status === 'MORE_INFO_REQUESTED',
    );
    expect(asked.statusReason).toBe('请补充居住证明');

    const photo = await upload(session);
    const answerKey = key();
    const answered = await bff.gql(
      SUPPLEMENT,
      { id: app.id, n: '已补充居住证明照片', u: [photo], k: answerKey },
      session.accessToken,
    );
    expect(answered.body.data.answerInformationRequest.status).toBe('IN_REVIEW');
    // A retry of the same answer changes nothing; a different one now is refused.
    expect(
      (
        await bff.gql(
          SUPPLEMENT,
          { id: app.id, n: '已补充居住证明照片', u: [photo], k: answerKey },
          session.accessToken,
        )
      ).body.data.answerInformationRequest.status,
    ).toBe('IN_REVIEW');
    expect(
      errorOf((await bff.gql(SUPPLEMENT, { id: app.id, n: '再补一次', k: key() }, session.accessToken)).body)?.code,
    ).toBe('APPLICATION_WRONG_STATE');
    const [received] = await waitFor(
      () => casesAt('education', app.number),
      (c) => c[0]?.status === 'IN_REVIEW',
    );
    expect((received as unknown as { supplements: Array<{ note: string }> }).supplements).toHaveLength(1);
    expect((received as unknown as { supplements: Array<{ note: string }> }).supplements[0]!.note).toBe(
      '已补充居住证明照片',
    );
  });

  it('the same idempotency key never makes a second application, even at once', async () => {
    const session = await applicant();
    const answers = await answersFor('si-payment-record', session);
    const same = key();
    const results = await Promise.all([1, 2, 3, 4].map(() => submit(session, 'si-payment-record', answers, same)));
    const ids = new Set(results.map((r) => r.data?.submitApplication.id));
    expect(ids.size).toBe(1);
    const number = results[0]!.data.submitApplication.number;
    expect((await bff.gql(LIST, { f: 50 }, session.accessToken)).body.data.myApplications.items).toHaveLength(1);
    const cases = await waitFor(
      () => casesAt('social-insurance', number),
      (c) => c.length === 1,
    );
    expect(cases[0]!.deliveries).toBe(1);
  });

  it('prefill asks each agency once per form; a locked value cannot be changed by the request', async () => {
    const session = await applicant('talent-housing-subsidy');
    // Counted by the agencies themselves: every call to each one's lookup and batch routes.
    const BATCHES = [
      'POST /population/v1/persons/batch',
      'POST /social-insurance/v1/insured/batch',
      'POST /provident-fund/v1/accounts/batch',
      'POST /licences/v1/holders/batch',
    ];
    const lookups = async () => {
      const { calls } = (await mock.json('/admin/calls')) as { calls: Record<string, number> };
      const single = Object.entries(calls)
        .filter(([route]) =>
          /^GET \/(population\/v1\/persons|social-insurance\/v1\/insured|provident-fund\/v1\/accounts|licences\/v1\/holders)\/[^/]+$/.test(
            route,
          ),
        )
        .reduce((n, [, c]) => n + c, 0);
      return [...BATCHES.map((route) => calls[route] ?? 0), single];
    };
    const before = await lookups();
    const opened = await form(session, 'talent-housing-subsidy');
    const after = await lookups();
    // Name and ID number (population), city and months (social insurance), employer (fund): one batch each, no single lookups.
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1, 1, 0, 0]);
    // The degree and housing too (issue 19): from education (one degree is filled in) and the real estate registry.
    const degrees = (opened.choices as Array<{ fieldId: string }>).some((c) => c.fieldId === 'diploma')
      ? []
      : ['degree', 'diploma', 'graduatedOn'];
    expect(opened.prefilled.map((p: { fieldId: string }) => p.fieldId).sort()).toEqual(
      [...degrees, 'employer', 'idNumber', 'insuredCity', 'name', 'ownsHome', 'pensionMonths', 'phone'].sort(),
    );

    const answers = await answersFor('talent-housing-subsidy', session);
    const forged = await submit(session, 'talent-housing-subsidy', { ...answers, name: '李四' });
    expect(errorOf(forged)).toMatchObject({ code: 'FORM_FIELD_LOCKED', field: 'name' });
    const forgedEmployer = await submit(session, 'talent-housing-subsidy', {
      ...answers,
      employer: '某某科技有限公司',
    });
    expect(errorOf(forgedEmployer)).toMatchObject({ code: 'FORM_FIELD_LOCKED', field: 'employer' });
    // Sending back what the form showed is fine; the register's value is what is stored and sent.
    const display = Object.fromEntries(
      opened.prefilled.map((p: { fieldId: string; display: string }) => [p.fieldId, p.display]),
    );
    const ok = await submit(session, 'talent-housing-subsidy', { ...answers, name: display.name });
    expect(ok.errors).toBeUndefined();
    const [received] = await waitFor(
      () => casesAt('talent', ok.data.submitApplication.number),
      (c) => c.length === 1,
    );
    expect(received!.answers.name).toBe(session.person.name);
    expect(received!.answers.idNumber).toBe(session.person.idNumber);
    expect((await bff.gql(LIST, { f: 50 }, session.accessToken)).body.data.myApplications.items).toHaveLength(1);
  });

  it('one agency down: the form says which fields it could not fill; the citizen may type them; the rest fill', async () => {
    const session = await applicant('talent-housing-subsidy');
    await mock.fault('provident-fund', { mode: 'down' });
    const opened = await form(session, 'talent-housing-subsidy');
    expect(opened.unfilled).toEqual([{ fieldId: 'employer', source: 'provident-fund', code: 'AGENCY_UNAVAILABLE' }]);
    expect(opened.prefilled.map((p: { fieldId: string }) => p.fieldId)).toEqual(
      expect.arrayContaining(['name', 'idNumber', 'insuredCity']),
    );
    // Without it the form is incomplete; typed, it goes through, marked for the department to check.
    const answers = await answersFor('talent-housing-subsidy', session);
    expect(errorOf(await submit(session, 'talent-housing-subsidy', answers))).toMatchObject({
      code: 'FORM_FIELD_REQUIRED',
      field: 'employer',
    });
    const typed = await submit(session, 'talent-housing-subsidy', { ...answers, employer: '深圳市某某科技有限公司' });
    expect(typed.errors).toBeUndefined();
    expect(
      typed.data.submitApplication.answers.find((a: { fieldId: string }) => a.fieldId === 'employer'),
    ).toMatchObject({ display: '深圳市某某科技有限公司', prefilled: false });
  });

  it('a department that is down receives the application later; the citizen has the number at once', async () => {
    const session = await applicant('school-enrolment');
    await mock.fault('education', { mode: 'down' });
    const body = await submit(session, 'school-enrolment', await answersFor('school-enrolment', session));
    expect(body.data.submitApplication.number).toMatch(/^SQ/);
    await new Promise((r) => setTimeout(r, 600));
    await mock.resetFaults();
    // The breaker and the outbox's backoff: allow some seconds.
    const cases = await waitFor(
      () => casesAt('education', body.data.submitApplication.number),
      (c) => c.length === 1,
      20_000,
    );
    expect(cases[0]!.deliveries).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('bad input: each a coded error with its field, nothing stored', async () => {
    const session = await applicant();
    const other = await applicant();
    // The registries down, so the property and the marriage are typed (as they are then) and their checks run.
    await mock.fault('real-estate', { mode: 'down' });
    await mock.fault('civil-affairs', { mode: 'down' });
    const answers = await answersFor('pf-withdraw-purchase', session);
    const cases: Array<[string, Record<string, string>, string, string]> = [
      ['pf-withdraw-purchase', { ...answers, purchaseDate: '2099-01-01' }, 'FORM_FIELD_DATE_TOO_LATE', 'purchaseDate'],
      ['pf-withdraw-purchase', { ...answers, amount: '12.345' }, 'FORM_FIELD_AMOUNT_FORMAT', 'amount'],
      ['pf-withdraw-purchase', { ...answers, bankAccount: '1234' }, 'FORM_FIELD_PATTERN', 'bankAccount'],
      ['pf-withdraw-purchase', { ...answers, propertyAddress: '' }, 'FORM_FIELD_REQUIRED', 'propertyAddress'],
      ['pf-withdraw-purchase', { ...answers, favouriteColour: 'blue' }, 'FORM_FIELD_UNKNOWN', 'favouriteColour'],
      [
        'individual-business-licence',
        { ...(await answersFor('individual-business-licence', session)), premisesProof: await upload(other) },
        'UPLOAD_NOT_FOUND',
        'premisesProof',
      ],
      [
        'public-rental-housing',
        { ...(await answersFor('public-rental-housing', session)), spouseIdNumber: '110105194912310021' },
        'ID_NUMBER_CHECKSUM',
        'spouseIdNumber',
      ],
      [
        'individual-business-licence',
        {
          ...(await answersFor('individual-business-licence', session)),
          idCard: (await form(other, 'individual-business-licence')).licences[0].id,
        },
        'LICENCE_NOT_YOURS',
        'idCard',
      ],
      ['no-such-service', {}, 'SERVICE_NOT_FOUND', 'serviceId'],
    ];
    for (const [serviceId, typed, code, field] of cases) {
      expect([serviceId, errorOf(await submit(session, serviceId, typed))]).toEqual([
        serviceId,
        expect.objectContaining({ code, field }),
      ]);
    }
    await mock.resetFaults();
    // Answers that are not an object (a list, or JSON inside a string as before issue 12) are refused by the JSONObject scalar.
    for (const notAnObject of [[1, 2], '{"months":"12"}']) {
      const refused = await bff.gql(SUBMIT, { s: 'si-payment-record', a: notAnObject, k: key() }, session.accessToken);
      expect([refused.body.data, errorOf(refused.body)?.code]).toEqual([undefined, 'BAD_USER_INPUT']);
    }
    // Level: a real-name citizen (level 2) cannot open a level-3 service.
    const level2 = await citizens.verified();
    expect(errorOf((await bff.gql(FORM, { s: 'pf-withdraw-purchase' }, level2.accessToken)).body)).toMatchObject({
      code: 'ASSURANCE_LEVEL_TOO_LOW',
      requiredLevel: 3,
      currentLevel: 2,
    });
    expect(errorOf(await submit(level2, 'pf-withdraw-purchase', answers))?.code).toBe('ASSURANCE_LEVEL_TOO_LOW');
    expect((await bff.gql(LIST, { f: 50 }, session.accessToken)).body.data.myApplications.items).toHaveLength(0);
  });

  it('another citizen’s application and draft are out of reach', async () => {
    const owner = await applicant();
    const stranger = await applicant();
    const app = (await submit(owner, 'si-payment-record', await answersFor('si-payment-record', owner))).data
      .submitApplication;
    expect(errorOf((await bff.gql(GET, { id: app.id }, stranger.accessToken)).body)?.code).toBe('NOT_FOUND');
    expect(
      errorOf((await bff.gql(SUPPLEMENT, { id: app.id, n: 'x', k: key() }, stranger.accessToken)).body)?.code,
    ).toBe('NOT_FOUND');
    await bff.gql(
      'mutation($s: ID!, $a: JSONObject!) { saveDraft(serviceId: $s, answers: $a) { version } }',
      { s: 'deed-tax-subsidy', a: { remark: '只有我能看到' } },
      owner.accessToken,
    );
    expect((await form(stranger, 'deed-tax-subsidy')).draft).toBeNull();
    expect((await bff.gql(LIST, { f: 50 }, stranger.accessToken)).body.data.myApplications.items).toHaveLength(0);
    expect(errorOf((await bff.gql(GET, { id: app.id })).body)?.code).toBe('UNAUTHENTICATED');
  });

  it('a draft saved on WeChat is there on Alipay for the same person; an old version cannot overwrite a newer one', async () => {
    if (!holders.has(HOLDS['deed-tax-subsidy']!))
      holders.set(
        HOLDS['deed-tax-subsidy']!,
        new Citizens(bff, mock, database.name === 'sqlite' ? 0 : HOLDER_OFFSET, HOLDS['deed-tax-subsidy']),
      );
    const wechat = await holders.get(HOLDS['deed-tax-subsidy']!)!.verified('WECHAT');
    // The Alipay account joins the same person after proving it (a face pass there).
    const alipay = await citizens.joinedOn('ALIPAY', wechat.person);
    const SAVE =
      'mutation($s: ID!, $a: JSONObject!, $v: Int) { saveDraft(serviceId: $s, answers: $a, version: $v) { version } }';
    // A prefilled field (the name, the property address read from the tax record) is never saved.
    const first = await bff.gql(
      SAVE,
      {
        s: 'deed-tax-subsidy',
        a: { bankAccount: '6222020202020202020', name: '不会被保存', propertyAddress: '不会被保存', junk: 'x' },
      },
      wechat.accessToken,
    );
    expect(first.body.data.saveDraft.version).toBe(1);
    const onAlipay = await form(alipay, 'deed-tax-subsidy');
    expect(onAlipay.draft.answers).toEqual({ bankAccount: '6222020202020202020' });
    expect(
      (
        await bff.gql(
          SAVE,
          { s: 'deed-tax-subsidy', a: { bankAccount: '6222020202020202021' }, v: 1 },
          alipay.accessToken,
        )
      ).body.data.saveDraft.version,
    ).toBe(2);
    expect(
      errorOf(
        (
          await bff.gql(
            SAVE,
            { s: 'deed-tax-subsidy', a: { bankAccount: '6222020202020202022' }, v: 1 },
            wechat.accessToken,
          )
        ).body,
      )?.code,
    ).toBe('DRAFT_CONFLICT');
    // Submitting clears it. No phone is bound, so the phone is typed rather than filled in.
    expect(onAlipay.unfilled).toEqual([{ fieldId: 'phone', source: 'account', code: 'PREFILL_NO_RECORD' }]);
    const app = await submit(wechat, 'deed-tax-subsidy', {
      ...(await answersFor('deed-tax-subsidy', wechat)),
      phone: '13800138000',
    });
    expect(app.errors).toBeUndefined();
    expect((await form(alipay, 'deed-tax-subsidy')).draft).toBeNull();
  });

  it('myApplications pages newest first by cursor', async () => {
    const session = await applicant();
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++)
      numbers.push(
        (await submit(session, 'si-payment-record', await answersFor('si-payment-record', session))).data
          .submitApplication.number,
      );
    const first = (await bff.gql(LIST, { f: 2 }, session.accessToken)).body.data.myApplications;
    expect(first.items.map((a: { number: string }) => a.number)).toEqual([numbers[2], numbers[1]]);
    const second = (await bff.gql(LIST, { f: 2, a: first.nextCursor }, session.accessToken)).body.data.myApplications;
    expect(second).toMatchObject({ items: [{ number: numbers[0] }], nextCursor: null });
    expect(errorOf((await bff.gql(LIST, { f: 2, a: 'not-a-cursor' }, session.accessToken)).body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(errorOf((await bff.gql(LIST, { f: 500 }, session.accessToken)).body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it('a message the SMS gateway never takes is marked failed, and stays in the app', async () => {
    const giveUpFast = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '100',
      DEPARTMENT_POLL_MS: '60000',
      OUTBOX_MAX_ATTEMPTS: '1',
      UPSTREAM_RETRIES: '0',
    });
    try {
      const local = new Citizens(
        giveUpFast,
        mock,
        database.name === 'sqlite' ? 150 : 350,
        'provident-fund,social-insurance',
      );
      const session = await local.verified();
      await local.bindPhone(session, `136${String(Date.now()).slice(-8)}`);
      await mock.fault('sms', { mode: 'down' });
      const photoFree = { months: '12', purpose: 'home', delivery: 'electronic' };
      const submitted = await giveUpFast.gql(
        SUBMIT,
        { s: 'si-payment-record', a: photoFree, k: key() },
        session.accessToken,
      );
      expect(submitted.body.errors).toBeUndefined();
      const [message] = (
        await waitFor(
          async () => (await giveUpFast.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages,
          (m) => m.items[0]?.deliveryStatus === 'FAILED',
        )
      ).items;
      expect(message).toMatchObject({ kind: 'APPLICATION', channel: 'SMS', deliveryStatus: 'FAILED' });
    } finally {
      await giveUpFast.stop();
    }
  });

  it('messages: read one, read all; a subscribed citizen is told on the platform instead of by SMS', async () => {
    const session = await applicant();
    await bff.gql(
      'mutation { recordMessageSubscription(topic: APPLICATION_PROGRESS, accepted: true) }',
      {},
      session.accessToken,
    );
    const app = (await submit(session, 'si-payment-record', await answersFor('si-payment-record', session))).data
      .submitApplication;
    const [message] = (
      await waitFor(
        async () => (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages,
        (m) => m.items[0]?.deliveryStatus === 'SENT',
      )
    ).items;
    expect(message).toMatchObject({
      kind: 'APPLICATION',
      channel: 'PLATFORM',
      read: false,
      link: `/pages/application/index?id=${app.id}`,
    });
    expect(message.body).toContain(app.number);
    const sent = (await mock.json('/wechat/dev/messages')).messages as Array<{
      templateId: string;
      data: Record<string, { value: string }>;
    }>;
    expect(
      sent.filter((m) => m.templateId === 'wx-tmpl-application' && m.data.number?.value === app.number),
    ).toHaveLength(1);
    // The consent was spent: the next change goes by SMS.
    await waitFor(
      () => casesAt('social-insurance', app.number),
      (c) => c.length === 1,
    );
    await decide('social-insurance', app.number, 'ACCEPTED');
    const after = await waitFor(
      async () => (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages,
      (m) => m.items.length === 2,
    );
    expect(after.items[0].channel).toBe('SMS');
    expect(
      (
        await bff.gql(
          'mutation($id: ID!) { markMessageRead(id: $id) { read } }',
          { id: message.id },
          session.accessToken,
        )
      ).body.data.markMessageRead.read,
    ).toBe(true);
    expect((await bff.gql('query { unreadMessageCount }', {}, session.accessToken)).body.data.unreadMessageCount).toBe(
      1,
    );
    expect(
      (await bff.gql('mutation { markAllMessagesRead }', {}, session.accessToken)).body.data.markAllMessagesRead,
    ).toBe(1);
    const stranger = await applicant();
    expect(
      errorOf(
        (
          await bff.gql(
            'mutation($id: ID!) { markMessageRead(id: $id) { read } }',
            { id: message.id },
            stranger.accessToken,
          )
        ).body,
      )?.code,
    ).toBe('NOT_FOUND');
  });
});
