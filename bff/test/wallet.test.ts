import {
  agencyCalls,
  Citizens,
  operatorToken,
  startBff,
  startMockData,
  testDatabases,
  type MockData,
  type RunningBff,
} from './helpers';
import { VERIFY_REAL_NAME } from '../../test-support/policies';

const LICENCES = `query { myLicences { id kind title holderName number issuer validUntil expired full fields { label value } } }`;
const LICENCE = `query($id: ID!, $full: Boolean) { licence(id: $id, full: $full) { id kind holderName number full fields { label value } } }`;
const CODE = `mutation($id: ID!) { licenceCode(licenceId: $id) { token expiresAt } }`;
const VERIFY = `mutation($t: String!) { verifyLicenceCode(token: $t) { kind title holderName maskedIdNumber number validUntil expired } }`;

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

describe.each(testDatabases())('licence wallet on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  let clerk: string;
  let shiftMs = 0;
  const errorOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions;

  beforeAll(async () => {
    bff = await startBff(
      { ...(await database.env()), AGENCY_BASE_URL: mock.url },
      { now: () => new Date(Date.now() + shiftMs) },
    );
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 1200 : 1300);
    clerk = await operatorToken(bff, `clerk-${database.name}`, 'clerk');
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => {
    shiftMs = 0;
  });

  it('lists the citizen’s licences masked; full details need level 3 and are logged', async () => {
    const session = await citizens.verified();
    const { body } = await bff.gql(LICENCES, {}, session.accessToken);
    const card = body.data.myLicences.find((l: { kind: string }) => l.kind === 'ID_CARD');
    expect(card).toMatchObject({
      title: '居民身份证',
      full: false,
      holderName: expect.stringMatching(/^.\*+$/),
      number: expect.stringMatching(/^\d\*+[\dX]{2}$/),
    });
    expect(JSON.stringify(body.data.myLicences)).not.toContain(session.person.idNumber);
    expect(card.fields.find((f: { label: string }) => f.label === '住址').value).toContain('*');

    expect(errorOf((await bff.gql(LICENCE, { id: card.id, full: true }, session.accessToken)).body)).toMatchObject({
      code: 'ASSURANCE_LEVEL_TOO_LOW',
      requiredLevel: 3,
    });
    const level3 = await citizens.faceVerified();
    const own = (await bff.gql(LICENCES, {}, level3.accessToken)).body.data.myLicences.find(
      (l: { kind: string }) => l.kind === 'ID_CARD',
    );
    const full = (await bff.gql(LICENCE, { id: own.id, full: true }, level3.accessToken)).body.data.licence;
    expect(full).toMatchObject({ full: true, holderName: level3.person.name, number: level3.person.idNumber });
    const audit = await bff.built.services.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'licence.view-full')
      .where('subject', '=', `licence:${own.id}`)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).not.toContain(level3.person.idNumber);
    // Someone else's licence is not found, full or not.
    expect(errorOf((await bff.gql(LICENCE, { id: card.id }, level3.accessToken)).body)?.code).toBe('LICENCE_NOT_FOUND');
    expect(errorOf((await bff.gql(LICENCES, {}, (await citizens.signIn()).accessToken)).body)?.code).toBe(
      'ASSURANCE_LEVEL_TOO_LOW',
    );
  });

  it('a clerk verifies a genuine code once; a copy, a tampered, an expired or another citizen’s code fails', async () => {
    const holder = await citizens.verified();
    const card = (await bff.gql(LICENCES, {}, holder.accessToken)).body.data.myLicences.find(
      (l: { kind: string }) => l.kind === 'ID_CARD',
    );
    const code = (await bff.gql(CODE, { id: card.id }, holder.accessToken)).body.data.licenceCode;
    expect(Date.parse(code.expiresAt) - Date.now()).toBeGreaterThan(50_000);
    expect(Date.parse(code.expiresAt) - Date.now()).toBeLessThanOrEqual(61_000);

    // Only operators check codes; a citizen cannot.
    expect(errorOf((await bff.gql(VERIFY, { t: code.token }, holder.accessToken)).body)?.code).toBe('UNAUTHENTICATED');
    const checked = (await bff.gql(VERIFY, { t: code.token }, clerk)).body.data.verifyLicenceCode;
    expect(checked).toMatchObject({
      kind: 'ID_CARD',
      title: '居民身份证',
      holderName: holder.person.name,
      maskedIdNumber: expect.stringMatching(/^\d\*+[\dX]{2}$/),
      expired: false,
    });
    expect(errorOf((await bff.gql(VERIFY, { t: code.token }, clerk)).body)?.code).toBe('LICENCE_CODE_USED');

    const fresh = (await bff.gql(CODE, { id: card.id }, holder.accessToken)).body.data.licenceCode.token as string;
    const [payload, signature] = fresh.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), e: 9_999_999_999 }),
    ).toString('base64url');
    expect(errorOf((await bff.gql(VERIFY, { t: `${forged}.${signature}` }, clerk)).body)?.code).toBe(
      'LICENCE_CODE_INVALID',
    );
    expect(errorOf((await bff.gql(VERIFY, { t: 'not-a-code' }, clerk)).body)?.code).toBe('LICENCE_CODE_INVALID');
    shiftMs = 61_000;
    expect(errorOf((await bff.gql(VERIFY, { t: fresh }, clerk)).body)?.code).toBe('LICENCE_CODE_EXPIRED');
    shiftMs = 0;

    // Another citizen cannot make a code for this licence.
    const other = await citizens.verified();
    expect(errorOf((await bff.gql(CODE, { id: card.id }, other.accessToken)).body)?.code).toBe('LICENCE_NOT_FOUND');
  });

  it('the daily sweep leaves one reminder in Messages for a licence that expires within 60 days, however often it runs; opening the wallet writes none', async () => {
    // Find someone in the register whose licence runs out soon.
    const people = (await mock.json('/population/dev/people?count=1000')).people as Array<{
      idNumber: string;
      name: string;
    }>;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const soon = new Date(Date.now() + 8 * 3600_000 + 50 * 86_400_000).toISOString().slice(0, 10);
    let person: { idNumber: string; name: string } | undefined;
    for (let i = 0; i < people.length && !person; i += 100) {
      const { holders } = await mock.json('/licences/v1/holders/batch', {
        method: 'POST',
        body: JSON.stringify({ idNumbers: people.slice(i, i + 100).map((p) => p.idNumber) }),
      });
      const index = (holders as Array<{ licences: Array<{ validUntil: string | null }> } | null>).findIndex((h) =>
        h?.licences.some((l) => l.validUntil && l.validUntil >= today && l.validUntil <= soon),
      );
      if (index >= 0) person = people[i + index];
    }
    expect(person).toBeDefined();
    const session = await citizens.signIn();
    await bff.gql(VERIFY_REAL_NAME, { n: person!.name, i: person!.idNumber }, session.accessToken);
    const licenceNotices = async () =>
      (
        await bff.gql('query { myMessages { items { kind title link } } }', {}, session.accessToken)
      ).body.data.myMessages.items.filter((m: { kind: string }) => m.kind === 'LICENCE');
    for (let i = 0; i < 3; i++) await bff.gql(LICENCES, {}, session.accessToken);
    expect(await licenceNotices()).toEqual([]);
    // The scheduled sweep: every citizen in pages of 100, one library call a page.
    const calls = () => agencyCalls(mock, 'POST /licences/v1/holders/batch');
    const before = await calls();
    const first = await bff.built.expirySweep.sweep();
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    expect((await calls()) - before).toBe(Math.ceil(first.citizens / 100));
    expect((await bff.built.expirySweep.sweep()).reminders).toBe(0);
    const reminders = await licenceNotices();
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    expect(new Set(reminders.map((m: { link: string }) => m.link)).size).toBe(reminders.length);
    expect(reminders[0].title).toMatch(/即将到期$/);
  });
});
