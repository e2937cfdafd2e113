import { buildSchema } from '../src/schema';
import { plainPng } from '../../test-support/images';
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
 * 问 over real HTTP against mock-data, on SQLite and PostgreSQL: the FAQ and its search,
 * searchServices' synonyms (a table of queries and their first result), 12345
 * consultations (idempotent, limited, replies once into Messages, solved / not solved),
 * and progress lookup without signing in (brute-force limit, nothing personal).
 */
jest.setTimeout(60_000);

const CONSULTATION =
  'id number category status question serviceId applicationNumber hasPhoto location { latitude longitude address } ticketNo replies { body department at } canRate canReopen';
const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { ${CONSULTATION} } }`;
const GET = `query($id: ID!) { consultation(id: $id) { ${CONSULTATION} } }`;
const RATE = `mutation($id: ID!, $s: Boolean!) { rateConsultation(id: $id, solved: $s) { ${CONSULTATION} } }`;
const MESSAGES = 'query { myMessages(first: 50) { items { id kind title body link } } }';
const PROGRESS =
  'query($n: String!, $c: String!) { applicationProgress(number: $n, queryCode: $c) { number status service { id title titleEn } departments { name nameEn status updatedAt } submittedAt updatedAt } }';
const SEARCH = 'query($q: String!) { searchServices(query: $q, platform: WECHAT) { id title target { kind value } } }';

/** What people type, and the first thing they should see. */
const SEARCH_TABLE: Array<[string, string]> = [
  ['护照', 'endorsement-appointment'],
  ['通行证', 'endorsement-appointment'],
  ['签证', 'endorsement-appointment'],
  ['办护照', 'endorsement-appointment'],
  ['违章', 'traffic-violations'],
  ['罚单', 'traffic-violations'],
  ['查违章', 'traffic-violations'],
  ['weizhang', 'traffic-violations'],
  ['结婚', 'marriage-appointment'],
  ['领证', 'marriage-appointment'],
  ['结婚登记', 'marriage-appointment'],
  ['开店', 'individual-business-licence'],
  ['个体户', 'individual-business-licence'],
  ['我想开店', 'individual-business-licence'],
  ['上学', 'school-enrolment'],
  ['入学', 'school-enrolment'],
  ['孩子上学', 'school-enrolment'],
  ['长辈版', 'elder-mode'],
  ['亲情版', 'elder-mode'],
  ['关怀版', 'elder-mode'],
  ['老年模式', 'elder-mode'],
  ['长辈', 'elder-mode'],
  ['挪车', 'car-move'],
  ['移车', 'car-move'],
  ['nuoche', 'car-move'],
  ['gjj', 'pf-balance'],
  ['公积金', 'pf-balance'],
  ['gongjijin', 'pf-balance'],
  ['社保', 'si-payment-record'],
  ['医保', 'medical-card'],
  ['公租房', 'public-rental-housing'],
  ['契税', 'deed-tax-subsidy'],
  ['港澳', 'hk-macao-endorsement'],
  ['签注', 'endorsement-appointment'],
  ['办件进度', 'progress-lookup'],
  ['查询码', 'progress-lookup'],
  ['投诉', 'hotline-12345'],
  ['12345', 'hotline-12345'],
  ['律师', 'legal-aid'],
  ['法律援助', 'legal-aid'],
  ['政策', 'policy-qa'],
  ['营业执照', 'business-licence-query'],
  ['疫苗', 'vaccination-record'],
];

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

let keys = 0;
const key = () => `ask-${process.pid}-${Date.now()}-${++keys}`;
const codeOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  body.errors?.[0]?.extensions?.code;

describe('the progress answer carries nothing personal (schema)', () => {
  it('reaches only service, status, departments and dates', () => {
    const schema = buildSchema();
    const allowed: Record<string, string[]> = {
      ApplicationProgress: ['number', 'service', 'status', 'departments', 'submittedAt', 'updatedAt'],
      ApplicationProgressService: ['id', 'title', 'titleEn'],
      ApplicationProgressDepartment: ['name', 'nameEn', 'status', 'updatedAt'],
    };
    const seen = new Set<string>();
    const walk = (typeName: string) => {
      if (seen.has(typeName)) return;
      seen.add(typeName);
      const type = schema.getType(typeName) as { getFields?: () => Record<string, { type: unknown }> };
      if (!type?.getFields) return;
      expect(Object.keys(type.getFields()).sort()).toEqual([...(allowed[typeName] ?? ['(not allowed)'])].sort());
      for (const field of Object.values(type.getFields())) {
        let inner = field.type as { ofType?: unknown; name?: string };
        while (inner.ofType) inner = inner.ofType as typeof inner;
        walk(inner.name!);
      }
    };
    walk('ApplicationProgress');
    expect([...seen].filter((t) => t in allowed).sort()).toEqual(Object.keys(allowed).sort());
  });
});

describe.each(testDatabases())('问 on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '100',
      DEPARTMENT_POLL_MS: '100',
      HOTLINE_POLL_MS: '100',
      UPSTREAM_RETRIES: '0',
      ASK_MAX_PER_DAY: '4',
      PROGRESS_MAX_FAILURES_PER_NUMBER: '5',
      PROGRESS_MAX_FAILURES_PER_CLIENT: '8',
    });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 300 : 600, 'provident-fund,social-insurance');
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  const ask = async (session: SignedIn, input: Record<string, unknown>) =>
    (
      await bff.gql(
        ASK,
        { i: { category: 'CONSULT', question: '公积金提取需要多久到账？', idempotencyKey: key(), ...input } },
        session.accessToken,
      )
    ).body;
  const tickets = async (reference: string) =>
    (await mock.json(`/hotline/dev/tickets?reference=${reference}`)).tickets as Array<{
      deliveries: number;
      category: string;
      context: Record<string, string | null>;
      photo: string | null;
      location: unknown;
      feedback: Array<{ solved: boolean }>;
      status: string;
    }>;
  const reply = (reference: string, text: string) =>
    mock.json(`/hotline/dev/tickets/${reference}/reply`, { method: 'POST', body: JSON.stringify({ reply: text }) });
  const get = async (session: SignedIn, id: string) =>
    (await bff.gql(GET, { id }, session.accessToken)).body.data?.consultation;

  describe('FAQ', () => {
    it('has at least five answers for every live service, and policy questions', async () => {
      const services = await bff.built.services.db
        .selectFrom('service_definitions')
        .select('id')
        .where('status', '=', 'published')
        .execute();
      expect(services.length).toBeGreaterThanOrEqual(9);
      for (const { id } of services) {
        const { body } = await bff.gql(
          'query($s: ID) { faq(serviceId: $s) { id serviceId question answer questionEn answerEn } }',
          { s: id },
        );
        expect(body.data.faq.length).toBeGreaterThanOrEqual(5);
        expect(
          body.data.faq.every(
            (f: { serviceId: string; answerEn: string }) => f.serviceId === id && f.answerEn.length > 0,
          ),
        ).toBe(true);
      }
      const policy = (await bff.gql('{ faq { id serviceId } }')).body.data.faq;
      expect(policy.length).toBeGreaterThanOrEqual(10);
      expect(policy.every((f: { serviceId: string | null }) => f.serviceId === null)).toBe(true);
    });

    it('finds answers by words, pinyin and synonyms', async () => {
      const search = async (query: string, serviceId?: string) =>
        (
          await bff.gql(
            'query($q: String!, $s: ID) { searchFaq(query: $q, serviceId: $s) { id question serviceId } }',
            { q: query, s: serviceId },
          )
        ).body.data.searchFaq as Array<{ id: string; serviceId: string | null }>;
      expect((await search('违章'))[0]!.id).toBe('policy-2');
      expect((await search('罚单'))[0]!.id).toBe('policy-2');
      expect((await search('领证'))[0]!.id).toBe('policy-3');
      expect((await search('长辈版'))[0]!.id).toBe('policy-11');
      expect((await search('到账', 'pf-withdraw-purchase'))[0]!.id).toBe('pf-withdraw-purchase-4');
      // pinyin initials of 公积金, and the category name: every fund answer.
      const gjj = await search('gjj');
      expect(gjj.map((f) => f.id)).toEqual(
        expect.arrayContaining(['pf-withdraw-purchase-1', 'pf-withdraw-rent-1', 'policy-6']),
      );
      const scoped = await search('条件', 'school-enrolment');
      expect(scoped.length).toBeGreaterThan(0);
      expect(scoped.every((f) => f.serviceId === 'school-enrolment' || f.serviceId === null)).toBe(true);
      expect(await search('zzzzqqqq')).toEqual([]);
    });
  });

  describe('search finds what people type', () => {
    it.each(SEARCH_TABLE)('%s → %s', async (query, expected) => {
      const { body } = await bff.gql(SEARCH, { q: query });
      expect(body.data.searchServices[0]?.id).toBe(expected);
    });

    it('has at least 40 queries', () => expect(SEARCH_TABLE.length).toBeGreaterThanOrEqual(40));

    it('offers the elder-mode switch as a page result, and the 问 tiles open their pages', async () => {
      const { body } = await bff.gql(SEARCH, { q: '关怀版' });
      expect(body.data.searchServices[0]).toMatchObject({
        id: 'elder-mode',
        target: { kind: 'PAGE', value: '/pages/me/index' },
      });
      const tiles = (
        await bff.gql('{ serviceTiles(platform: ALIPAY) { id line requiredLevel target { kind value } } }')
      ).body.data.serviceTiles as Array<{
        id: string;
        line: string;
        requiredLevel: number;
        target: { kind: string; value: string };
      }>;
      const byId = Object.fromEntries(tiles.map((t) => [t.id, t]));
      expect(byId['hotline-12345']).toMatchObject({
        requiredLevel: 1,
        target: { kind: 'PAGE', value: '/pages/ask/index' },
      });
      expect(byId['legal-aid']).toMatchObject({
        requiredLevel: 1,
        target: { kind: 'PAGE', value: '/pages/ask/index?category=LEGAL_AID' },
      });
      expect(byId['policy-qa']).toMatchObject({
        requiredLevel: 0,
        target: { kind: 'PAGE', value: '/pages/faq/index' },
      });
      expect(byId['progress-lookup']).toMatchObject({
        line: 'ASK',
        requiredLevel: 0,
        target: { kind: 'PAGE', value: '/pages/progress/index' },
      });
    });
  });

  describe('12345 consultations', () => {
    it('opens one ticket per key, with its context, photo and location, however often it is sent', async () => {
      const session = await citizens.verified();
      const upload = await fetch(`${bff.url}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'image/png' },
        body: new Uint8Array(plainPng()),
      });
      const photo = ((await upload.json()) as { id: string }).id;
      const input = {
        category: 'COMPLAINT',
        question: '小区门口路灯坏了一周，晚上很黑',
        serviceId: 'pf-withdraw-rent',
        photoUploadId: photo,
        location: { latitude: 22.543096123, longitude: 114.057865456, address: '福田区福华路8号' },
        idempotencyKey: key(),
      };
      const answers = await Promise.all(Array.from({ length: 5 }, () => ask(session, input)));
      const ids = new Set(answers.map((a) => a.data?.askQuestion.id));
      expect(ids.size).toBe(1);
      const first = answers[0]!.data.askQuestion;
      expect(first).toMatchObject({
        category: 'COMPLAINT',
        status: 'SUBMITTED',
        serviceId: 'pf-withdraw-rent',
        hasPhoto: true,
        location: { latitude: 22.5431, longitude: 114.0579, address: '福田区福华路8号' },
      });
      const ticket = await waitFor(
        () => tickets(first.number),
        (t) => t.length === 1,
      );
      expect(ticket[0]).toMatchObject({
        category: 'COMPLAINT',
        context: { serviceId: 'pf-withdraw-rent', applicationNumber: null },
        photo,
      });
      // The same key again, after delivery: the same consultation, still one ticket.
      expect((await ask(session, input)).data.askQuestion.id).toBe(first.id);
      const received = await waitFor(
        () => get(session, first.id),
        (c) => c.status === 'RECEIVED' && Boolean(c.ticketNo),
      );
      expect(received.ticketNo).toMatch(/^GD\d{11}$/);
      expect((await tickets(first.number)).length).toBe(1);
    });

    it("refuses another citizen's photo and application, and an unknown service", async () => {
      const [owner, other] = [await citizens.verified(), await citizens.verified()];
      const upload = await fetch(`${bff.url}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${owner.accessToken}`, 'content-type': 'image/png' },
        body: new Uint8Array(plainPng()),
      });
      const photo = ((await upload.json()) as { id: string }).id;
      expect(codeOf(await ask(other, { photoUploadId: photo }))).toBe('UPLOAD_NOT_FOUND');
      expect(codeOf(await ask(other, { applicationNumber: 'SQ2026010100000001' }))).toBe('NOT_FOUND');
      expect(codeOf(await ask(other, { serviceId: 'no-such-service' }))).toBe('SERVICE_NOT_FOUND');
      expect(codeOf(await ask(other, { question: '短' }))).toBe('BAD_USER_INPUT');
      expect(
        codeOf(
          await bff
            .gql(ASK, { i: { category: 'CONSULT', question: '没有登录能问吗？', idempotencyKey: key() } })
            .then((r) => r.body),
        ),
      ).toBe('UNAUTHENTICATED');
    });

    it('takes exactly the daily limit of questions sent at once', async () => {
      const session = await citizens.verified();
      const answers = await Promise.all(Array.from({ length: 12 }, () => ask(session, {})));
      expect(answers.filter((a) => a.data).length).toBe(4);
      expect(answers.filter((a) => codeOf(a) === 'CONSULTATION_LIMIT').length).toBe(8);
    });

    it('puts a reply in Messages once, however often the feed is read, and takes solved / not solved', async () => {
      const session = await citizens.verified();
      const asked = (
        await ask(session, { category: 'LEGAL_AID', question: '公司拖欠工资三个月，可以申请法律援助吗？' })
      ).data.askQuestion;
      expect(asked.category).toBe('LEGAL_AID');
      await waitFor(
        () => get(session, asked.id),
        (c) => Boolean(c.ticketNo),
      );
      expect(codeOf((await bff.gql(RATE, { id: asked.id, s: true }, session.accessToken)).body)).toBe(
        'CONSULTATION_WRONG_STATE',
      );

      await reply(asked.number, '可以申请，请携带劳动合同和工资流水到法律援助中心。');
      const replied = await waitFor(
        () => get(session, asked.id),
        (c) => c.status === 'REPLIED',
      );
      expect(replied).toMatchObject({
        canRate: true,
        canReopen: true,
        replies: [{ body: '可以申请，请携带劳动合同和工资流水到法律援助中心。' }],
      });
      // Replay: the feed read again from the start, and the event applied again by hand.
      const events = (await mock.json('/hotline/v1/events?after=0&limit=200')).events as Array<{
        reference: string;
        type: string;
      }>;
      await bff.built.services.db.updateTable('hotline_cursor').set({ last_seq: 0 }).execute();
      await bff.built.hotline.poll();
      for (const event of events.filter((e) => e.reference === asked.number))
        await bff.built.hotline.apply(event as never);
      const messages = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items.filter(
        (m: { kind: string }) => m.kind === 'CONSULTATION',
      );
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        title: '12345已答复您的法律援助咨询',
        link: `/pages/consultations/index?id=${asked.id}`,
      });
      expect((await get(session, asked.id)).replies).toHaveLength(1);

      // Not solved: reopened once, the hotline hears it; a second reply, not solved again: closed as unsolved.
      const reopened = (await bff.gql(RATE, { id: asked.id, s: false }, session.accessToken)).body.data
        .rateConsultation;
      expect(reopened).toMatchObject({ status: 'REOPENED', canRate: false });
      await waitFor(
        () => tickets(asked.number),
        (t) => t[0]?.status === 'REOPENED',
      );
      await reply(asked.number, '已联系劳动监察大队，请留意电话。');
      const again = await waitFor(
        () => get(session, asked.id),
        (c) => c.status === 'REPLIED',
      );
      expect(again).toMatchObject({ canRate: true, canReopen: false });
      expect(again.replies).toHaveLength(2);
      expect(
        (await bff.gql(RATE, { id: asked.id, s: false }, session.accessToken)).body.data.rateConsultation.status,
      ).toBe('UNSOLVED');
      await waitFor(
        () => tickets(asked.number),
        (t) => t[0]?.status === 'CLOSED',
      );
      expect((await tickets(asked.number))[0]!.feedback.map((f) => f.solved)).toEqual([false, false]);
      expect(codeOf((await bff.gql(RATE, { id: asked.id, s: true }, session.accessToken)).body)).toBe(
        'CONSULTATION_WRONG_STATE',
      );
      const all = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items.filter(
        (m: { kind: string }) => m.kind === 'CONSULTATION',
      );
      expect(all).toHaveLength(2);

      // Solved closes it; another citizen cannot see it.
      const second = (await ask(session, {})).data.askQuestion;
      await waitFor(
        () => get(session, second.id),
        (c) => Boolean(c.ticketNo),
      );
      await reply(second.number, '一般1至3个工作日到账。');
      await waitFor(
        () => get(session, second.id),
        (c) => c.status === 'REPLIED',
      );
      expect(
        (await bff.gql(RATE, { id: second.id, s: true }, session.accessToken)).body.data.rateConsultation.status,
      ).toBe('SOLVED');
      const stranger = await citizens.verified();
      expect(codeOf((await bff.gql(GET, { id: second.id }, stranger.accessToken)).body)).toBe('NOT_FOUND');
      const mine = (
        await bff.gql(
          'query { myConsultations(first: 10) { items { id status } nextCursor } }',
          {},
          session.accessToken,
        )
      ).body.data.myConsultations.items;
      expect(mine.map((c: { id: string }) => c.id)).toEqual([second.id, asked.id]);
    });
  });

  describe('progress lookup without signing in', () => {
    const lookup = async (number: string, code: string, client: string) => {
      const response = await fetch(`${bff.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ query: PROGRESS, variables: { n: number, c: code } }),
      });
      return (await response.json()) as {
        data?: any;
        errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
      };
    };
    let submitted: { number: string; queryCode: string; id: string };
    let person: { idNumber: string; name: string };

    beforeAll(async () => {
      const session = await citizens.verified();
      person = session.person;
      const { body } = await bff.gql(
        'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number queryCode } }',
        { s: 'si-payment-record', a: { months: '12', purpose: 'home', delivery: 'electronic' }, k: key() },
        session.accessToken,
      );
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      submitted = body.data.submitApplication;
      const messages = (await bff.gql(MESSAGES, {}, session.accessToken)).body.data.myMessages.items;
      expect(messages.find((m: { kind: string }) => m.kind === 'APPLICATION').body).toContain(
        `查询码 ${submitted.queryCode}`,
      );
    });

    it('answers the service, status, departments and dates, and nothing of the person', async () => {
      expect(submitted.queryCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
      const body = await lookup(submitted.number, submitted.queryCode.toLowerCase(), '10.0.0.1');
      expect(body.data.applicationProgress).toMatchObject({
        number: submitted.number,
        status: 'SUBMITTED',
        service: { id: 'si-payment-record' },
        departments: [{ status: 'SUBMITTED' }],
      });
      const text = JSON.stringify(body);
      expect(text).not.toContain(person.idNumber);
      expect(text).not.toContain(person.name);
    });

    it('answers a wrong code and an unknown number alike', async () => {
      const wrong = await lookup(submitted.number, submitted.queryCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA', '10.0.0.2');
      const unknown = await lookup('SQ2026010199999999', 'AAAAAA', '10.0.0.2');
      expect(codeOf(wrong)).toBe('PROGRESS_NOT_FOUND');
      expect(unknown.errors).toEqual(wrong.errors);
      expect(codeOf(await lookup('123', 'AAAAAA', '10.0.0.2'))).toBe('BAD_USER_INPUT');
    });

    it('evaluates exactly the per-number limit of 50 wrong codes sent at once, then refuses even the right one', async () => {
      const wrongCode = (i: number) =>
        `${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[i % 31]}${'ABCDE'}`.replace(submitted.queryCode, 'ZZZZZZ');
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => lookup(submitted.number, wrongCode(i), `10.1.${i}.1`)),
      );
      // The limit is 5 a day; the test above spent one on this number.
      expect(answers.filter((a) => codeOf(a) === 'PROGRESS_NOT_FOUND').length).toBe(4);
      expect(answers.filter((a) => codeOf(a) === 'PROGRESS_TOO_MANY_TRIES').length).toBe(46);
      expect(codeOf(await lookup(submitted.number, submitted.queryCode, '10.9.9.9'))).toBe('PROGRESS_TOO_MANY_TRIES');
    });

    it('evaluates exactly the per-client limit of lookups sent at once from one address', async () => {
      const numbers = Array.from({ length: 20 }, (_, i) => `SQ20260101${String(700000 + i).padStart(8, '0')}`);
      const answers = await Promise.all(numbers.map((n) => lookup(n, 'AAAAAA', '10.2.0.1')));
      expect(answers.filter((a) => codeOf(a) === 'PROGRESS_NOT_FOUND').length).toBe(8);
      expect(answers.filter((a) => codeOf(a) === 'PROGRESS_TOO_MANY_TRIES').length).toBe(12);
    });
  });
});
