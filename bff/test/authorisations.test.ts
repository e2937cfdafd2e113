import { makeIdNumber } from '@citizen/shared';
import { jpegWithGps } from '../../test-support/images';
import { VERIFY_REAL_NAME } from '../../test-support/policies';
import {
  Citizens,
  chinaWeekday,
  startBff,
  startsAt,
  mockDataInProcess,
  testDatabases,
  type MockData,
  type RunningBff,
  type SignedIn,
} from './helpers';

/**
 * Authorisations between adults (issue 17): granting needs the grantor's fresh face pass;
 * a named person accepts; scopes are enforced per operation; either side revokes and a
 * session acting on it ends on its next request; no chaining; never face, phone,
 * deletion or full licences; the draft version check between helper and principal;
 * prefill reads the principal's records; uploads follow the helper; races end consistent.
 */
jest.setTimeout(180_000);

const AUTH_FIELDS = 'id direction maskedName relation scopes until status acceptedAt revokedAt revokedBy actAsRef';
const GRANT = `mutation($to: AuthorisationGrantee!, $s: [String!]!, $u: String!) { grantAuthorisation(to: $to, scopes: $s, until: $u) { ${AUTH_FIELDS} } }`;
const ACCEPT = `mutation($id: ID!) { acceptAuthorisation(id: $id) { ${AUTH_FIELDS} } }`;
const REVOKE = `mutation($id: ID!) { revokeAuthorisation(id: $id) { ${AUTH_FIELDS} } }`;
const MINE = `query { myAuthorisations { ${AUTH_FIELDS} } }`;
const ACT_AS = 'mutation($r: ID!) { actAs(ref: $r) { maskedName relation basis until } }';
const ACTING_FOR = 'query { actingFor { maskedName relation basis until } }';
const FAMILY = 'query { myFamily { ref relation maskedName age canActFor } }';
const FORM =
  'query($s: ID!) { applicationForm(serviceId: $s) { service { id formSchema } prefilled { fieldId display source } licences { id kind } draft { answers version } } }';
const SAVE =
  'mutation($s: ID!, $a: JSONObject!, $v: Int) { saveDraft(serviceId: $s, answers: $a, version: $v) { version } }';
const SUBMIT =
  'mutation($s: ID!, $a: JSONObject!, $k: String!) { submitApplication(serviceId: $s, answers: $a, idempotencyKey: $k) { id status } }';
const MESSAGES = 'query { myMessages(first: 50) { items { kind title } } }';
const MINUTE = 60_000;
const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  (body.errors?.[0]?.extensions?.code as string | undefined) ?? null;
const chinaDay = (at: Date, days = 0) =>
  new Date(at.getTime() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const masked = (name: string) => `${name[0]}${'*'.repeat(name.length - 1)}`;

let mock: MockData;

beforeAll(async () => {
  mock = await mockDataInProcess({ MOCK_PEOPLE: '2000', MOCK_VEHICLES: '500', MOCK_DEPARTMENT_PACE_MS: '0' });
}, 120_000);
afterAll(() => mock.stop());

describe.each(testDatabases())('authorisations between adults on $name', (database) => {
  let bff: RunningBff;
  let anyone: Citizens;
  let insured: Citizens;
  let parents: Citizens;
  let clock: Date | null = null;
  const now = () => clock ?? new Date();

  beforeAll(async () => {
    bff = await startBff(
      {
        ...(await database.env()),
        AGENCY_BASE_URL: mock.url,
        UPSTREAM_TIMEOUT_MS: '15000',
        ACCESS_TOKEN_TTL_S: '3600',
        OUTBOX_POLL_MS: '200',
      },
      { now },
    );
    // Adults only (a spouse in the register): a minor can be no helper.
    const offset = database.name === 'sqlite' ? 0 : 100;
    anyone = new Citizens(bff, mock, offset, 'spouse');
    insured = new Citizens(bff, mock, offset, 'social-insurance,spouse');
    parents = new Citizens(bff, mock, 0, 'adult-child');
  }, 120_000);
  afterAll(async () => {
    await bff?.stop();
    await database.cleanup();
  });

  const gql = async (query: string, variables: Record<string, unknown>, session: SignedIn) =>
    (await bff.gql(query, variables, session.accessToken)).body;
  const ok = async <T = any>(query: string, variables: Record<string, unknown>, session: SignedIn): Promise<T> => {
    const body = await gql(query, variables, session);
    if (!body.data || body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  /** A grantor with a fresh face pass (level 3). */
  const grantor = (from: Citizens = anyone) => from.faceVerified();
  const named = (person: { idNumber: string; name: string }) => ({ idNumber: person.idNumber, name: person.name });
  /** `grantor` authorises `helper` (named) for `scopes` and `helper` accepts; returns the authorisation id and the helper's actAsRef. */
  const authorised = async (
    g: SignedIn & { person: { idNumber: string; name: string } },
    helper: SignedIn & { person: { idNumber: string; name: string } },
    scopes: string[],
  ) => {
    const granted = (await ok(GRANT, { to: named(helper.person), s: scopes, u: chinaDay(now(), 30) }, g))
      .grantAuthorisation;
    const accepted = (await ok(ACCEPT, { id: granted.id }, helper)).acceptAuthorisation;
    return { id: granted.id as string, ref: accepted.actAsRef as string };
  };
  const actingFor = async (helper: SignedIn, ref: string) => (await ok(ACT_AS, { r: ref }, helper)).actAs;

  it('checks what is asked, then needs the grantor’s own fresh face pass (never the client’s word)', async () => {
    const helper = await anyone.verified();
    const g = await anyone.verified();
    const to = named(helper.person);
    const until = chinaDay(now(), 30);
    const good = makeIdNumber('440305', '1990-01-01', 123);
    const badChecksum = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    // What was asked is checked first: each with its own code.
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['no scopes', { to, s: [], u: until }, 'AUTHORISATION_SCOPES_EMPTY'],
      ['unknown service', { to, s: ['service:no-such-service'], u: until }, 'AUTHORISATION_SCOPE_UNKNOWN'],
      ['records is no grantable scope', { to, s: ['records'], u: until }, 'AUTHORISATION_SCOPE_UNKNOWN'],
      ['unknown category', { to, s: ['category:nowhere'], u: until }, 'AUTHORISATION_SCOPE_UNKNOWN'],
      ['yesterday', { to, s: ['wallet'], u: chinaDay(now(), -1) }, 'AUTHORISATION_UNTIL_PAST'],
      ['past a year', { to, s: ['wallet'], u: chinaDay(now(), 367) }, 'AUTHORISATION_UNTIL_TOO_FAR'],
      ['not a date', { to, s: ['wallet'], u: '2026-02-30' }, 'BAD_USER_INPUT'],
      ['oneself', { to: named(g.person), s: ['wallet'], u: until }, 'AUTHORISATION_SELF'],
      [
        'a minor',
        {
          to: {
            idNumber: makeIdNumber('440305', `${Number(chinaDay(now()).slice(0, 4)) - 10}-03-04`, 123),
            name: '王小明',
          },
          s: ['wallet'],
          u: until,
        },
        'AUTHORISATION_GRANTEE_MINOR',
      ],
      [
        'a bad ID number',
        { to: { idNumber: badChecksum, name: '王明' }, s: ['wallet'], u: until },
        'AUTHORISATION_GRANTEE_INVALID',
      ],
      ['a forged ref', { to: { ref: 'forged' }, s: ['wallet'], u: until }, 'AUTHORISATION_GRANTEE_INVALID'],
    ];
    for (const [name, variables, expected] of cases)
      expect([name, code(await gql(GRANT, variables, g))]).toEqual([name, expected]);
    // A valid grant without any face pass: level 2 is not enough.
    const valid = { to, s: ['wallet'], u: until };
    expect(code(await gql(GRANT, valid, g))).toBe('ASSURANCE_LEVEL_TOO_LOW');
    // A face pass six minutes old is stale for granting (five minutes), though fresh for other acts (FACE_FRESH_MIN 15).
    clock = new Date();
    const done = await anyone.passFace('WECHAT', g.accessToken, g.person);
    expect(done.body.data.completeFaceVerification.level).toBe(3);
    clock = new Date(clock.getTime() + 6 * MINUTE);
    const stale = await gql(GRANT, valid, g);
    expect(code(stale)).toBe('FACE_STALE');
    expect(stale.errors![0]!.extensions!.freshMinutes).toBe(5);
    // Four minutes: granted, pending until the named person accepts.
    clock = new Date(clock.getTime() - 2 * MINUTE);
    const granted = (await ok(GRANT, valid, g)).grantAuthorisation;
    expect(granted).toMatchObject({
      direction: 'GIVEN',
      status: 'PENDING',
      relation: 'NAMED',
      maskedName: masked(helper.person.name),
      scopes: ['wallet'],
      until,
      actAsRef: null,
    });
    clock = null;
    expect(JSON.stringify(await ok(MINE, {}, g))).not.toContain(helper.person.idNumber);
  });

  it('a named adult accepts; the scope is enforced per operation; a category covers its services; never face, phone, deletion, full licence or a new grant', async () => {
    const g = await grantor(insured);
    const helper = await anyone.verified();
    const granted = (
      await ok(
        GRANT,
        { to: named(helper.person), s: ['service:si-payment-record', 'category:housing'], u: chinaDay(now(), 30) },
        g,
      )
    ).grantAuthorisation;
    // The helper was told, and sees it pending; acting on it before accepting is refused.
    const received = (await ok(MINE, {}, helper)).myAuthorisations.find((a: { id: string }) => a.id === granted.id);
    expect(received).toMatchObject({
      direction: 'RECEIVED',
      status: 'PENDING',
      maskedName: masked(g.person.name),
      actAsRef: null,
    });
    expect(
      (await ok(MESSAGES, {}, helper)).myMessages.items.some(
        (m: { kind: string; title: string }) => m.kind === 'SECURITY' && m.title.includes(masked(g.person.name)),
      ),
    ).toBe(true);
    // No one else may accept it: not the grantor, not a third person.
    const stranger = await anyone.verified();
    expect(code(await gql(ACCEPT, { id: granted.id }, stranger))).toBe('AUTHORISATION_NOT_FOUND');
    expect(code(await gql(ACCEPT, { id: granted.id }, g))).toBe('AUTHORISATION_NOT_FOUND');
    const accepted = (await ok(ACCEPT, { id: granted.id }, helper)).acceptAuthorisation;
    expect(accepted).toMatchObject({ status: 'ACTIVE', direction: 'RECEIVED' });
    expect(
      (await ok(MESSAGES, {}, g)).myMessages.items.some((m: { title: string }) => m.title.includes('已接受')),
    ).toBe(true);
    expect((await ok(MINE, {}, g)).myAuthorisations.find((a: { id: string }) => a.id === granted.id).status).toBe(
      'ACTIVE',
    );

    const acting = await actingFor(helper, accepted.actAsRef);
    expect(acting).toMatchObject({ basis: 'AUTHORISATION', relation: 'NAMED', maskedName: masked(g.person.name) });
    expect((await ok(ACTING_FOR, {}, helper)).actingFor.basis).toBe('AUTHORISATION');
    // In scope: the granted service and, through category:housing, both housing services.
    for (const serviceId of ['si-payment-record', 'public-rental-housing', 'deed-tax-subsidy']) {
      expect([serviceId, code(await gql(FORM, { s: serviceId }, helper))]).toEqual([serviceId, null]);
    }
    // Out of scope: another service, the wallet, appointments, records.
    const outside: Array<[string, string, Record<string, unknown>]> = [
      ['another service', FORM, { s: 'individual-business-licence' }],
      ['the wallet', 'query { myLicences { id } }', {}],
      ['appointments', 'query { myAppointments { id } }', {}],
      ['records', 'query { myRecords { __typename } }', {}],
    ];
    for (const [name, query, variables] of outside)
      expect([name, code(await gql(query, variables, helper))]).toEqual([name, 'ACTING_OUT_OF_SCOPE']);
    // Never to a helper, whatever was granted.
    const never: Array<[string, string, Record<string, unknown>]> = [
      ['face', 'mutation { startFaceVerification(consent: true) { verifyId } }', {}],
      ['phone', 'mutation { sendPhoneCode(phone: "13800138000") { maskedPhone } }', {}],
      ['deletion', 'mutation { deleteMyAccount(confirm: true) }', {}],
      ['full licence', 'query($id: ID!) { licence(id: $id, full: true) { number } }', { id: 'LIC00000001' }],
      [
        'new authorisation',
        GRANT,
        { to: named(stranger.person), s: ['service:si-payment-record'], u: chinaDay(now(), 10) },
      ],
    ];
    for (const [name, query, variables] of never)
      expect([name, code(await gql(query, variables, helper))]).toEqual([name, 'ACTING_NOT_ALLOWED']);
    // The audit log names both: who acts and for whom, on which authorisation.
    const start = (
      await bff.built.services.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'acting.start')
        .orderBy('id', 'desc')
        .execute()
    ).find((r) => JSON.parse(r.detail).authorisationId === granted.id)!;
    const ids = await bff.built.services.db
      .selectFrom('authorisations')
      .select(['grantor_citizen_id', 'grantee_citizen_id'])
      .where('id', '=', granted.id)
      .executeTakeFirstOrThrow();
    expect([start.actor, start.subject]).toEqual([
      `citizen:${ids.grantee_citizen_id}`,
      `citizen:${ids.grantor_citizen_id}`,
    ]);
    const grant = await bff.built.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'authorisation.grant')
      .where('actor', '=', `citizen:${ids.grantor_citizen_id}`)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(grant.detail)).toMatchObject({
      authorisationId: granted.id,
      scopes: ['service:si-payment-record', 'category:housing'],
    });
  });

  it('prefill while acting reads the principal’s records; helper and principal editing one draft meet the version check', async () => {
    const g = await grantor(insured);
    const helper = await insured.verified();
    const { ref } = await authorised(g, helper, ['service:si-payment-record']);
    const own = (await ok(FORM, { s: 'si-payment-record' }, helper)).applicationForm.prefilled;
    await actingFor(helper, ref);
    const forPrincipal = (await ok(FORM, { s: 'si-payment-record' }, helper)).applicationForm.prefilled;
    const principal = (await ok(FORM, { s: 'si-payment-record' }, g)).applicationForm.prefilled;
    expect(forPrincipal).toEqual(principal);
    expect(forPrincipal).not.toEqual(own);
    // The helper saves the principal's draft; the principal saves on that version; the helper's stale save is refused.
    const first = (await ok(SAVE, { s: 'si-payment-record', a: { months: '12' }, v: null }, helper)).saveDraft.version;
    const seen = (await ok(FORM, { s: 'si-payment-record' }, g)).applicationForm.draft;
    expect(seen.version).toBe(first);
    expect(seen.answers).toMatchObject({ months: '12' });
    expect((await ok(SAVE, { s: 'si-payment-record', a: { months: '24' }, v: first }, g)).saveDraft.version).toBe(
      first + 1,
    );
    const stale = await gql(SAVE, { s: 'si-payment-record', a: { months: '6' }, v: first }, helper);
    expect(code(stale)).toBe('DRAFT_CONFLICT');
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(first + 1);
  });

  it('revocation by either side ends a session acting on it at its next request', async () => {
    for (const side of ['GRANTOR', 'GRANTEE'] as const) {
      const g = await grantor();
      const helper = await anyone.verified();
      const { id, ref } = await authorised(g, helper, ['wallet']);
      await actingFor(helper, ref);
      expect(code(await gql('query { myLicences { id } }', {}, helper))).toBeNull();
      const revoked = (await ok(REVOKE, { id }, side === 'GRANTOR' ? g : helper)).revokeAuthorisation;
      expect([side, revoked.status, revoked.revokedBy]).toEqual([side, 'REVOKED', side]);
      // The very next request of the acting session: the right has ended, and acting with it.
      expect([side, code(await gql('query { myLicences { id } }', {}, helper))]).toEqual([side, 'ACTING_RIGHT_ENDED']);
      expect((await ok(ACTING_FOR, {}, helper)).actingFor).toBeNull();
      expect(code(await gql(ACT_AS, { r: ref }, helper))).toBe('ACTING_NO_RIGHT');
      // Back to oneself: the helper's own wallet.
      expect(code(await gql('query { myLicences { id } }', {}, helper))).toBeNull();
      // The other side heard of it.
      const told = side === 'GRANTOR' ? helper : g;
      expect(
        (await ok(MESSAGES, {}, told)).myMessages.items.some((m: { title: string }) => m.title.includes('撤销')),
      ).toBe(true);
      const end = (
        await bff.built.services.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'acting.end')
          .orderBy('id', 'desc')
          .execute()
      )[0]!;
      expect(JSON.parse(end.detail)).toEqual({ reason: 'authorisation-ended' });
      // Accepting it again is refused.
      expect(code(await gql(ACCEPT, { id }, helper))).toBe('AUTHORISATION_ENDED');
    }
  });

  it('an expired authorisation ends acting the day after its last day (China time)', async () => {
    const g = await grantor();
    const helper = await anyone.verified();
    const until = chinaDay(now(), 2);
    const granted = (await ok(GRANT, { to: named(helper.person), s: ['wallet'], u: until }, g)).grantAuthorisation;
    const { actAsRef } = (await ok(ACCEPT, { id: granted.id }, helper)).acceptAuthorisation;
    expect((await actingFor(helper, actAsRef)).until).toBe(chinaDay(now(), 3));
    clock = new Date(Date.parse(`${until}T23:59:00Z`) - 8 * 3600_000);
    expect(code(await gql('query { myLicences { id } }', {}, helper))).toBeNull();
    clock = new Date(clock.getTime() + 2 * MINUTE);
    expect(code(await gql('query { myLicences { id } }', {}, helper))).toBe('ACTING_RIGHT_ENDED');
    expect((await ok(MINE, {}, helper)).myAuthorisations.find((a: { id: string }) => a.id === granted.id).status).toBe(
      'EXPIRED',
    );
    clock = null;
  });

  it('no chaining: a helper cannot pass on what they were granted', async () => {
    const g = await grantor();
    const helper = await grantor();
    const third = await anyone.verified();
    const { ref } = await authorised(g, helper, ['wallet', 'appointments']);
    await actingFor(helper, ref);
    // Acting for the grantor, even with a fresh face pass of their own: refused.
    expect(code(await gql(GRANT, { to: named(third.person), s: ['wallet'], u: chinaDay(now(), 10) }, helper))).toBe(
      'ACTING_NOT_ALLOWED',
    );
    // For themselves they may grant their own affairs only: the third person acts for the helper, never for the grantor.
    await ok('mutation { stopActing }', {}, helper);
    const onward = await authorised(helper, third, ['wallet']);
    expect((await actingFor(third, onward.ref)).maskedName).toBe(masked(helper.person.name));
    const start = (
      await bff.built.services.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'acting.start')
        .orderBy('id', 'desc')
        .execute()
    )[0]!;
    const helperCitizen = await bff.built.services.db
      .selectFrom('authorisations')
      .select('grantor_citizen_id')
      .where('id', '=', onward.id)
      .executeTakeFirstOrThrow();
    expect(start.subject).toBe(`citizen:${helperCitizen.grantor_citizen_id}`);
    // The grantor's authorisation is the helper's alone: the third person cannot use its ref.
    expect(code(await gql(ACT_AS, { r: ref }, third))).toBe('ACTING_NO_RIGHT');
  });

  it('a relation from the register holds it at once and sees it received', async () => {
    const parent = await parents.faceVerified();
    const child = (await ok(FAMILY, {}, parent)).myFamily.find(
      (m: { relation: string; age: number }) => m.relation === 'CHILD' && m.age >= 18,
    );
    const granted = (await ok(GRANT, { to: { ref: child.ref }, s: ['appointments'], u: chinaDay(now(), 60) }, parent))
      .grantAuthorisation;
    expect(granted).toMatchObject({ status: 'ACTIVE', relation: 'CHILD', maskedName: child.maskedName });
    const row = await bff.built.services.db
      .selectFrom('authorisations')
      .selectAll()
      .where('id', '=', granted.id)
      .executeTakeFirstOrThrow();
    expect(row.grantee_citizen_id).not.toBeNull();
    expect(row.grantee_name_enc).not.toContain(child.maskedName[0]);
  });

  it('a relation who authorised the citizen is one to act for in 我的家人, on that authorisation, until it ends', async () => {
    const parent = await parents.faceVerified();
    // The parent's adult child, as the register holds them (the simulator's agency API).
    const { relations } = await mock.json(`/population/v1/relations/${parent.person.idNumber}`);
    const child = (relations as Array<{ relation: string; idNumber: string; name: string; birthDate: string }>).find(
      (r) => r.relation === 'CHILD' && r.birthDate <= chinaDay(now(), -19 * 366),
    )!;
    const childRef = (await ok(FAMILY, {}, parent)).myFamily.find(
      (m: { relation: string; maskedName: string }) => m.relation === 'CHILD' && m.maskedName === masked(child.name),
    ).ref;
    // The child signs in and passes real name: their parent is in their family, not yet one to act for.
    const helper = await anyone.signIn();
    expect(
      (await bff.gql(VERIFY_REAL_NAME, { n: child.name, i: child.idNumber }, helper.accessToken)).body.errors,
    ).toBeUndefined();
    const family = 'query { myFamily { ref relation maskedName canActFor actsUntil basis } }';
    const parentSeen = async () =>
      (await ok(family, {}, helper)).myFamily.find(
        (m: { relation: string; maskedName: string }) =>
          m.relation === 'PARENT' && m.maskedName === masked(parent.person.name),
      );
    expect(await parentSeen()).toMatchObject({ canActFor: false, basis: null, actsUntil: null });
    expect(code(await gql(ACT_AS, { r: (await parentSeen()).ref }, helper))).toBe('ACTING_NO_RIGHT');
    // The parent authorises the child (from their own family list): now the child can act for them, until the day after its last day.
    const until = chinaDay(now(), 45);
    const granted = (await ok(GRANT, { to: { ref: childRef }, s: ['appointments'], u: until }, parent))
      .grantAuthorisation;
    expect(await parentSeen()).toMatchObject({
      canActFor: true,
      basis: 'AUTHORISATION',
      actsUntil: chinaDay(now(), 46),
    });
    const acting = await actingFor(helper, (await parentSeen()).ref);
    expect(acting).toMatchObject({ relation: 'PARENT', basis: 'AUTHORISATION', until: chinaDay(now(), 46) });
    expect((await ok('mutation { stopActing }', {}, helper)).stopActing).toBe(true);
    // Revoked: no longer one to act for, and the same ref is refused.
    await ok(REVOKE, { id: granted.id }, parent);
    expect(await parentSeen()).toMatchObject({ canActFor: false, basis: null });
    expect(code(await gql(ACT_AS, { r: (await parentSeen()).ref }, helper))).toBe('ACTING_NO_RIGHT');
  });

  it('uploads made while acting are the helper’s: usable in the principal’s application the helper fills, by no one else', async () => {
    const g = await grantor();
    await anyone.bindPhone(g, `139${String(Date.now()).slice(-8)}`);
    const helper = await grantor(); // face-verified: the helper deletes their account at the end
    const other = await anyone.verified();
    await anyone.bindPhone(other, `138${String(Date.now()).slice(-8)}`);
    const { ref } = await authorised(g, helper, ['service:individual-business-licence']);
    await actingFor(helper, ref);
    const upload = async (session: SignedIn) => {
      const response = await fetch(`${bff.url}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'image/jpeg' },
        body: new Uint8Array(jpegWithGps()),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const photo = await upload(helper);
    const owner = await bff.built.services.db
      .selectFrom('uploads')
      .select('citizen_id')
      .where('id', '=', photo)
      .executeTakeFirstOrThrow();
    const helperCitizen = (
      await bff.built.services.db.selectFrom('acting_sessions').select('actor_citizen_id').execute()
    ).map((r) => r.actor_citizen_id);
    expect(helperCitizen).toContain(owner.citizen_id);
    const answersAs = async (session: SignedIn, premisesProof: string) => {
      const form = (await ok(FORM, { s: 'individual-business-licence' }, session)).applicationForm;
      return {
        idCard: form.licences.find((l: { kind: string }) => l.kind === 'ID_CARD').id,
        businessName: '便民早餐店',
        businessScope: '早餐、小吃零售',
        businessAddress: '广东省深圳市龙岗区布吉街道2号',
        capital: '50000',
        employees: '3',
        premisesProof,
      };
    };
    // Neither the principal on their own nor anyone else may attach the helper's photo.
    expect(
      code(
        await gql(
          SUBMIT,
          { s: 'individual-business-licence', a: await answersAs(g, photo), k: `k-${Date.now()}-1` },
          g,
        ),
      ),
    ).toBe('UPLOAD_NOT_FOUND');
    expect(
      code(
        await gql(
          SUBMIT,
          { s: 'individual-business-licence', a: await answersAs(other, photo), k: `k-${Date.now()}-2` },
          other,
        ),
      ),
    ).toBe('UPLOAD_NOT_FOUND');
    // The helper, acting, submits the principal's application with it: the applicant is the principal, the submitter the helper.
    const submitted = (
      await ok(
        SUBMIT,
        { s: 'individual-business-licence', a: await answersAs(helper, photo), k: `k-${Date.now()}-3` },
        helper,
      )
    ).submitApplication;
    const app = await bff.built.services.db
      .selectFrom('applications')
      .select(['citizen_id', 'submitted_by_citizen_id', 'attachments'])
      .where('id', '=', submitted.id)
      .executeTakeFirstOrThrow();
    expect(app.submitted_by_citizen_id).toBe(owner.citizen_id);
    expect(app.citizen_id).not.toBe(owner.citizen_id);
    expect(app.attachments).toContain(photo);
    // Attached, the photo is the principal's case material: the 24-hour purge keeps it, and
    // the helper deleting their own account does not take it from the principal's case.
    const photoOwner = async () =>
      (
        await bff.built.services.db
          .selectFrom('uploads')
          .select('citizen_id')
          .where('id', '=', photo)
          .executeTakeFirst()
      )?.citizen_id;
    expect(await photoOwner()).toBe(app.citizen_id);
    await bff.built.uploadPurge.purge(new Date(Date.now() + 3 * 24 * 3600_000));
    expect(await photoOwner()).toBe(app.citizen_id);
    await ok('mutation { stopActing }', {}, helper);
    expect(code(await gql('mutation { deleteMyAccount(confirm: true) }', {}, helper))).toBeNull();
    expect(await photoOwner()).toBe(app.citizen_id);
  });

  it('a helper sees and opens only the principal’s applications for services in scope', async () => {
    const g = await grantor(insured);
    const own = (
      await ok(
        SUBMIT,
        {
          s: 'si-payment-record',
          a: { months: '12', purpose: 'home', delivery: 'electronic' },
          k: `k-${Date.now()}-own`,
        },
        g,
      )
    ).submitApplication;
    const outside = await anyone.verified();
    const inside = await anyone.verified();
    const a = await authorised(g, outside, ['service:individual-business-licence']);
    const b = await authorised(g, inside, ['category:social-insurance']);
    await actingFor(outside, a.ref);
    await actingFor(inside, b.ref);
    const LIST = 'query { myApplications { items { id } } }';
    const GET = 'query($id: ID!) { application(id: $id) { id } }';
    expect((await ok(LIST, {}, outside)).myApplications.items).toEqual([]);
    expect(code(await gql(GET, { id: own.id }, outside))).toBe('ACTING_OUT_OF_SCOPE');
    expect(
      code(await gql('mutation($id: ID!) { withdrawApplication(applicationId: $id) { id } }', { id: own.id }, outside)),
    ).toBe('ACTING_OUT_OF_SCOPE');
    expect((await ok(LIST, {}, inside)).myApplications.items).toEqual([{ id: own.id }]);
    expect((await ok(GET, { id: own.id }, inside)).application.id).toBe(own.id);
  });

  it('a fee’s payment is in scope only with its application’s service', async () => {
    const permitHolders = new Citizens(bff, mock, 0, 'permit,spouse');
    const g = await permitHolders.faceVerified();
    await anyone.bindPhone(g, `136${String(Date.now()).slice(-8)}`);
    // The endorsement as the app sends it: the first of each record choice, the ID card, the typed choices.
    const form = (
      await ok(
        'query($s: ID!) { applicationForm(serviceId: $s) { licences { id kind } choices { fieldId options { value } } } }',
        { s: 'hk-macao-endorsement' },
        g,
      )
    ).applicationForm;
    const answers: Record<string, string> = {
      idCard: form.licences.find((l: { kind: string }) => l.kind === 'ID_CARD').id,
      endorsementType: 'tourism',
      visits: '1',
    };
    for (const choice of form.choices) answers[choice.fieldId] = choice.options[0].value;
    const submitted = (await ok(SUBMIT, { s: 'hk-macao-endorsement', a: answers, k: `k-${Date.now()}-fee` }, g))
      .submitApplication;
    expect(submitted.status).toBe('AWAITING_PAYMENT');
    const paymentId = (await ok('query($id: ID!) { application(id: $id) { payment { id } } }', { id: submitted.id }, g))
      .application.payment.id;
    const outside = await anyone.verified();
    const inside = await anyone.verified();
    await actingFor(outside, (await authorised(g, outside, ['service:si-payment-record'])).ref);
    await actingFor(inside, (await authorised(g, inside, ['category:entry-exit'])).ref);
    const PAYMENT = 'query($id: ID!) { payment(id: $id) { id } }';
    expect(code(await gql(PAYMENT, { id: paymentId }, outside))).toBe('ACTING_OUT_OF_SCOPE');
    expect(
      code(
        await gql(
          'mutation($p: ID!) { startPayment(paymentId: $p, channel: WECHAT) { __typename } }',
          { p: paymentId },
          outside,
        ),
      ),
    ).toBe('ACTING_OUT_OF_SCOPE');
    expect((await ok(PAYMENT, { id: paymentId }, inside)).payment.id).toBe(paymentId);
    expect((await ok('query { myApplications { items { id } } }', {}, inside)).myApplications.items).toEqual([
      { id: submitted.id },
    ]);
  });

  it('a helper with appointments books one for the principal: it is theirs, and the helper is refused it without the scope', async () => {
    const g = await grantor();
    const helper = await anyone.verified();
    const walletOnly = await anyone.verified();
    await actingFor(helper, (await authorised(g, helper, ['appointments'])).ref);
    await actingFor(walletOnly, (await authorised(g, walletOnly, ['wallet'])).ref);
    const BOOK =
      'mutation($h: ID!, $s: ID!, $t: String!) { bookAppointment(hallId: $h, serviceId: $s, startsAt: $t) { id } }';
    const variables = { h: 'citizen-centre', s: 'si-card', t: startsAt(chinaWeekday(4), '10:30') };
    expect(code(await gql(BOOK, variables, walletOnly))).toBe('ACTING_OUT_OF_SCOPE');
    const booked = (await ok(BOOK, variables, helper)).bookAppointment;
    expect(
      (await ok('query { myAppointments { id } }', {}, g)).myAppointments.map((a: { id: string }) => a.id),
    ).toContain(booked.id);
    await ok('mutation { stopActing }', {}, helper);
    expect(
      (await ok('query { myAppointments { id } }', {}, helper)).myAppointments.map((a: { id: string }) => a.id),
    ).not.toContain(booked.id);
  });

  it('deleting an account takes the authorisations it gave and received, a pending one named by ID number too', async () => {
    const g = await grantor();
    const helper = await grantor();
    const pending = (await ok(GRANT, { to: named(helper.person), s: ['wallet'], u: chinaDay(now(), 20) }, g))
      .grantAuthorisation;
    const given = await authorised(helper, await anyone.verified(), ['appointments']);
    expect(
      await bff.built.services.db
        .selectFrom('authorisations')
        .select('id')
        .where('id', 'in', [pending.id, given.id])
        .execute(),
    ).toHaveLength(2);
    expect(code(await gql('mutation { deleteMyAccount(confirm: true) }', {}, helper))).toBeNull();
    expect(
      await bff.built.services.db
        .selectFrom('authorisations')
        .select('id')
        .where('id', 'in', [pending.id, given.id])
        .execute(),
    ).toHaveLength(0);
    expect((await ok(MINE, {}, g)).myAuthorisations.find((a: { id: string }) => a.id === pending.id)).toBeUndefined();
  });

  it('50 parallel grants by one grantor: at most 8 live, counted and written in one step', async () => {
    const g = await grantor();
    const year = Number(chinaDay(now()).slice(0, 4)) - 30;
    const people = Array.from({ length: 50 }, (_, i) => ({
      idNumber: makeIdNumber('440305', `${year}-01-${String((i % 28) + 1).padStart(2, '0')}`, 500 + i),
      name: '陈大文',
    }));
    const answers = await Promise.all(
      people.map((p) => gql(GRANT, { to: p, s: ['wallet'], u: chinaDay(now(), 20) }, g)),
    );
    const codes = answers.map((a) => code(a));
    expect(codes.filter((c) => c === null)).toHaveLength(8);
    expect(codes.filter((c) => c === 'AUTHORISATION_LIMIT')).toHaveLength(42);
    const grantorId = (
      await bff.built.services.db
        .selectFrom('authorisations')
        .select('grantor_citizen_id')
        .where('id', '=', answers.find((a) => !a.errors)!.data.grantAuthorisation.id)
        .executeTakeFirstOrThrow()
    ).grantor_citizen_id;
    const rows = await bff.built.services.db
      .selectFrom('authorisations')
      .select('id')
      .where('grantor_citizen_id', '=', grantorId)
      .execute();
    expect(rows).toHaveLength(8);
    // A revoked one frees a place.
    await ok(REVOKE, { id: rows[0]!.id }, g);
    expect(code(await gql(GRANT, { to: people[49], s: ['wallet'], u: chinaDay(now(), 20) }, g))).toBeNull();
    expect(code(await gql(GRANT, { to: people[48], s: ['wallet'], u: chinaDay(now(), 20) }, g))).toBe(
      'AUTHORISATION_LIMIT',
    );
  });

  it('50 parallel accepts and revocations end in one consistent state', async () => {
    const g = await grantor();
    const helper = await anyone.verified();
    const granted = (await ok(GRANT, { to: named(helper.person), s: ['wallet'], u: chinaDay(now(), 20) }, g))
      .grantAuthorisation;
    const calls = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? gql(ACCEPT, { id: granted.id }, helper) : gql(REVOKE, { id: granted.id }, i % 4 === 1 ? g : helper),
    );
    const answers = await Promise.all(calls);
    for (const [i, a] of answers.entries()) {
      if (i % 2 === 0) expect([null, 'AUTHORISATION_ENDED']).toContain(code(a));
      else expect(code(a)).toBeNull();
    }
    const row = await bff.built.services.db
      .selectFrom('authorisations')
      .selectAll()
      .where('id', '=', granted.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('REVOKED');
    const audit = await bff.built.services.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['authorisation.accept', 'authorisation.revoke'])
      .where('detail', 'like', `%${granted.id}%`)
      .execute();
    expect(audit.filter((a) => a.action === 'authorisation.revoke')).toHaveLength(1);
    const accepts = audit.filter((a) => a.action === 'authorisation.accept').length;
    expect(accepts).toBe(row.accepted_at ? 1 : 0);
    // Whoever succeeded in accepting saw it ACTIVE, and only if the row says it was accepted.
    const acceptedAnswers = answers.filter((a, i) => i % 2 === 0 && !a.errors);
    if (acceptedAnswers.length) expect(row.accepted_at).not.toBeNull();
    const messages = await bff.built.services.db
      .selectFrom('messages')
      .select(['event_key'])
      .where('event_key', 'like', `authorisation:${granted.id}:%`)
      .execute();
    expect(messages.filter((m) => m.event_key.endsWith(':accepted'))).toHaveLength(accepts);
    expect(messages.filter((m) => m.event_key.endsWith(':revoked'))).toHaveLength(1);
  });
});
