import {
  Citizens,
  operatorToken,
  startBff,
  startMockData,
  testDatabases,
  waitFor,
  type MockData,
  type RunningBff,
} from './helpers';

const SERVICE_FIELDS = 'id title version departments { code } formSchema guide { itemCode visits }';
const SAVE = `mutation($s: ServiceInput!, $r: Int!) { saveServiceDraft(service: $s, expectedRevision: $r) { revision updatedBy service { ${SERVICE_FIELDS} } } }`;
const PUBLISH =
  'mutation($id: ID!, $r: Int!) { publishService(id: $id, expectedRevision: $r) { id state liveVersion revision } }';
const ROLLBACK = 'mutation($id: ID!, $v: Int!) { rollbackService(id: $id, version: $v) { id state liveVersion } }';
const DRAFT = 'query($id: ID!) { serviceDraft(id: $id) { revision service { id } } }';
const FORM = `query($s: ID!) { applicationForm(serviceId: $s) { service { id version formSchema } prefilled { fieldId display source }
  draft { answers version definitionVersion removedFields addedFields } } }`;
const SUBMIT =
  'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number status definitionVersion service { version formSchema } answers { fieldId display } } }';
const SAVE_CARD =
  'mutation($c: InquiryCardInput!, $r: Int!) { saveInquiryCardDraft(card: $c, expectedRevision: $r) { revision previewed } }';
const PREVIEW_CARD =
  'mutation($id: ID!, $r: Int!) { previewInquiryCard(id: $id, revision: $r) { found rows { label value } } }';
const PUBLISH_CARD = 'mutation($id: ID!, $r: Int!) { publishInquiryCard(id: $id, expectedRevision: $r) { id } }';
const CARD = 'query($id: ID!) { inquiryCard(id: $id) { found rows { label labelEn value } } }';

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData({ MOCK_DEPARTMENT_PACE_MS: '0' });
});
afterAll(() => mock.stop());

let n = 0;
const guide = {
  itemCode: '44030012345',
  legalBasis: '《住房公积金管理条例》第二十四条',
  legalBasisEn: 'Housing Provident Fund Regulations, art. 24',
  eligibility: '本市缴存人',
  eligibilityEn: 'Contributors in the city',
  statutoryDays: 5,
  feeBasis: '不收费',
  feeBasisEn: 'No fee',
  place: '市民中心B区',
  placeEn: 'Citizen Centre, Block B',
  hours: '工作日9:00-17:00',
  hoursEn: 'Weekdays 9:00-17:00',
  enquiryPhone: '12329',
  complaintPhone: '12345',
  result: '提取到账',
  resultEn: 'Money paid out',
  delivery: '转入本人银行卡',
  deliveryEn: 'Into your own bank card',
  visits: 0,
};
/** A service as the console's form builder sends it: a prefill, a rule with its own message, a condition, a file field. */
const service = (overrides: Record<string, unknown> = {}) => ({
  id: `console-svc-${process.pid}-${++n}`,
  title: '公积金账户信息变更',
  titleEn: 'Change fund account details',
  categoryId: 'provident-fund',
  lines: ['DO'],
  description: '变更公积金账户的联系信息。',
  descriptionEn: 'Change the contact details of a fund account.',
  requiredLevel: 2,
  departments: ['provident-fund'],
  promisedDays: 2,
  fees: '免费',
  feesEn: 'Free',
  materials: [{ id: 'proof', name: '证明材料', nameEn: 'Proof', fieldId: 'proof', required: false }],
  guide,
  form: {
    fields: [
      {
        id: 'name',
        type: 'text',
        label: '姓名',
        labelEn: 'Name',
        required: true,
        prefill: { source: 'population', path: 'name' },
      },
      {
        id: 'fundAccount',
        type: 'text',
        label: '公积金账号',
        labelEn: 'Fund account',
        required: true,
        prefill: { source: 'provident-fund', path: 'accountNumber' },
      },
      {
        id: 'email',
        type: 'text',
        label: '电子邮箱',
        labelEn: 'Email',
        required: true,
        pattern: '[^@\\s]+@[^@\\s]+',
        patternMessage: '请输入有效的邮箱',
        patternMessageEn: 'Enter a valid email.',
      },
      {
        id: 'reason',
        type: 'select',
        label: '变更原因',
        labelEn: 'Reason',
        required: true,
        options: [
          { value: 'moved', label: '搬家', labelEn: 'Moved' },
          { value: 'other', label: '其他', labelEn: 'Other' },
        ],
      },
      {
        id: 'reasonOther',
        type: 'text',
        label: '其他原因',
        labelEn: 'Other reason',
        required: true,
        maxLength: 50,
        visibleWhen: { field: 'reason', equals: ['other'] },
      },
      {
        id: 'proof',
        type: 'file',
        label: '证明材料照片',
        labelEn: 'Photo of proof',
        accept: ['image/jpeg', 'image/png'],
        maxBytes: 5242880,
      },
    ],
  },
  ...overrides,
});

describe.each(testDatabases())('services authored in the console on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  const tokens: Record<string, string | undefined> = {};
  const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    bff = await startBff({
      ...(await database.env()),
      AGENCY_BASE_URL: mock.url,
      OUTBOX_POLL_MS: '100',
      DEPARTMENT_POLL_MS: '100',
    });
    for (const role of ['clerk', 'editor', 'publisher', 'admin'] as const)
      tokens[role] = await operatorToken(bff, `svc-${role}`, role);
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 300 : 500, 'provident-fund,social-insurance');
    tokens.citizen = (await citizens.verified()).accessToken;
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  const auditCount = async (subject: string) =>
    Number(
      (
        await bff.built.services.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('subject', '=', subject)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const publishNew = async (input: ReturnType<typeof service>) => {
    const saved = await bff.gql(SAVE, { s: input, r: 0 }, tokens.editor);
    expect(saved.body.errors).toBeUndefined();
    const published = await bff.gql(
      PUBLISH,
      { id: input.id, r: saved.body.data.saveServiceDraft.revision },
      tokens.publisher,
    );
    expect(published.body.errors).toBeUndefined();
    return published.body.data.publishService;
  };

  it('checks every new operation against anonymous, citizen, clerk, editor, publisher and admin', async () => {
    const draft = service();
    await bff.gql(SAVE, { s: draft, r: 0 }, tokens.editor);
    const hall = {
      id: 'citizen-centre',
      name: '市民中心政务服务大厅',
      nameEn: 'Citizen Centre Service Hall',
      address: '福田区福中三路市民中心B区',
      addressEn: 'Block B, Citizen Centre',
      hours: '工作日',
      hoursEn: 'Weekdays',
      schedule: [{ weekday: 1, times: ['09:00'] }],
      services: [],
    };
    const ops: Array<[string, Record<string, unknown>, 'editor' | 'publisher']> = [
      ['{ consoleServices { id } }', {}, 'editor'],
      [DRAFT, { id: draft.id }, 'editor'],
      ['query($id: ID!) { serviceVersions(id: $id) { version } }', { id: draft.id }, 'editor'],
      ['query { describedFields(source: "population") { name } }', {}, 'editor'],
      ['query { knownDepartments { code } }', {}, 'editor'],
      ['query { serviceFaqEntries(serviceId: "pf-withdraw-rent") { id } }', {}, 'editor'],
      ['query { consoleHalls { id } }', {}, 'editor'],
      ['query { consoleInquiryCards { id } }', {}, 'editor'],
      [SAVE, { s: service(), r: 0 }, 'editor'],
      [
        SAVE_CARD,
        {
          c: { id: 'no-card', title: '测试', titleEn: 'Test', source: 'population', requiredLevel: 2, fields: [] },
          r: 0,
        },
        'editor',
      ],
      [PREVIEW_CARD, { id: 'no-such-card', r: 1 }, 'editor'],
      [PUBLISH, { id: draft.id, r: 99 }, 'publisher'],
      ['mutation($id: ID!) { unpublishService(id: $id) { id } }', { id: 'no-such-service' }, 'publisher'],
      [ROLLBACK, { id: draft.id, v: 99 }, 'publisher'],
      [
        'mutation { createServiceTile(serviceId: "no-such-service", tile: { icon: "fund", platforms: [H5] }) { id } }',
        {},
        'publisher',
      ],
      [
        'mutation { saveServiceFaqEntry(entry: { serviceId: "no-such-service", question: "", questionEn: "", answer: "", answerEn: "" }) { id } }',
        {},
        'publisher',
      ],
      ['mutation { deleteServiceFaqEntry(id: "no-such-entry") }', {}, 'publisher'],
      ['mutation($h: HallInput!) { saveHall(hall: $h) { id } }', { h: { ...hall, id: '' } }, 'publisher'],
      [PUBLISH_CARD, { id: 'no-such-card', r: 1 }, 'publisher'],
      ['mutation { unpublishInquiryCard(id: "no-such-card") { id } }', {}, 'publisher'],
    ];
    const rank = { anonymous: 0, citizen: 0, clerk: 0.5, editor: 1, publisher: 2, admin: 3 } as const;
    for (const [query, variables, needed] of ops) {
      for (const who of ['anonymous', 'citizen', 'clerk', 'editor', 'publisher', 'admin'] as const) {
        const outcome = code((await bff.gql(query, variables, tokens[who])).body);
        const expected =
          rank[who] === 0 ? 'UNAUTHENTICATED' : rank[who] < rank[needed] ? 'OPERATOR_ROLE_REQUIRED' : 'allowed';
        // Allowed calls may still fail on their arguments: never on the role.
        const seen = outcome === 'UNAUTHENTICATED' || outcome === 'OPERATOR_ROLE_REQUIRED' ? outcome : 'allowed';
        expect([query.slice(0, 40), who, seen]).toEqual([query.slice(0, 40), who, expected]);
      }
    }
  });

  it('refuses a bad schema, an unknown department, a prefill the agency does not describe and missing English, each on its code, saving nothing', async () => {
    const cases: Array<[string, Record<string, unknown>, string, string | undefined]> = [
      [
        'bad schema',
        {
          form: {
            fields: [
              { id: 'a', type: 'select', label: '甲', labelEn: 'A', options: [] },
              { id: 'b', type: 'text', label: '乙', labelEn: 'B', visibleWhen: { field: 'later', equals: ['x'] } },
            ],
          },
        },
        'SERVICE_FORM_INVALID',
        'form',
      ],
      [
        'unknown department',
        { departments: ['provident-fund', 'ministry-of-magic'] },
        'SERVICE_DEPARTMENT_UNKNOWN',
        'departments',
      ],
      [
        'undescribed prefill',
        {
          form: {
            fields: [
              {
                id: 'shoeSize',
                type: 'number',
                label: '鞋码',
                labelEn: 'Shoe size',
                prefill: { source: 'population', path: 'shoeSize' },
              },
            ],
          },
          materials: [],
        },
        'SERVICE_PREFILL_UNRESOLVED',
        'form.shoeSize.prefill',
      ],
      ['missing English (title)', { titleEn: ' ' }, 'SERVICE_ENGLISH_MISSING', 'titleEn'],
      [
        'missing English (a field label)',
        { form: { fields: [{ id: 'note', type: 'text', label: '备注', labelEn: '' }] } },
        'SERVICE_ENGLISH_MISSING',
        'form.note.labelEn',
      ],
      [
        'missing English (the guide)',
        { guide: { ...guide, legalBasisEn: '' } },
        'SERVICE_ENGLISH_MISSING',
        'guide.legalBasisEn',
      ],
    ];
    for (const [name, overrides, expected, field] of cases) {
      const input = service(overrides);
      const { body } = await bff.gql(SAVE, { s: input, r: 0 }, tokens.admin);
      expect([name, code(body), body.errors?.[0]?.extensions?.field]).toEqual([name, expected, field]);
      if (expected === 'SERVICE_FORM_INVALID')
        expect((body.errors?.[0]?.extensions?.problems as string[]).length).toBeGreaterThanOrEqual(2);
      // Nothing saved: no draft, no audit entry.
      expect((await bff.gql(DRAFT, { id: input.id }, tokens.editor)).body.data.serviceDraft).toBeNull();
      expect(await auditCount(`service:${input.id}`)).toBe(0);
    }
    // The picker offers what the agency describes, and the derived balance resolves.
    const described = (
      await bff.gql('query { describedFields(source: "provident-fund") { name type } }', {}, tokens.editor)
    ).body.data.describedFields;
    expect(described.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['accountNumber', 'employer', 'balanceCents']),
    );
  });

  it('a console-built service is applied for, prefilled, checked on the server and delivered to its department; a new version, a draft and an open application; rollback', async () => {
    const input = service();
    const published = await publishNew(input);
    expect(published).toMatchObject({ state: 'PUBLISHED', liveVersion: 1 });
    // Its tile in one step.
    const tile = await bff.gql(
      `mutation($s: ID!) { createServiceTile(serviceId: $s, tile: { title: "账户信息变更", icon: "fund", platforms: [H5, WECHAT] }) { id state } }`,
      { s: input.id },
      tokens.publisher,
    );
    expect(tile.body.data.createServiceTile).toEqual({ id: input.id, state: 'PUBLISHED' });
    const live = (await bff.gql('query { serviceTiles(platform: H5) { id } }')).body.data.serviceTiles.map(
      (t: { id: string }) => t.id,
    );
    expect(live).toContain(input.id);
    // The 办事指南 reaches citizens with the service (the service page shows it), signed in or not.
    const shownGuide = (
      await bff.gql('query($id: ID!) { service(id: $id) { guide { itemCode legalBasisEn statutoryDays visits } } }', {
        id: input.id,
      })
    ).body.data.service.guide;
    expect(shownGuide).toEqual({
      itemCode: guide.itemCode,
      legalBasisEn: guide.legalBasisEn,
      statutoryDays: guide.statutoryDays,
      visits: guide.visits,
    });

    const citizen = await citizens.verified();
    const opened = (await bff.gql(FORM, { s: input.id }, citizen.accessToken)).body.data.applicationForm;
    expect(opened.service.version).toBe(1);
    const prefilled = Object.fromEntries(
      opened.prefilled.map((p: { fieldId: string; display: string }) => [p.fieldId, p.display]),
    );
    expect(prefilled.name).toMatch(/^.\*+$/);
    expect(prefilled.fundAccount).toMatch(/^\d{4}\*+\d{4}$/);
    // The server checks the rule (with its own message code) and the condition.
    const bad = await bff.gql(
      SUBMIT,
      { s: input.id, a: { email: 'not-an-email', reason: 'moved' }, k: `svc-bad-${n}-${Date.now()}` },
      citizen.accessToken,
    );
    expect([code(bad.body), bad.body.errors?.[0]?.extensions?.field]).toEqual(['FORM_FIELD_PATTERN', 'email']);
    const hidden = await bff.gql(
      SUBMIT,
      { s: input.id, a: { email: 'a@b.cn', reason: 'other' }, k: `svc-bad2-${n}-${Date.now()}` },
      citizen.accessToken,
    );
    expect([code(hidden.body), hidden.body.errors?.[0]?.extensions?.field]).toEqual([
      'FORM_FIELD_REQUIRED',
      'reasonOther',
    ]);
    const submitted = await bff.gql(
      SUBMIT,
      {
        s: input.id,
        a: { email: 'li@example.cn', reason: 'other', reasonOther: '换工作' },
        k: `svc-ok-${n}-${Date.now()}`,
      },
      citizen.accessToken,
    );
    expect(submitted.body.errors).toBeUndefined();
    const application = submitted.body.data.submitApplication;
    expect(application).toMatchObject({ status: 'SUBMITTED', definitionVersion: 1 });
    const delivered = await waitFor(
      async () => (await mock.json(`/provident-fund/dev/applications?reference=${application.number}`)).applications,
      (list: unknown[]) => list.length === 1,
    );
    expect(delivered[0]).toMatchObject({
      serviceId: input.id,
      answers: expect.objectContaining({ email: 'li@example.cn', reasonOther: '换工作' }),
    });

    // A second citizen keeps a draft with an answer to a field the next version drops.
    const drafter = await citizens.verified();
    await bff.gql(
      'mutation($s: ID!, $a: JSONObject!) { saveDraft(serviceId: $s, answers: $a) { version } }',
      { s: input.id, a: { email: 'wang@example.cn', reason: 'other', reasonOther: '其他' } },
      drafter.accessToken,
    );

    // Version 2: the free-text reason goes, a phone comes.
    const fields = input.form.fields
      .filter((f) => f.id !== 'reasonOther')
      .map((f) => (f.id === 'reason' ? { ...f, options: [f.options![0]] } : f));
    const v2 = {
      ...input,
      form: {
        fields: [...fields, { id: 'mobile', type: 'phone', label: '手机号', labelEn: 'Mobile', required: true }],
      },
    };
    const draft = (await bff.gql(DRAFT, { id: input.id }, tokens.editor)).body.data.serviceDraft;
    const saved = await bff.gql(SAVE, { s: v2, r: draft.revision }, tokens.editor);
    expect(saved.body.errors).toBeUndefined();
    // A stale save is a conflict, kept aside.
    expect(code((await bff.gql(SAVE, { s: v2, r: draft.revision }, tokens.editor)).body)).toBe('SERVICE_CONFLICT');
    expect(
      (await bff.gql(PUBLISH, { id: input.id, r: saved.body.data.saveServiceDraft.revision }, tokens.publisher)).body
        .data.publishService.liveVersion,
    ).toBe(2);

    const reopened = (await bff.gql(FORM, { s: input.id }, drafter.accessToken)).body.data.applicationForm;
    expect(reopened.service.version).toBe(2);
    expect(reopened.draft).toMatchObject({
      definitionVersion: 1,
      removedFields: ['reasonOther'],
      addedFields: ['mobile'],
    });
    expect(reopened.draft.answers).toEqual({ email: 'wang@example.cn', reason: 'other' });
    // The open application keeps the version it was submitted under.
    const still = (
      await bff.gql(
        'query($id: ID!) { application(id: $id) { definitionVersion service { version } answers { fieldId } } }',
        { id: application.id },
        citizen.accessToken,
      )
    ).body.data.application;
    expect(still).toMatchObject({ definitionVersion: 1, service: { version: 1 } });
    expect(still.answers.map((a: { fieldId: string }) => a.fieldId)).toContain('reasonOther');

    // Rollback to version 1, as version 3; the application and the department are untouched.
    expect((await bff.gql(ROLLBACK, { id: input.id, v: 1 }, tokens.publisher)).body.data.rollbackService).toMatchObject(
      { state: 'PUBLISHED', liveVersion: 3 },
    );
    const rolled = (await bff.gql(FORM, { s: input.id }, drafter.accessToken)).body.data.applicationForm;
    expect(rolled.service.formSchema.fields.map((f: { id: string }) => f.id)).toContain('reasonOther');
    expect(
      (
        await bff.gql(
          'query($id: ID!) { serviceVersions(id: $id) { version action } }',
          { id: input.id },
          tokens.editor,
        )
      ).body.data.serviceVersions.map((v: { action: string }) => v.action),
    ).toEqual(['rollback:1', 'publish', 'publish']);
    expect(
      (await mock.json(`/provident-fund/dev/applications?reference=${application.number}`)).applications[0].deliveries,
    ).toBe(1);
    const actions = (
      await bff.gql(
        'query($s: String) { auditLog(subject: $s, limit: 20) { action } }',
        { s: `service:${input.id}` },
        tokens.editor,
      )
    ).body.data.auditLog.map((a: { action: string }) => a.action);
    expect(actions).toEqual([
      'service.rollback',
      'service.publish',
      'service.draft',
      'service.publish',
      'service.draft',
    ]);
  });

  it('an inquiry card shows the citizen their own record and never another’s; unmasked fields are limited and a preview comes first', async () => {
    const id = `pf-card-${process.pid}-${++n}`;
    const card = (mask: string) => ({
      id,
      title: '我的公积金',
      titleEn: 'My provident fund',
      source: 'provident-fund',
      requiredLevel: 2,
      fields: [
        { path: 'accountNumber', label: '账号', labelEn: 'Account', mask: 'ACCOUNT', format: 'TEXT' },
        { path: 'employer', label: '单位', labelEn: 'Employer', mask, format: 'TEXT' },
        { path: 'balanceCents', label: '余额（元）', labelEn: 'Balance (yuan)', mask: 'NONE', format: 'YUAN_FROM_FEN' },
      ],
    });
    // The account number unmasked is not on the allow-list.
    const refused = await bff.gql(
      SAVE_CARD,
      {
        c: {
          ...card('NONE'),
          fields: [{ path: 'accountNumber', label: '账号', labelEn: 'Account', mask: 'NONE', format: 'TEXT' }],
        },
        r: 0,
      },
      tokens.editor,
    );
    expect([code(refused.body), refused.body.errors?.[0]?.extensions?.field]).toEqual([
      'INQUIRY_FIELD_NOT_ALLOWED',
      'fields.0.mask',
    ]);
    const saved = (await bff.gql(SAVE_CARD, { c: card('NONE'), r: 0 }, tokens.editor)).body.data.saveInquiryCardDraft;
    expect(code((await bff.gql(PUBLISH_CARD, { id, r: saved.revision }, tokens.publisher)).body)).toBe(
      'INQUIRY_PREVIEW_REQUIRED',
    );
    const preview = (await bff.gql(PREVIEW_CARD, { id, r: saved.revision }, tokens.editor)).body.data
      .previewInquiryCard;
    expect(preview.rows.map((r: { label: string }) => r.label)).toEqual(['账号', '单位', '余额（元）']);
    expect((await bff.gql(PUBLISH_CARD, { id, r: saved.revision }, tokens.publisher)).body.errors).toBeUndefined();

    const a = await citizens.verified();
    const b = await citizens.verified();
    const recordOf = async (idNumber: string) =>
      (await mock.json(`/provident-fund/v1/accounts/${idNumber}`)) as {
        accountNumber: string;
        employer: string;
        balanceCents: number;
      };
    for (const who of [a, b]) {
      const own = await recordOf(who.person.idNumber);
      const shown = (await bff.gql(CARD, { id }, who.accessToken)).body.data.inquiryCard;
      expect(shown.found).toBe(true);
      expect(shown.rows.map((r: { value: string }) => r.value)).toEqual([
        `${own.accountNumber.slice(0, 4)}${'*'.repeat(own.accountNumber.length - 8)}${own.accountNumber.slice(-4)}`,
        own.employer,
        (own.balanceCents / 100).toFixed(2),
      ]);
    }
    const [ra, rb] = await Promise.all([recordOf(a.person.idNumber), recordOf(b.person.idNumber)]);
    expect(ra.accountNumber).not.toBe(rb.accountNumber);
    // No way to ask for someone else's: the card takes no identity argument, and signed out it is refused.
    expect(
      code(
        (await bff.gql('query($id: ID!) { inquiryCard(id: $id, idNumber: "x") { found } }', { id }, a.accessToken))
          .body,
      ),
    ).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(code((await bff.gql(CARD, { id })).body)).toBe('UNAUTHENTICATED');
  });

  it('a tile opens a 查 card only once the card is published; the card says how each value is formatted', async () => {
    const SAVE_TILE = 'mutation($t: TileInput!) { saveTileDraft(tile: $t, expectedRevision: 0) { revision } }';
    const id = `pf-tile-card-${process.pid}-${++n}`;
    const tile = (cardId: string, suffix = '') => ({
      id: `card-tile-${process.pid}-${++n}`,
      title: '我的公积金',
      titleEn: 'My fund',
      icon: 'fund',
      categoryId: 'provident-fund',
      line: 'INQUIRE',
      target: { kind: 'PAGE', value: `/inquiry/pages/card/index?id=${cardId}${suffix}` },
      platforms: ['H5'],
      regions: [],
      requiredLevel: 2,
      order: 5,
    });
    const card = {
      id,
      title: '我的公积金',
      titleEn: 'My provident fund',
      source: 'provident-fund',
      requiredLevel: 2,
      fields: [
        { path: 'accountNumber', label: '账号', labelEn: 'Account', mask: 'ACCOUNT', format: 'TEXT' },
        { path: 'balanceCents', label: '余额', labelEn: 'Balance', mask: 'NONE', format: 'YUAN_FROM_FEN' },
      ],
    };
    // Unknown, then saved but not published: no tile may open it.
    expect(code((await bff.gql(SAVE_TILE, { t: tile('no-such-card') }, tokens.editor)).body)).toBe(
      'TILE_TARGET_UNKNOWN',
    );
    const saved = (await bff.gql(SAVE_CARD, { c: card, r: 0 }, tokens.editor)).body.data.saveInquiryCardDraft;
    expect(code((await bff.gql(SAVE_TILE, { t: tile(id) }, tokens.editor)).body)).toBe('TILE_TARGET_UNKNOWN');
    await bff.gql(PREVIEW_CARD, { id, r: saved.revision }, tokens.editor);
    expect((await bff.gql(PUBLISH_CARD, { id, r: saved.revision }, tokens.publisher)).body.errors).toBeUndefined();
    // Published: a tile opens it, and nothing may ride along in the target.
    expect(code((await bff.gql(SAVE_TILE, { t: tile(id, '&type=x') }, tokens.editor)).body)).toBe(
      'TILE_TARGET_UNKNOWN',
    );
    const good = tile(id);
    expect((await bff.gql(SAVE_TILE, { t: good }, tokens.editor)).body.errors).toBeUndefined();
    expect(
      (
        await bff.gql(
          'mutation($id: ID!) { publishTile(id: $id, expectedRevision: 1) { state } }',
          { id: good.id },
          tokens.publisher,
        )
      ).body.data.publishTile.state,
    ).toBe('PUBLISHED');
    const live = (
      await bff.gql('query { serviceTiles(platform: H5) { id target { kind value } } }')
    ).body.data.serviceTiles.find((t: { id: string }) => t.id === good.id);
    expect(live.target).toEqual({ kind: 'PAGE', value: `/inquiry/pages/card/index?id=${id}` });

    const who = await citizens.verified();
    const own = (await mock.json(`/provident-fund/v1/accounts/${who.person.idNumber}`)) as { balanceCents: number };
    const rows = (
      await bff.gql('query($id: ID!) { inquiryCard(id: $id) { rows { label value format } } }', { id }, who.accessToken)
    ).body.data.inquiryCard.rows;
    expect(rows.map((r: { format: string }) => r.format)).toEqual(['TEXT', 'YUAN_FROM_FEN']);
    expect(rows[1].value).toBe((own.balanceCents / 100).toFixed(2));

    // Taking the card off line: refused while the published tile opens it (no citizen meets a
    // tile that leads nowhere), then done once the tile is unpublished; publishing brings it back.
    const UNPUBLISH_CARD = 'mutation($id: ID!) { unpublishInquiryCard(id: $id) { id } }';
    const blocked = (await bff.gql(UNPUBLISH_CARD, { id }, tokens.publisher)).body;
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'INQUIRY_CARD_IN_USE', tiles: [good.id] });
    expect((await bff.gql(CARD, { id }, who.accessToken)).body.data.inquiryCard.found).toBe(true);
    expect(
      (await bff.gql('mutation($id: ID!) { unpublishTile(id: $id) { state } }', { id: good.id }, tokens.publisher)).body
        .errors,
    ).toBeUndefined();
    expect((await bff.gql(UNPUBLISH_CARD, { id }, tokens.publisher)).body.errors).toBeUndefined();
    expect(code((await bff.gql(CARD, { id }, who.accessToken)).body)).toBe('INQUIRY_CARD_NOT_FOUND');
    expect(
      (await bff.gql('query { inquiryCards { id } }')).body.data.inquiryCards.map((c: { id: string }) => c.id),
    ).not.toContain(id);
    expect(code((await bff.gql(UNPUBLISH_CARD, { id }, tokens.publisher)).body)).toBe('INQUIRY_CARD_NOT_FOUND');
    // Off line, no tile may point at it again; the kept draft publishes it again.
    expect(code((await bff.gql(SAVE_TILE, { t: tile(id) }, tokens.editor)).body)).toBe('TILE_TARGET_UNKNOWN');
    expect((await bff.gql(PUBLISH_CARD, { id, r: saved.revision }, tokens.publisher)).body.errors).toBeUndefined();
    expect((await bff.gql(CARD, { id }, who.accessToken)).body.data.inquiryCard.found).toBe(true);
    expect(
      await bff.built.services.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject', '=', `inquiry:${id}`)
        .where('action', '=', 'inquiry.unpublish')
        .execute(),
    ).toHaveLength(1);
  });

  it('edits halls and their capacities, and FAQ entries per service, audited', async () => {
    const hall = {
      id: `hall-${process.pid}-${++n}`,
      name: '南山政务服务中心',
      nameEn: 'Nanshan Service Centre',
      address: '南山区南海大道1号',
      addressEn: '1 Nanhai Avenue, Nanshan',
      hours: '工作日 9:00-17:00',
      hoursEn: 'Weekdays 9:00-17:00',
      schedule: [
        { weekday: 1, times: ['09:00', '09:30'] },
        { weekday: 3, times: ['14:00'] },
      ],
      services: [{ serviceId: 'hk-macao-endorsement', capacity: 4 }],
    };
    const saved = await bff.gql(
      'mutation($h: HallInput!) { saveHall(hall: $h) { id services { serviceId capacity } schedule { weekday times } } }',
      { h: hall },
      tokens.publisher,
    );
    expect(saved.body.data.saveHall).toEqual({
      id: hall.id,
      services: [{ serviceId: 'hk-macao-endorsement', capacity: 4 }],
      schedule: hall.schedule,
    });
    const badService = await bff.gql(
      'mutation($h: HallInput!) { saveHall(hall: $h) { id } }',
      { h: { ...hall, services: [{ serviceId: 'no-such', capacity: 1 }] } },
      tokens.publisher,
    );
    expect([code(badService.body), badService.body.errors?.[0]?.extensions?.field]).toEqual([
      'HALL_INVALID',
      'services.serviceId',
    ]);

    const entry = await bff.gql(
      'mutation($e: ServiceFaqInput!) { saveServiceFaqEntry(entry: $e) { id question } }',
      {
        e: {
          serviceId: 'pf-withdraw-rent',
          question: '可以代办吗？',
          questionEn: 'Can someone apply for me?',
          answer: '可以，需授权委托书。',
          answerEn: 'Yes, with a power of attorney.',
          keywords: '代办 委托',
        },
      },
      tokens.publisher,
    );
    const faqId = entry.body.data.saveServiceFaqEntry.id;
    const publicFaq = (await bff.gql('query { faq(serviceId: "pf-withdraw-rent") { question } }')).body;
    expect(JSON.stringify(publicFaq)).toContain('可以代办吗？');
    const noEnglish = await bff.gql(
      'mutation($e: ServiceFaqInput!) { saveServiceFaqEntry(entry: $e) { id } }',
      { e: { serviceId: 'pf-withdraw-rent', question: '问', questionEn: '', answer: '答', answerEn: 'A' } },
      tokens.publisher,
    );
    expect(code(noEnglish.body)).toBe('FAQ_ENTRY_INVALID');
    expect(
      (await bff.gql('mutation($id: ID!) { deleteServiceFaqEntry(id: $id) }', { id: faqId }, tokens.publisher)).body
        .data.deleteServiceFaqEntry,
    ).toBe(true);
    expect(await auditCount('service:pf-withdraw-rent')).toBe(2);
  });
});
