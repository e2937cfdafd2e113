import {
  Citizens,
  operatorToken,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
} from './helpers';

const SAVE =
  'mutation($n: NoticeInput!, $r: Int!) { saveNoticeDraft(notice: $n, expectedRevision: $r) { revision updatedBy notice { id title publishAt expireAt } } }';
const PUBLISH =
  'mutation($id: ID!, $r: Int!) { publishNotice(id: $id, expectedRevision: $r) { id state liveVersion } }';
const UNPUBLISH = 'mutation($id: ID!) { unpublishNotice(id: $id) { id state } }';
const HOME = '{ homeNotices { id kind title titleEn body link } }';
const CONSOLE = '{ consoleNotices { id kind title state revision liveVersion } }';

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

let n = 0;
const notice = (overrides: Record<string, unknown> = {}) => ({
  id: `notice-${Date.now().toString(36)}-${++n}`,
  kind: 'BANNER',
  title: '社保年度缴费基数调整',
  titleEn: 'Social insurance base for 2027',
  body: '7月1日起按新基数缴费',
  bodyEn: 'New base from 1 July',
  link: '/pages/services/index',
  order: 1,
  ...overrides,
});

describe.each(testDatabases())('home notices on $name', (database) => {
  let bff: RunningBff;
  let shiftMs = 0;
  const tokens: Record<string, string | undefined> = {};
  const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;
  const liveIds = async () => (await bff.gql(HOME)).body.data.homeNotices.map((x: { id: string }) => x.id);

  beforeAll(async () => {
    bff = await startBff(
      { ...(await database.env()), AGENCY_BASE_URL: mock.url },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    for (const role of ['editor', 'publisher'] as const) tokens[role] = await operatorToken(bff, `${role}1`, role);
    tokens.citizen = (await new Citizens(bff, mock).signIn()).accessToken;
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => {
    shiftMs = 0;
  });

  it('lets editors draft and only publishers publish; citizens and strangers get neither', async () => {
    const draft = notice();
    expect(code((await bff.gql(SAVE, { n: draft, r: 0 })).body)).toBe('UNAUTHENTICATED');
    expect(code((await bff.gql(SAVE, { n: draft, r: 0 }, tokens.citizen)).body)).toBe('UNAUTHENTICATED');
    const saved = await bff.gql(SAVE, { n: draft, r: 0 }, tokens.editor);
    expect(saved.body.data.saveNoticeDraft).toMatchObject({ revision: 1, updatedBy: 'editor1' });
    expect(code((await bff.gql(PUBLISH, { id: draft.id, r: 1 }, tokens.editor)).body)).toBe('OPERATOR_ROLE_REQUIRED');
    expect(code((await bff.gql(CONSOLE, {}, tokens.citizen)).body)).toBe('UNAUTHENTICATED');
    // A draft is not on home.
    expect(await liveIds()).not.toContain(draft.id);
    const published = await bff.gql(PUBLISH, { id: draft.id, r: 1 }, tokens.publisher);
    expect(published.body.data.publishNotice).toEqual({ id: draft.id, state: 'PUBLISHED', liveVersion: 1 });
    const home = (await bff.gql(HOME)).body.data.homeNotices;
    expect(home).toContainEqual({
      id: draft.id,
      kind: 'BANNER',
      title: draft.title,
      titleEn: draft.titleEn,
      body: draft.body,
      link: '/pages/services/index',
    });
    const audit = (
      await bff.gql(
        'query($s: String) { auditLog(subject: $s) { action actor } }',
        { s: `notice:${draft.id}` },
        tokens.editor,
      )
    ).body.data.auditLog;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['notice.publish', 'notice.draft']);
  });

  it('shows a notice only from publishAt until expireAt, decided when home is read', async () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const scheduled = notice({
      kind: 'NOTICE',
      title: '系统升级：周六凌晨暂停服务',
      publishAt: at(3_600_000),
      expireAt: at(7_200_000),
    });
    await bff.gql(SAVE, { n: scheduled, r: 0 }, tokens.editor);
    expect((await bff.gql(PUBLISH, { id: scheduled.id, r: 1 }, tokens.publisher)).body.data.publishNotice.state).toBe(
      'SCHEDULED',
    );
    expect(await liveIds()).not.toContain(scheduled.id);
    shiftMs = 3_600_000 + 1_000;
    expect(await liveIds()).toContain(scheduled.id);
    const states = (await bff.gql(CONSOLE, {}, tokens.editor)).body.data.consoleNotices;
    expect(states.find((x: { id: string }) => x.id === scheduled.id).state).toBe('PUBLISHED');
    shiftMs = 7_200_000 + 1_000;
    expect(await liveIds()).not.toContain(scheduled.id);
    expect(
      (await bff.gql(CONSOLE, {}, tokens.editor)).body.data.consoleNotices.find(
        (x: { id: string }) => x.id === scheduled.id,
      ).state,
    ).toBe('EXPIRED');
  });

  it('refuses a stale revision, bad fields and a schedule that ends before it starts', async () => {
    const draft = notice({ kind: 'NOTICE' });
    await bff.gql(SAVE, { n: draft, r: 0 }, tokens.editor);
    const stale = await bff.gql(SAVE, { n: { ...draft, title: '另一位编辑的修改' }, r: 0 }, tokens.editor);
    expect(code(stale.body)).toBe('NOTICE_CONFLICT');
    expect(stale.body.errors![0]!.extensions!.currentRevision).toBe(1);
    expect(code((await bff.gql(PUBLISH, { id: draft.id, r: 5 }, tokens.publisher)).body)).toBe('NOTICE_CONFLICT');
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ title: '这是一个非常非常长的横幅标题，超过二十个字符了' }, 'title'],
      [{ link: 'https://evil.example.com/' }, 'link'],
      [{ link: '/pages/not-a-page/index' }, 'link'],
      [{ id: 'Bad Id' }, 'id'],
      [{ publishAt: '2027-01-02T00:00:00Z', expireAt: '2027-01-01T00:00:00Z' }, 'expireAt'],
      [{ publishAt: 'tomorrow' }, 'publishAt'],
    ];
    for (const [overrides, field] of bad) {
      const res = await bff.gql(SAVE, { n: notice(overrides), r: 0 }, tokens.editor);
      expect([code(res.body), res.body.errors?.[0]?.extensions?.field]).toEqual(['NOTICE_INVALID', field]);
    }
  });

  it('takes a published notice down at once', async () => {
    const draft = notice({ kind: 'NOTICE' });
    await bff.gql(SAVE, { n: draft, r: 0 }, tokens.editor);
    await bff.gql(PUBLISH, { id: draft.id, r: 1 }, tokens.publisher);
    expect(await liveIds()).toContain(draft.id);
    expect((await bff.gql(UNPUBLISH, { id: draft.id }, tokens.publisher)).body.data.unpublishNotice.state).toBe(
      'UNPUBLISHED',
    );
    expect(await liveIds()).not.toContain(draft.id);
    expect(code((await bff.gql(UNPUBLISH, { id: draft.id }, tokens.publisher)).body)).toBe('NOTICE_NOT_FOUND');
  });
});
