import { Citizens, startBff, mockDataInProcess, testDatabases, type MockData, type RunningBff } from './helpers';
import { VERIFY_REAL_NAME } from '../../test-support/policies';

/**
 * Acting for family (issue 17): a parent acts for a child under 18 with no grant, until
 * the 18th birthday (China time, the clock moved); every citizen operation is checked
 * against the acting table; face, phone, deletion, full licences and real-name steps are
 * never a helper's; the audit log names both.
 */
jest.setTimeout(120_000);

const FAMILY = 'query { myFamily { ref relation maskedName birthYear age canActFor actsUntil basis } }';
const ACT_AS = 'mutation($r: ID!) { actAs(ref: $r) { maskedName relation basis until } }';
const ACTING_FOR = 'query { actingFor { maskedName relation basis until } }';
const DAY = 86_400_000;
/** A China day and time as an instant. */
const china = (day: string, time: string) => new Date(Date.parse(`${day}T${time}:00Z`) - 8 * 3600_000);
const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  body.errors?.[0]?.extensions?.code ?? null;

type Relation = { relation: string; idNumber: string; name: string; birthDate: string };
let mock: MockData;
/** Parents of a 17-year-old and parents of an adult child, with the register's answer about them (the truth). */
let parentsOf17: Array<{ idNumber: string; name: string; child: Relation }>;
let parentsOfAdults: Array<{ idNumber: string; name: string; child: Relation }>;

beforeAll(async () => {
  mock = await mockDataInProcess({ MOCK_PEOPLE: '2000', MOCK_VEHICLES: '500' });
  const withChild = async (has: string, pick: (r: Relation) => boolean) => {
    const { people } = await mock.json(`/population/dev/people?count=30&has=${has}`);
    const out = [];
    for (const p of people) {
      const child = ((await mock.json(`/population/v1/relations/${p.idNumber}`)).relations as Relation[]).find(pick);
      if (child) out.push({ ...p, child });
    }
    return out;
  };
  const age = (birthDate: string) =>
    Number('2026-11-01'.slice(0, 4)) - Number(birthDate.slice(0, 4)) - ('11-01' < birthDate.slice(5) ? 1 : 0);
  parentsOf17 = await withChild('child-aged-17', (r) => r.relation === 'CHILD' && age(r.birthDate) === 17);
  parentsOfAdults = await withChild('adult-child', (r) => r.relation === 'CHILD' && age(r.birthDate) >= 19);
  expect(parentsOf17.length).toBeGreaterThanOrEqual(3);
  expect(parentsOfAdults.length).toBeGreaterThanOrEqual(2);
}, 120_000);
afterAll(() => mock.stop());

describe.each(testDatabases())('acting for family on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let clock: Date | null = null;
  const taken = new Set<string>();
  const parentOf17 = () => {
    const found = parentsOf17.find((p) => !taken.has(p.idNumber) && !taken.has(p.child.idNumber))!;
    taken.add(found.idNumber);
    return found;
  };
  const signedInAs = async (person: { idNumber: string; name: string }) => {
    const session = await citizens.signIn();
    const { body } = await bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, session.accessToken);
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return session.accessToken;
  };
  /** Signed in as the parent and acting for their 17-year-old, the clock at `at`. */
  const actingForChild = async (at: Date) => {
    const parent = parentOf17();
    clock = at;
    const token = await signedInAs(parent);
    const family = (await bff.gql(FAMILY, {}, token)).body.data.myFamily;
    const child = family.find(
      (m: { relation: string; birthYear: number; canActFor: boolean }) =>
        m.relation === 'CHILD' && m.birthYear === Number(parent.child.birthDate.slice(0, 4)) && m.canActFor,
    );
    const acted = await bff.gql(ACT_AS, { r: child.ref }, token);
    if (!acted.body.data) throw new Error(JSON.stringify(acted.body.errors));
    return { parent, token, acted: acted.body.data.actAs, child };
  };
  const eighteenth = (birthDate: string) => `${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`;

  beforeAll(async () => {
    bff = await startBff(
      {
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        UPSTREAM_TIMEOUT_MS: '15000',
        ACCESS_TOKEN_TTL_S: '3600',
      },
      { now: () => clock ?? new Date() },
    );
    citizens = new Citizens(bff, mock);
  }, 120_000);
  afterAll(() => bff?.stop());

  it('lists the register relations masked; a parent acts for a child of 17 until the 18th birthday, China time', async () => {
    // The parent actingForChild takes next: the first not taken in this database.
    const birthday = eighteenth(parentsOf17.find((p) => !taken.has(p.idNumber))!.child.birthDate);
    const dayBefore = new Date(Date.parse(birthday) - DAY).toISOString().slice(0, 10);
    const { token, acted, child, parent } = await actingForChild(china(dayBefore, '23:50'));
    expect(child).toMatchObject({ basis: 'GUARDIAN', actsUntil: eighteenth(parent.child.birthDate), age: 17 });
    expect(child.maskedName).toBe(`${parent.child.name[0]}${'*'.repeat(parent.child.name.length - 1)}`);
    expect(JSON.stringify(child)).not.toContain(parent.child.idNumber);
    expect(acted).toMatchObject({ relation: 'CHILD', basis: 'GUARDIAN', until: eighteenth(parent.child.birthDate) });
    // Acting: the wallet shows the child's masked ID card, Me stays the parent's.
    clock = china(dayBefore, '23:59');
    const licences = await bff.gql('query { myLicences { kind holderName number } }', {}, token);
    expect(licences.body.errors).toBeUndefined();
    expect(licences.body.data.myLicences.find((l: { kind: string }) => l.kind === 'ID_CARD').holderName).toBe(
      child.maskedName,
    );
    const me = await bff.gql('query { me { realName { maskedName } } }', {}, token);
    expect(me.body.data.me.realName.maskedName[0]).toBe(parent.name[0]);
    expect((await bff.gql(ACTING_FOR, {}, token)).body.data.actingFor.maskedName).toBe(child.maskedName);
    // The birthday, one minute past midnight in China (16:01 UTC the day before): the right has ended.
    clock = china(acted.until, '00:01');
    const ended = await bff.gql('query { myApplications { items { id } } }', {}, token);
    expect(code(ended.body)).toBe('ACTING_RIGHT_ENDED');
    expect((await bff.gql(ACTING_FOR, {}, token)).body.data.actingFor).toBeNull();
    const again = await bff.gql(ACT_AS, { r: child.ref }, token);
    expect(code(again.body)).toBe('ACTING_NO_RIGHT');
    expect(
      (await bff.gql(FAMILY, {}, token)).body.data.myFamily.find(
        (m: any) => m.relation === 'CHILD' && m.maskedName === child.maskedName && m.birthYear === child.birthYear,
      ),
    ).toMatchObject({ canActFor: false, actsUntil: null });
    clock = null;
  });

  it('refuses an adult child, a forged reference and a citizen below level 2', async () => {
    const parent = parentsOfAdults.find((p) => !taken.has(p.idNumber))!;
    taken.add(parent.idNumber);
    const token = await signedInAs(parent);
    const family = (await bff.gql(FAMILY, {}, token)).body.data.myFamily;
    const adult = family.find((m: { relation: string; age: number }) => m.relation === 'CHILD' && m.age >= 18);
    expect(adult).toMatchObject({ canActFor: false, actsUntil: null, basis: null });
    expect(code((await bff.gql(ACT_AS, { r: adult.ref }, token)).body)).toBe('ACTING_NO_RIGHT');
    expect(code((await bff.gql(ACT_AS, { r: 'forged' }, token)).body)).toBe('ACTING_NO_RIGHT');
    const unverified = await citizens.signIn();
    expect(code((await bff.gql(FAMILY, {}, unverified.accessToken)).body)).toBe('ASSURANCE_LEVEL_TOO_LOW');
  });

  // The table: each operation while acting, and what it must answer.
  const NEVER: Array<[string, string, Record<string, unknown>?]> = [
    ['startFaceVerification', 'mutation { startFaceVerification(consent: true) { verifyId } }'],
    ['sendPhoneCode', 'mutation { sendPhoneCode(phone: "13800138000") { maskedPhone } }'],
    ['bindPhone', 'mutation { bindPhone(phone: "13800138000", code: "123456") { maskedPhone } }'],
    ['deleteMyAccount', 'mutation { deleteMyAccount(confirm: true) }'],
    ['licence (full)', 'query($id: ID!) { licence(id: $id, full: true) { number } }', { id: 'LIC00000001' }],
    ['licenceCode', 'mutation { licenceCode(licenceId: "LIC00000001") { token } }'],
    ['verifyRealName', 'mutation { verifyRealName(name: "张三", idNumber: "11010519491231002X") { level } }'],
    ['unlinkPlatform', 'mutation { unlinkPlatform(accountId: "x") { level } }'],
    // Not in the table at all: refused by default.
    ['myCarMoveRequests (no row)', 'query { myCarMoveRequests { id } }'],
  ];
  const ALLOWED: Array<[string, string]> = [
    ['myLicences', 'query { myLicences { id } }'],
    ['myApplications', 'query { myApplications { items { id } } }'],
    ['myAppointments', 'query { myAppointments { id } }'],
    ['me (as the actor)', 'query { me { level } }'],
    ['myMessages (the actor’s)', 'query { unreadMessageCount }'],
  ];

  it('checks every operation against the acting table: never to a helper, in scope for a guardian, deny by default', async () => {
    const { token } = await actingForChild(new Date());
    for (const [name, query, variables] of NEVER) {
      const { body } = await bff.gql(query, variables ?? {}, token);
      expect([name, code(body)]).toEqual([name, 'ACTING_NOT_ALLOWED']);
    }
    for (const [name, query] of ALLOWED) {
      const { body } = await bff.gql(query, {}, token);
      expect([name, body.errors ?? null]).toEqual([name, null]);
    }
    // Back to oneself: the same operations are the person's own again.
    expect((await bff.gql('mutation { stopActing }', {}, token)).body.data.stopActing).toBe(true);
    expect(code((await bff.gql('query { myCarMoveRequests { id } }', {}, token)).body)).toBeNull();
  });

  it('names both people in the audit log when acting starts and ends', async () => {
    const { token } = await actingForChild(new Date());
    await bff.gql('mutation { stopActing }', {}, token);
    const rows = await bff.built.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'in', ['acting.start', 'acting.end'])
      .orderBy('id')
      .execute();
    const start = rows.filter((r) => r.action === 'acting.start').at(-1)!;
    const end = rows.filter((r) => r.action === 'acting.end').at(-1)!;
    expect(start.actor).toMatch(/^citizen:[0-9a-f-]{36}$/);
    expect(start.subject).toMatch(/^citizen:[0-9a-f-]{36}$/);
    expect(start.subject).not.toBe(start.actor);
    expect([end.actor, end.subject]).toEqual([start.actor, start.subject]);
    expect(JSON.parse(end.detail)).toEqual({ reason: 'stopped' });
  });
  it('school enrolment for one’s child while acting for them: the guardian fields are the parent’s, the child is the one acted for, the application is the child’s', async () => {
    const { parent, token, child } = await actingForChild(new Date());
    clock = null;
    const FORM =
      'query($s: ID!) { applicationForm(serviceId: $s) { prefilled { fieldId display } unfilled { fieldId code } choices { fieldId } } }';
    const opened = await bff.gql(FORM, { s: 'school-enrolment' }, token);
    expect(opened.body.errors).toBeUndefined();
    const shown = Object.fromEntries(
      opened.body.data.applicationForm.prefilled.map((p: { fieldId: string; display: string }) => [
        p.fieldId,
        p.display,
      ]),
    );
    // 监护人: the parent holding the phone, not the child acted for.
    expect(shown.name).toBe(`${parent.name[0]}${'*'.repeat(parent.name.length - 1)}`);
    expect(shown.idNumber?.slice(-2)).toBe(parent.idNumber.slice(-2));
    // 入学儿童: the child acted for, chosen from the parent's household and locked; nothing to choose, nothing typed.
    expect(shown.childName).toBe(child.maskedName);
    expect(shown.childIdNumber?.slice(-2)).toBe(parent.child.idNumber.slice(-2));
    expect(opened.body.data.applicationForm.choices.map((c: { fieldId: string }) => c.fieldId)).not.toContain('child');
    expect(opened.body.data.applicationForm.unfilled.map((u: { fieldId: string }) => u.fieldId)).not.toContain(
      'childName',
    );

    // Typed: what only the parent can say, and what the records did not fill (a phone not bound yet).
    const unfilled = new Set(opened.body.data.applicationForm.unfilled.map((u: { fieldId: string }) => u.fieldId));
    const answers = {
      relation: 'mother',
      school: 's1',
      livesAtRegisteredAddress: 'yes',
      ...(unfilled.has('phone') ? { phone: '13800138000' } : {}),
      ...(unfilled.has('address') ? { address: '广东省深圳市南山区科技园路1号' } : {}),
    };
    const submitted = await bff.gql(
      'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id number } }',
      { s: 'school-enrolment', a: answers, k: `enrol-${Date.now()}` },
      token,
    );
    expect(submitted.body.errors).toBeUndefined();
    const { id, number } = submitted.body.data.submitApplication;
    // The child's application (their list shows it), submitted by the parent; the department gets both.
    const row = await bff.built.services.db
      .selectFrom('applications')
      .select(['citizen_id', 'submitted_by_citizen_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.citizen_id).not.toBe(row.submitted_by_citizen_id);
    const listed = await bff.gql('query { myApplications { items { id } } }', {}, token);
    expect(listed.body.data.myApplications.items.map((a: { id: string }) => a.id)).toContain(id);
    // The hand-off goes through the outbox: wait for the department to have it.
    let cases = await mock.json(`/education/dev/applications?reference=${number}`);
    for (let i = 0; i < 100 && cases.applications.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      cases = await mock.json(`/education/dev/applications?reference=${number}`);
    }
    expect(JSON.stringify(cases)).toContain(parent.child.idNumber);
    expect(JSON.stringify(cases)).toContain(parent.idNumber);
  });
});
