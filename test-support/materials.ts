import type { FormSchema } from '@citizen/shared';
import { countMaterials, type MaterialsCount } from '../bff/src/modules/applications/materials';
import { BATCH, type RecordSource } from '../bff/src/modules/agency-records/loaders';
import { VERIFY_REAL_NAME } from './policies';
import { Citizens, type RunningBff, type SignedIn } from '../bff/test/helpers';
import type { MockData } from './stack';

/**
 * Zero materials, measured (issue 19): for a published service, what a citizen who holds
 * the records must still type or upload when every agency answers, and what falls back to
 * typing when each agency the form reads is down in turn. Shared by the materials test
 * (which asserts on it) and `BENCH_ONLY=materials npm run bench` (which prints it).
 */

export const FORM_QUERY = `query($s: ID!) { applicationForm(serviceId: $s) { service { id title requiredLevel formSchema }
  prefilled { fieldId display source } unfilled { fieldId source code } licences { id kind }
  choices { fieldId options { value label fills { fieldId display } } } } }`;

/** Who can apply for each service with everything on record, and what they still type. */
export const APPLICANTS: Record<string, { has: string; level: 2 | 3; typed: Record<string, string> }> = {
  'pf-withdraw-purchase': {
    has: 'provident-fund,two-recent-homes',
    level: 3,
    typed: { amount: '150000.50', bankAccount: '6222020202020202020' },
  },
  'pf-withdraw-rent': { has: 'provident-fund,lease', level: 3, typed: { bankAccount: '6222020202020202020' } },
  'si-payment-record': {
    has: 'social-insurance',
    level: 2,
    typed: { months: '12', purpose: 'home', delivery: 'electronic' },
  },
  'school-enrolment': {
    has: 'school-age-child',
    level: 2,
    typed: { relation: 'mother', school: 's1', livesAtRegisteredAddress: 'yes' },
  },
  'deed-tax-subsidy': { has: 'recent-home', level: 2, typed: { bankAccount: '6222020202020202020' } },
  'public-rental-housing': { has: 'income-tax,married', level: 2, typed: { housing: 'renting' } },
  'individual-business-licence': {
    has: '',
    level: 2,
    typed: {
      businessName: '便民早餐店',
      businessScope: '早餐、小吃零售',
      businessAddress: '广东省深圳市龙岗区布吉街道2号',
      capital: '50000',
      employees: '3',
    },
  },
  'hk-macao-endorsement': { has: 'permit', level: 3, typed: { endorsementType: 'tourism', visits: '1' } },
  'talent-housing-subsidy': {
    has: 'provident-fund,social-insurance,degree',
    level: 3,
    typed: { bankAccount: '6222020202020202020' },
  },
};

export interface FormAnswer {
  service: { id: string; title: string; formSchema: FormSchema };
  prefilled: Array<{ fieldId: string; display: string; source: string }>;
  unfilled: Array<{ fieldId: string; source: string; code: string }>;
  licences: Array<{ id: string; kind: string }>;
  choices: Array<{
    fieldId: string;
    options: Array<{ value: string; label: string; fills: Array<{ fieldId: string; display: string }> }>;
  }>;
}

export const schemaOf = (f: FormAnswer) => f.service.formSchema;

/** The form's work for this citizen, as the form screen shows it. */
export const countForm = (f: FormAnswer): MaterialsCount =>
  countMaterials(schemaOf(f), {
    prefilled: Object.fromEntries(f.prefilled.map((p) => [p.fieldId, p.display])),
    choices: f.choices.map((c) => c.fieldId),
  });

/** Every published service, by id: the services the table covers. */
export async function publishedServiceIds(bff: RunningBff): Promise<string[]> {
  return (
    await bff.built.services.db
      .selectFrom('service_definitions')
      .select('id')
      .where('status', '=', 'published')
      .execute()
  )
    .map((r) => r.id)
    .sort();
}

export async function openForm(bff: RunningBff, session: SignedIn, serviceId: string): Promise<FormAnswer> {
  const { body } = await bff.gql(FORM_QUERY, { s: serviceId }, session.accessToken);
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data.applicationForm;
}

/**
 * Applicants for APPLICANTS' services: people who hold what each needs (the population
 * simulator's `has` filter), each used once, verified at the level the service needs,
 * with a bound phone (forms fill it). `lane` 0 or 1 takes alternate people, so two
 * databases' runs against one mock-data never share a person.
 */
export class MaterialsApplicants {
  private readonly used = new Set<string>();
  private phones = 0;
  private readonly citizens: Citizens;

  constructor(
    private readonly bff: RunningBff,
    private readonly mock: MockData,
    private readonly lane: 0 | 1 = 0,
  ) {
    this.citizens = new Citizens(bff, mock);
  }

  /** @param holds the records they hold, when not the service's usual applicant's (APPLICANTS). */
  async for(serviceId: string, holds?: string): Promise<SignedIn & { person: { idNumber: string; name: string } }> {
    const applicant = APPLICANTS[serviceId];
    if (!applicant) throw new Error(`no applicant described for ${serviceId}`);
    const { level } = applicant;
    const has = holds ?? applicant.has;
    const people = (await this.mock.json(`/population/dev/people?count=400${has ? `&has=${has}` : ''}`))
      .people as Array<{ idNumber: string; name: string }>;
    const person = people.filter((_, i) => i % 2 === this.lane).find((p) => !this.used.has(p.idNumber));
    if (!person) throw new Error(`no one left who holds ${has}`);
    this.used.add(person.idNumber);
    const session = await this.citizens.signIn();
    const { body } = await this.bff.gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, session.accessToken);
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    if (level === 3) await this.citizens.passFace('WECHAT', session.accessToken, person);
    await this.citizens.bindPhone(
      session,
      `139${String(process.pid % 1000).padStart(3, '0')}${this.lane + 1}${String(++this.phones).padStart(4, '0')}`,
    );
    return { ...session, person };
  }
}

export interface MaterialsRow {
  serviceId: string;
  /** The form with every agency answering. */
  form: FormAnswer;
  count: MaterialsCount;
  /** Each agency the form reads (besides our own account), down in turn: the form then. */
  degraded: Array<{ agency: string; source: RecordSource; form: FormAnswer; typed: number }>;
}

/** Opens the service's form for `session` with every agency up, then with each agency it reads down in turn. */
export async function measureMaterials(
  bff: RunningBff,
  mock: MockData,
  session: SignedIn,
  serviceId: string,
): Promise<MaterialsRow> {
  const form = await openForm(bff, session, serviceId);
  const sources = [
    ...new Set(
      schemaOf(form).fields.flatMap((x) =>
        x.prefill && x.prefill.source !== 'account' ? [x.prefill.source as RecordSource] : [],
      ),
    ),
  ];
  // Two sources read from one agency (household and population) go down together.
  const agencies = new Map(sources.map((source) => [BATCH[source].agency, source] as const));
  const degraded: MaterialsRow['degraded'] = [];
  for (const [agency, source] of agencies) {
    await mock.fault(agency, { mode: 'down' });
    try {
      const down = await openForm(bff, session, serviceId);
      degraded.push({ agency, source, form: down, typed: countForm(down).typed.length });
    } finally {
      await mock.resetFaults();
    }
  }
  return { serviceId, form, count: countForm(form), degraded };
}

/** The table the issue asked for, in Markdown. */
export function materialsTable(rows: readonly MaterialsRow[]): string {
  const line = ({ form, count, degraded }: MaterialsRow) =>
    `| ${form.service.title} | ${count.typed.length} (${count.typed.join(', ') || '—'}) | ${count.declared.length} | ${count.governmentUploads.length} | ${count.ownUploads.length} | ${form.choices.map((c) => `${c.fieldId}×${c.options.length}`).join(', ') || '—'} | ${degraded.map((d) => `${d.agency} ${d.typed}`).join('; ') || '—'} |`;
  return [
    '| service | typed | declared | gov. uploads | own papers (if any) | choices | typed with one agency down |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(line),
  ].join('\n');
}
