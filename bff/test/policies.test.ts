import { POLICY_VERSIONS } from '@citizen/shared';
import { Citizens, startBff, startMockData, testDatabases, type MockData, type RunningBff } from './helpers';

const STATUS =
  'query { policyStatus { privacyVersion termsVersion accepted consents { document version acceptedAt } } }';
const VERIFY = 'mutation($n: String!, $i: String!) { verifyRealName(name: $n, idNumber: $i) { level } }';
const ACCEPT =
  'mutation($p: String!, $t: String!) { acceptPolicies(privacyVersion: $p, termsVersion: $t) { accepted consents { document version acceptedAt } } }';

let mock: MockData;
beforeAll(async () => {
  mock = await startMockData();
});
afterAll(() => mock.stop());

/** Consent to the privacy policy and user agreement, recorded with its version, per platform account. */
describe.each(testDatabases())('policy consent on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;

  beforeAll(async () => {
    bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 2600 : 2700);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });

  it('records consent to the versions in force once, before any real name, and says so', async () => {
    const session = await citizens.signIn();
    const before = (await bff.gql(STATUS, {}, session.accessToken)).body.data.policyStatus;
    expect(before).toEqual({
      privacyVersion: POLICY_VERSIONS.PRIVACY,
      termsVersion: POLICY_VERSIONS.TERMS,
      accepted: false,
      consents: [],
    });

    const first = (await bff.gql(ACCEPT, { p: POLICY_VERSIONS.PRIVACY, t: POLICY_VERSIONS.TERMS }, session.accessToken))
      .body.data.acceptPolicies;
    expect(first.accepted).toBe(true);
    expect(
      first.consents.map((c: { document: string; version: string }) => `${c.document}@${c.version}`).sort(),
    ).toEqual([`PRIVACY@${POLICY_VERSIONS.PRIVACY}`, `TERMS@${POLICY_VERSIONS.TERMS}`]);
    // Agreeing again keeps the first time.
    const again = (await bff.gql(ACCEPT, { p: POLICY_VERSIONS.PRIVACY, t: POLICY_VERSIONS.TERMS }, session.accessToken))
      .body.data.acceptPolicies;
    expect(again.consents).toEqual(first.consents);
    const rows = await bff.built.services.db.selectFrom('policy_consents').selectAll().execute();
    expect(rows.filter((r) => r.version === POLICY_VERSIONS.PRIVACY && r.document === 'PRIVACY')).toHaveLength(1);

    // Another account has not agreed to anything.
    const other = await citizens.signIn();
    expect((await bff.gql(STATUS, {}, other.accessToken)).body.data.policyStatus.accepted).toBe(false);
  });

  it('refuses a version that is not in force (an old text) and needs a signed-in account', async () => {
    const session = await citizens.signIn();
    const stale = await bff.gql(ACCEPT, { p: '2020-01-01', t: POLICY_VERSIONS.TERMS }, session.accessToken);
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({
      code: 'POLICY_VERSION_OUTDATED',
      privacyVersion: POLICY_VERSIONS.PRIVACY,
    });
    expect((await bff.gql(STATUS, {}, session.accessToken)).body.data.policyStatus.accepted).toBe(false);
    const anonymous = await bff.gql(ACCEPT, { p: POLICY_VERSIONS.PRIVACY, t: POLICY_VERSIONS.TERMS });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('verifies no real name without recorded consent to the versions in force, whatever the client says', async () => {
    const session = await citizens.signIn();
    const [person] = (
      await mock.json(`/population/dev/people?count=1&offset=${database.name === 'sqlite' ? 1600 : 1700}`)
    ).people;
    const refused = await bff.gql(VERIFY, { n: person.name, i: person.idNumber }, session.accessToken);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'POLICY_CONSENT_REQUIRED',
      privacyVersion: POLICY_VERSIONS.PRIVACY,
      termsVersion: POLICY_VERSIONS.TERMS,
    });
    expect(refused.body.data).toBeNull();

    // Consent to an older text (as recorded before the policy changed) is not consent to this one.
    const { accountId } = (await bff.gql('query { me { accountId } }', {}, session.accessToken)).body.data.me;
    await bff.built.services.db
      .insertInto('policy_consents')
      .values([
        { account_id: accountId, document: 'PRIVACY', version: '2020-01-01', accepted_at: new Date().toISOString() },
        { account_id: accountId, document: 'TERMS', version: '2020-01-01', accepted_at: new Date().toISOString() },
      ])
      .execute();
    expect(
      (await bff.gql(VERIFY, { n: person.name, i: person.idNumber }, session.accessToken)).body.errors?.[0]?.extensions
        ?.code,
    ).toBe('POLICY_CONSENT_REQUIRED');
    expect((await bff.gql('query { me { level } }', {}, session.accessToken)).body.data.me.level).toBe(1);

    await bff.gql(ACCEPT, { p: POLICY_VERSIONS.PRIVACY, t: POLICY_VERSIONS.TERMS }, session.accessToken);
    expect(
      (await bff.gql(VERIFY, { n: person.name, i: person.idNumber }, session.accessToken)).body.data.verifyRealName
        .level,
    ).toBe(2);
  });
});
