import { Citizens, startBff, startMockData, testDatabases, type MockData, type RunningBff } from './helpers';
import { VERIFY_REAL_NAME } from '../../test-support/policies';

const RECORDS = `query {
  myRecords {
    providentFund { hasAccount accountNumberMasked employer status balanceCents monthlyDepositCents loan { loanNumberMasked remainingCents status } deposits(page: 2, pageSize: 5) { page pageSize total items { month amountCents status } } }
    socialInsurance { insured insuredCity status cumulativeMonths types { type months } card { numberMasked status bank } contributions(months: 2) { month type personalCents } }
    medicalInsurance { member insuredPlace claims { claimNumber stage totalCents reimbursedCents } }
    driving { licence { drivingClass pointsLeft cycleEndsOn status } vehicles { plateMasked inspectionDue insuranceDue status } violations { id plateMasked act fineCents points handled } }
    exitEntry { applicationNumber kind stage }
    qualifications { certificateNumberMasked name }
    realEstate { certificateNumberMasked addressMasked areaSqm }
    vaccinations { vaccine dose date }
  }
}`;
const DASHBOARD = `query { dashboard { todos { kind title link dueOn } incomplete summaries { kind text textEn link } } }`;

jest.setTimeout(60_000);

type Person = { idNumber: string; name: string };

let mock: MockData;
/** People of the register, with what the agencies hold about them (the truth the BFF must pass on). */
let pool: Array<Person & { pf: any; driver: any; si: any }>;

async function batch(path: string, key: string, idNumbers: string[]) {
  const out: any[] = [];
  // The agencies take 100 numbers a call.
  for (let i = 0; i < idNumbers.length; i += 100)
    out.push(
      ...(await mock.json(path, { method: 'POST', body: JSON.stringify({ idNumbers: idNumbers.slice(i, i + 100) }) }))[
        key
      ],
    );
  return out;
}

beforeAll(async () => {
  mock = await startMockData();
  const { people } = await mock.json('/population/dev/people?count=300&offset=300&has=provident-fund,social-insurance');
  const ids = people.map((p: Person) => p.idNumber);
  const [pf, drivers, si] = await Promise.all([
    batch('/provident-fund/v1/fund-records/batch', 'records', ids),
    batch('/traffic-police/v1/drivers/batch', 'drivers', ids),
    batch('/social-insurance/v1/insurance-records/batch', 'records', ids),
  ]);
  pool = people.map((p: Person, i: number) => ({ ...p, pf: pf[i], driver: drivers[i], si: si[i] }));
});
afterAll(() => mock.stop());

describe.each(testDatabases())('records (查) on $name', (database) => {
  let bff: RunningBff;
  let citizens: Citizens;
  const taken = new Set<string>();
  /** The first person of the pool not used yet in this database who matches. */
  const pick = (match: (p: (typeof pool)[number]) => boolean) => {
    const person = pool.find((p) => !taken.has(p.idNumber) && match(p));
    if (!person) throw new Error('no such person in the pool');
    taken.add(person.idNumber);
    return person;
  };
  const verifiedAs = async (person: Person) => {
    const session = await citizens.signIn();
    const { body } = await bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, session.accessToken);
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return session;
  };

  beforeAll(async () => {
    bff = await startBff({ ...(await database.env()), AGENCY_BASE_URL: mock.url });
    citizens = new Citizens(bff, mock, database.name === 'sqlite' ? 1700 : 1800);
  });
  afterAll(async () => {
    await bff.stop();
    await database.cleanup();
  });
  afterEach(() => mock.resetFaults());

  it('reads every record kind from its agency, masked, one batch call per agency', async () => {
    const person = pick((p) => p.pf?.loan && p.driver?.vehicles.length > 0 && p.driver?.violations.length > 0);
    const session = await verifiedAs(person);
    const before = (await mock.json('/admin/calls')).calls as Record<string, number>;
    const { body } = await bff.gql(RECORDS, {}, session.accessToken);
    const after = (await mock.json('/admin/calls')).calls as Record<string, number>;
    expect(body.errors).toBeUndefined();
    const r = body.data.myRecords;
    expect(r.providentFund).toMatchObject({
      hasAccount: true,
      employer: person.pf.account.employer,
      balanceCents: person.pf.account.balanceCents,
      accountNumberMasked: `${person.pf.account.accountNumber.slice(0, 4)}****${person.pf.account.accountNumber.slice(-4)}`,
      loan: { remainingCents: person.pf.loan.remainingCents, status: person.pf.loan.status },
    });
    expect(r.providentFund.deposits).toMatchObject({ page: 2, pageSize: 5 });
    expect(r.providentFund.deposits.items.length).toBeLessThanOrEqual(5);
    expect(r.socialInsurance).toMatchObject({
      insured: true,
      insuredCity: person.si.insuredCity,
      cumulativeMonths: person.si.cumulativeMonths,
    });
    expect(r.socialInsurance.types.map((t: { type: string }) => t.type)).toEqual([
      'pension',
      'medical',
      'unemployment',
      'injury',
      'maternity',
    ]);
    expect(r.socialInsurance.card.numberMasked).toMatch(/^\d{4}\*+\d{4}$/);
    expect(r.socialInsurance.contributions.length).toBeGreaterThan(0);
    expect(r.medicalInsurance.member).toBe(true);
    expect(r.driving.vehicles).toHaveLength(person.driver.vehicles.length);
    expect(r.driving.violations.map((v: { id: string }) => v.id)).toEqual(
      person.driver.violations.map((v: { violationId: string }) => v.violationId),
    );
    expect(r.driving.licence.pointsLeft).toBe(person.driver.licence.pointsLeft);
    expect(r.driving.vehicles[0].plateMasked).toContain('*');
    for (const list of ['exitEntry', 'qualifications', 'realEstate', 'vaccinations'])
      expect(Array.isArray(r[list])).toBe(true);
    expect(r.vaccinations.length).toBeGreaterThan(0);
    for (const e of r.realEstate) expect(e.addressMasked).toContain('*');
    // Nothing that identifies the person in full leaves the BFF.
    const text = JSON.stringify(body);
    expect(text).not.toContain(person.idNumber);
    expect(text).not.toContain(person.pf.account.accountNumber);
    for (const v of person.driver.vehicles) expect(text).not.toContain(v.plate);
    // One batch call per agency for the whole query.
    const delta = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
    for (const path of [
      '/provident-fund/v1/fund-records/batch',
      '/social-insurance/v1/insurance-records/batch',
      '/medical-insurance/v1/members/batch',
      '/traffic-police/v1/drivers/batch',
      '/exit-entry/v1/progress/batch',
      '/talent/v1/qualifications/batch',
      '/real-estate/v1/owners/batch',
      '/health/v1/vaccinations/batch',
    ]) {
      expect([path, delta(`POST ${path}`)]).toEqual([path, 1]);
    }
  });

  it('one agency down: its field is null with AGENCY_UNAVAILABLE naming it, the others answer', async () => {
    const session = await verifiedAs(pick((p) => Boolean(p.si)));
    await mock.fault('social-insurance', { mode: 'down' });
    const { body } = await bff.gql(RECORDS, {}, session.accessToken);
    expect(body.data.myRecords.socialInsurance).toBeNull();
    expect(body.data.myRecords.providentFund).not.toBeNull();
    expect(body.data.myRecords.vaccinations.length).toBeGreaterThan(0);
    expect(body.errors!).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      path: ['myRecords', 'socialInsurance'],
      extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'social-insurance' },
    });
  });

  it('a hanging agency: its field is AGENCY_TIMEOUT at the deadline', async () => {
    const session = await verifiedAs(pick(() => true));
    await mock.fault('real-estate', { mode: 'hang' });
    const { body } = await bff.gql(
      'query { myRecords { realEstate { use } vaccinations { vaccine } } }',
      {},
      session.accessToken,
    );
    expect(body.data.myRecords.realEstate).toBeNull();
    expect(body.data.myRecords.vaccinations.length).toBeGreaterThan(0);
    expect(body.errors![0]).toMatchObject({
      path: ['myRecords', 'realEstate'],
      extensions: { code: 'AGENCY_TIMEOUT', agency: 'real-estate' },
    });
  });

  it('citizens asking at the same time each get their own records only', async () => {
    const people = [
      pick((p) => Boolean(p.driver?.violations.length)),
      pick((p) => Boolean(p.driver?.violations.length)),
      pick((p) => Boolean(p.pf)),
    ];
    const sessions = await Promise.all(people.map(verifiedAs));
    const answers = await Promise.all(
      sessions.map((s) =>
        bff.gql(
          'query { myRecords { providentFund { balanceCents } driving { violations { id } } } }',
          {},
          s.accessToken,
        ),
      ),
    );
    answers.forEach(({ body }, i) => {
      expect(body.data.myRecords.providentFund.balanceCents).toBe(people[i]!.pf?.account.balanceCents ?? null);
      expect(body.data.myRecords.driving.violations.map((v: { id: string }) => v.id)).toEqual(
        (people[i]!.driver?.violations ?? []).map((v: { violationId: string }) => v.violationId),
      );
    });
  });

  it('the dashboard reads each agency once, with todos and a line per record kind; one agency down nulls its line only', async () => {
    const person = pick((p) => p.driver?.violations.some((v: { handled: boolean }) => !v.handled));
    const session = await verifiedAs(person);
    const before = (await mock.json('/admin/calls')).calls as Record<string, number>;
    const { body } = await bff.gql(DASHBOARD, {}, session.accessToken);
    const after = (await mock.json('/admin/calls')).calls as Record<string, number>;
    expect(body.errors).toBeUndefined();
    const d = body.data.dashboard;
    expect(d.summaries.map((s: { kind: string }) => s.kind)).toEqual([
      'providentFund',
      'socialInsurance',
      'medicalInsurance',
      'driving',
      'exitEntry',
      'qualifications',
      'realEstate',
      'vaccinations',
    ]);
    expect(d.summaries[0].text).toMatch(/^余额 [\d,]+\.\d{2} 元/);
    expect(d.todos.find((t: { kind: string }) => t.kind === 'VIOLATION_UNHANDLED')).toMatchObject({
      link: '/pages/records/index?type=driving',
    });
    expect(d.incomplete).toEqual([]);
    // Background work is left out: health checks and the departments' event feeds, polled on timers.
    const agencyCalls = Object.keys(after).filter(
      (k) => !/\/dev\/|\/healthz$|\/v1\/events$/.test(k) && (after[k] ?? 0) > (before[k] ?? 0),
    );
    const agencies = new Set(agencyCalls.map((k) => k.split('/')[1]));
    // Each agency asked exactly once: agency calls per query = agencies touched.
    expect(agencyCalls.reduce((n, k) => n + (after[k]! - (before[k] ?? 0)), 0)).toBe(agencies.size);
    expect([...agencies].sort()).toEqual([
      'exit-entry',
      'health',
      'licences',
      'medical-insurance',
      'provident-fund',
      'real-estate',
      'social-insurance',
      'talent',
      'traffic-police',
    ]);

    await mock.fault('traffic-police', { mode: 'down' });
    const partial = (await bff.gql(DASHBOARD, {}, session.accessToken)).body;
    expect(partial.data.dashboard.summaries[3]).toBeNull();
    expect(partial.data.dashboard.summaries[0]).not.toBeNull();
    expect(partial.data.dashboard.incomplete).toEqual(['traffic-police']);
    expect(partial.errors).toEqual([
      expect.objectContaining({
        path: ['dashboard', 'summaries', 3],
        extensions: expect.objectContaining({ code: 'AGENCY_UNAVAILABLE', agency: 'traffic-police' }),
      }),
    ]);
  });

  it('records need level 2; the voucher is a fresh signed code; business lookup is level 1; buses are public', async () => {
    const signedIn = await citizens.signIn();
    expect(
      (await bff.gql('query { myRecords { vaccinations { vaccine } } }', {}, signedIn.accessToken)).body.errors![0]!
        .extensions!.code,
    ).toBe('ASSURANCE_LEVEL_TOO_LOW');
    const member = await verifiedAs(pick((p) => Boolean(p.si)));
    const voucher = (await bff.gql('mutation { medicalVoucher { code expiresAt } }', {}, member.accessToken)).body.data
      .medicalVoucher;
    expect(voucher.code).toMatch(/^YBPZ\.[\w-]+\.[\w-]+$/);
    expect(Date.parse(voucher.expiresAt) - Date.now()).toBeGreaterThan(30_000);
    const again = (await bff.gql('mutation { medicalVoucher { code } }', {}, member.accessToken)).body.data
      .medicalVoucher;
    expect(again.code).not.toBe(voucher.code);

    expect(
      (await bff.gql('query { businessLicences(query: "有限公司") { name } }')).body.errors![0]!.extensions!.code,
    ).toBe('UNAUTHENTICATED');
    const found = (
      await bff.gql(
        'query { businessLicences(query: "有限公司") { creditCode name legalRepresentativeMasked status } }',
        {},
        signedIn.accessToken,
      )
    ).body.data.businessLicences;
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].legalRepresentativeMasked).toMatch(/^.\*+$/);
    const byCode = (
      await bff.gql(
        'query($q: String!) { businessLicences(query: $q) { creditCode } }',
        { q: found[0].creditCode },
        signedIn.accessToken,
      )
    ).body.data.businessLicences;
    expect(byCode).toEqual([{ creditCode: found[0].creditCode }]);
    expect(
      (await bff.gql('query { businessLicences(query: "x") { name } }', {}, signedIn.accessToken)).body.errors![0]!
        .extensions!.code,
    ).toBe('BAD_USER_INPUT');

    const stops = (await bff.gql('query { busStops(query: "公园") { id name routes } }')).body.data.busStops;
    expect(stops.length).toBeGreaterThan(0);
    const arrivals = (
      await bff.gql('query($id: ID!) { busArrivals(stopId: $id) { stop { name } arrivals { route minutes } } }', {
        id: stops[0].id,
      })
    ).body.data.busArrivals;
    expect(arrivals.stop.name).toBe(stops[0].name);
    expect(arrivals.arrivals.length).toBe(stops[0].routes.length);
    expect((await bff.gql('query { busArrivals(stopId: "NOPE") { stop { name } } }')).body.data.busArrivals).toBeNull();
  });
});
