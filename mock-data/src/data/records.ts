import { Faker, zh_CN, base } from '@faker-js/faker';
import { CREDIT_CODE_CHARSET, creditCodeCheckCharacter } from '@citizen/shared';
import type { Person, World } from './generate';

/**
 * The records the 查 line reads (fund loans, insurance, driving, exit-entry,
 * certificates, property, businesses, vaccinations, bus stops), generated from the
 * world's people with a faker of its own: the world's own sequence (people, vehicles,
 * licences every other test relies on) is untouched by anything added here.
 */

export interface FundLoan {
  loanNumber: string;
  principalCents: number;
  remainingCents: number;
  monthlyPaymentCents: number;
  startedOn: string;
  endsOn: string;
  status: 'repaying' | 'overdue';
}

export interface Claim {
  claimNumber: string;
  hospital: string;
  submittedOn: string;
  totalCents: number;
  reimbursedCents: number | null;
  stage: 'SUBMITTED' | 'REVIEWING' | 'APPROVED' | 'PAID' | 'REJECTED';
}

export interface DrivingLicenceRecord {
  drivingClass: string;
  pointsLeft: number;
  cycleEndsOn: string;
  validUntil: string;
  status: 'valid' | 'suspended';
}

export interface VehicleRecord {
  plate: string;
  vehicleType: string;
  brand: string;
  inspectionDue: string;
  insuranceDue: string;
  status: 'normal' | 'inspection-overdue';
}

export interface Violation {
  violationId: string;
  plate: string;
  at: string;
  place: string;
  act: string;
  fineCents: number;
  points: number;
  handled: boolean;
}

export interface ExitEntryApplication {
  applicationNumber: string;
  kind: 'PASSPORT' | 'HK_MACAO_PERMIT' | 'HK_ENDORSEMENT' | 'MACAO_ENDORSEMENT';
  stage: 'ACCEPTED' | 'REVIEWING' | 'MAKING' | 'READY' | 'COLLECTED';
  submittedOn: string;
  updatedOn: string;
}

export interface Qualification {
  certificateNumber: string;
  name: string;
  level: string;
  issuer: string;
  issuedOn: string;
}

export interface Property {
  certificateNumber: string;
  address: string;
  areaSqm: number;
  use: string;
  registeredOn: string;
  share: string;
}

export interface Business {
  creditCode: string;
  name: string;
  legalRepresentative: string;
  status: 'active' | 'revoked' | 'cancelled';
  type: string;
  scope: string;
  registeredOn: string;
}

export interface Vaccination {
  vaccine: string;
  dose: number;
  date: string;
  site: string;
}

export interface BusStop {
  stopId: string;
  name: string;
  routes: string[];
}

export interface RecordsWorld {
  loans: Map<string, FundLoan>;
  cardStatus: Map<string, 'active' | 'reported-lost'>;
  claims: Map<string, Claim[]>;
  drivers: Map<string, { licence: DrivingLicenceRecord | null; vehicles: VehicleRecord[]; violations: Violation[] }>;
  exitEntry: Map<string, ExitEntryApplication[]>;
  qualifications: Map<string, Qualification[]>;
  properties: Map<string, Property[]>;
  businesses: Business[];
  vaccinations: Map<string, Vaccination[]>;
  stops: BusStop[];
}

const HOSPITALS = ['市第一人民医院', '市中医院', '市妇幼保健院', '区人民医院', '大学附属第三医院'];
const ACTS: Array<[string, number, number]> = [
  ['机动车违反禁止标线指示', 20000, 3],
  ['驾驶机动车不按规定车道行驶', 10000, 3],
  ['机动车违反规定停放', 20000, 0],
  ['超过规定时速10%未达20%', 20000, 3],
  ['驾驶中使用手机', 20000, 3],
  ['不按规定礼让行人', 20000, 3],
];
const ROADS = ['天河路', '中山大道', '深南大道', '解放路', '人民北路', '滨江东路', '环城高速', '科技园南路'];
const CERTIFICATES: Array<[string, string, string]> = [
  ['会计专业技术资格', '初级', '财政部'],
  ['会计专业技术资格', '中级', '财政部'],
  ['电工', '四级/中级工', '人力资源和社会保障局'],
  ['教师资格', '小学', '教育局'],
  ['执业药师', '—', '国家药品监督管理局'],
  ['一级建造师', '—', '住房和城乡建设部'],
  ['育婴员', '五级/初级工', '人力资源和社会保障局'],
];
const SCOPES = [
  '日用百货、食品零售',
  '餐饮服务',
  '五金交电销售',
  '理发及美容服务',
  '软件开发；信息技术咨询服务',
  '道路货物运输',
];
const STOP_NAMES = [
  '市政府',
  '火车站',
  '体育中心',
  '人民公园',
  '市第一人民医院',
  '图书馆',
  '汽车客运站',
  '大学城',
  '科技园',
  '江滨公园',
  '文化广场',
  '会展中心',
  '中山路口',
  '解放路口',
  '天河城',
  '滨江东',
  '东站',
  '西站',
  '北京路',
  '市民中心',
];

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 864e5));

/** Childhood vaccines by the age (years) they are given at: enough for a plausible record. */
const SCHEDULE: Array<[string, number, number]> = [
  ['乙肝疫苗', 1, 0],
  ['卡介苗', 1, 0],
  ['乙肝疫苗', 2, 0.1],
  ['脊灰疫苗', 1, 0.2],
  ['百白破疫苗', 1, 0.25],
  ['麻腮风疫苗', 1, 0.7],
  ['乙脑减毒活疫苗', 1, 0.7],
  ['甲肝减毒活疫苗', 1, 1.5],
  ['百白破疫苗', 4, 1.5],
  ['麻腮风疫苗', 2, 1.5],
  ['白破疫苗', 1, 6],
];

export function generateRecords(world: World, options: { today?: Date } = {}): RecordsWorld {
  const faker = new Faker({ locale: [zh_CN, base] });
  faker.seed(world.seed + 14);
  const today = options.today ?? new Date('2026-11-01T00:00:00Z');
  const todayIso = isoDay(today);
  const age = (p: Person) => today.getUTCFullYear() - Number(p.birthDate.slice(0, 4));

  const loans = new Map<string, FundLoan>();
  for (const [idNumber, account] of world.providentFund) {
    if (!faker.datatype.boolean(0.3)) continue;
    const principal = faker.number.int({ min: 20, max: 120 }) * 10_000_00;
    const years = faker.helpers.arrayElement([10, 15, 20, 25, 30]);
    const started = faker.date.past({ years: 8, refDate: today });
    const elapsed = Math.max(0, Math.floor((today.getTime() - started.getTime()) / (30.44 * 864e5)));
    const monthly = Math.round((principal * 1.35) / (years * 12));
    loans.set(idNumber, {
      loanNumber: `GJJ${account.accountNumber.slice(-8)}`,
      principalCents: principal,
      remainingCents: Math.max(0, principal - Math.round((principal / (years * 12)) * elapsed)),
      monthlyPaymentCents: monthly,
      startedOn: isoDay(started),
      endsOn: isoDay(new Date(started.getTime() + years * 365.25 * 864e5)),
      status: faker.datatype.boolean(0.95) ? 'repaying' : 'overdue',
    });
  }

  const cardStatus = new Map<string, 'active' | 'reported-lost'>();
  const claims = new Map<string, Claim[]>();
  let claimSerial = 0;
  for (const idNumber of world.socialInsurance.keys()) {
    cardStatus.set(idNumber, faker.datatype.boolean(0.96) ? 'active' : 'reported-lost');
    const count = faker.helpers.weightedArrayElement([
      { value: 0, weight: 5 },
      { value: 1, weight: 3 },
      { value: 2, weight: 2 },
      { value: 3, weight: 1 },
    ]);
    const list: Claim[] = [];
    for (let i = 0; i < count; i++) {
      const stage = faker.helpers.arrayElement([
        'SUBMITTED',
        'REVIEWING',
        'APPROVED',
        'PAID',
        'PAID',
        'REJECTED',
      ] as const);
      const total = faker.number.int({ min: 200_00, max: 80_000_00 });
      list.push({
        claimNumber: `YB${String(++claimSerial).padStart(9, '0')}`,
        hospital: faker.helpers.arrayElement(HOSPITALS),
        submittedOn: isoDay(faker.date.past({ years: 1, refDate: today })),
        totalCents: total,
        reimbursedCents:
          stage === 'APPROVED' || stage === 'PAID'
            ? Math.round(total * faker.number.float({ min: 0.5, max: 0.9 }))
            : null,
        stage,
      });
    }
    claims.set(
      idNumber,
      list.sort((a, b) => b.submittedOn.localeCompare(a.submittedOn)),
    );
  }

  const drivers = new Map<
    string,
    { licence: DrivingLicenceRecord | null; vehicles: VehicleRecord[]; violations: Violation[] }
  >();
  let violationSerial = 0;
  const vehiclesByOwner = new Map<string, World['vehicles']>();
  for (const v of world.vehicles)
    vehiclesByOwner.set(v.ownerIdNumber, [...(vehiclesByOwner.get(v.ownerIdNumber) ?? []), v]);
  for (const [holder, licences] of world.licencesByHolder) {
    const driving = licences.find((l) => l.kind === 'DRIVING_LICENCE');
    if (!driving) continue;
    const vehicles = vehiclesByOwner.get(holder) ?? [];
    const violations: Violation[] = [];
    const count = faker.helpers.weightedArrayElement([
      { value: 0, weight: 4 },
      { value: 1, weight: 3 },
      { value: 2, weight: 2 },
      { value: 4, weight: 1 },
    ]);
    for (let i = 0; i < count && vehicles.length; i++) {
      const [act, fine, points] = faker.helpers.arrayElement(ACTS);
      violations.push({
        violationId: `WF${String(++violationSerial).padStart(9, '0')}`,
        plate: faker.helpers.arrayElement(vehicles).plate,
        at: faker.date.past({ years: 1, refDate: today }).toISOString(),
        place: `${faker.helpers.arrayElement(ROADS)}${faker.number.int({ min: 1, max: 300 })}号附近`,
        act,
        fineCents: fine,
        points,
        handled: faker.datatype.boolean(0.6),
      });
    }
    violations.sort((a, b) => b.at.localeCompare(a.at));
    const unhandledPoints = violations.filter((v) => !v.handled).reduce((sum, v) => sum + v.points, 0);
    const cycleStart = driving.issuedOn.slice(5);
    const thisYear = `${today.getUTCFullYear()}-${cycleStart}`;
    drivers.set(holder, {
      licence: {
        drivingClass: driving.fields.drivingClass ?? 'C1',
        pointsLeft: Math.max(0, 12 - unhandledPoints),
        cycleEndsOn: thisYear > todayIso ? thisYear : `${today.getUTCFullYear() + 1}-${cycleStart}`,
        validUntil: driving.validUntil ?? addDays(todayIso, 3650),
        status: unhandledPoints >= 12 ? 'suspended' : 'valid',
      },
      vehicles: vehicles.map((v) => ({
        plate: v.plate,
        vehicleType: v.vehicleType,
        brand: `${v.brand}${v.model}`,
        inspectionDue: v.inspectionValidUntil,
        insuranceDue: isoDay(faker.date.soon({ days: 365, refDate: today })),
        status: v.inspectionValidUntil < todayIso ? 'inspection-overdue' : 'normal',
      })),
      violations,
    });
  }

  const exitEntry = new Map<string, ExitEntryApplication[]>();
  const qualifications = new Map<string, Qualification[]>();
  const properties = new Map<string, Property[]>();
  const vaccinations = new Map<string, Vaccination[]>();
  const businesses: Business[] = [];
  let entrySerial = 0;
  for (const person of world.people) {
    const years = age(person);
    // Vaccinations: the childhood schedule up to the person's age, dated from their birth.
    const born = Date.parse(`${person.birthDate}T00:00:00Z`);
    const given = SCHEDULE.filter(([, , at]) => at <= years).map(([vaccine, dose, at]) => ({
      vaccine,
      dose,
      date: isoDay(new Date(born + at * 365.25 * 864e5 + faker.number.int({ min: 0, max: 20 }) * 864e5)),
      site: `${person.address.slice(0, 3)}社区卫生服务中心`,
    }));
    if (years >= 18 && faker.datatype.boolean(0.5))
      given.push({
        vaccine: '流感疫苗',
        dose: 1,
        date: isoDay(faker.date.past({ years: 1, refDate: today })),
        site: `${person.address.slice(0, 3)}社区卫生服务中心`,
      });
    vaccinations.set(person.idNumber, given);
    if (years < 18) continue;
    if (faker.datatype.boolean(0.25)) {
      const list: ExitEntryApplication[] = [];
      for (let i = faker.number.int({ min: 1, max: 2 }); i > 0; i--) {
        const submitted = faker.date.recent({ days: 60, refDate: today });
        list.push({
          applicationNumber: `CRJ${String(++entrySerial).padStart(10, '0')}`,
          kind: faker.helpers.arrayElement([
            'PASSPORT',
            'HK_MACAO_PERMIT',
            'HK_ENDORSEMENT',
            'MACAO_ENDORSEMENT',
          ] as const),
          stage: faker.helpers.arrayElement(['ACCEPTED', 'REVIEWING', 'MAKING', 'READY', 'COLLECTED'] as const),
          submittedOn: isoDay(submitted),
          updatedOn: isoDay(
            new Date(Math.min(today.getTime(), submitted.getTime() + faker.number.int({ min: 0, max: 10 }) * 864e5)),
          ),
        });
      }
      exitEntry.set(person.idNumber, list);
    }
    if (faker.datatype.boolean(0.3)) {
      const [name, level, issuer] = faker.helpers.arrayElement(CERTIFICATES);
      qualifications.set(person.idNumber, [
        {
          certificateNumber: faker.string.numeric(15),
          name,
          level,
          issuer,
          issuedOn: isoDay(faker.date.past({ years: 10, refDate: today })),
        },
      ]);
    }
    if (faker.datatype.boolean(0.4)) {
      properties.set(person.idNumber, [
        {
          certificateNumber: `粤(${faker.number.int({ min: 2015, max: 2026 })})${cityOf(person.address)}不动产权第${faker.string.numeric(7)}号`,
          address: `${person.address.slice(0, 3)}${faker.location.street()}${faker.number.int({ min: 1, max: 300 })}号${faker.number.int({ min: 1, max: 30 })}栋${faker.number.int({ min: 101, max: 3204 })}房`,
          areaSqm: faker.number.float({ min: 38, max: 180, fractionDigits: 2 }),
          use: faker.helpers.arrayElement(['住宅', '住宅', '商业']),
          registeredOn: isoDay(faker.date.past({ years: 12, refDate: today })),
          share: faker.helpers.arrayElement(['单独所有', '共同共有']),
        },
      ]);
    }
  }
  // Businesses: the individual businesses the licence library holds, and companies around them.
  for (const licences of world.licencesByHolder.values()) {
    for (const l of licences.filter((x) => x.kind === 'BUSINESS_LICENCE')) {
      businesses.push({
        creditCode: l.number,
        name: l.fields.businessName ?? '',
        legalRepresentative: l.fields.operator ?? '',
        status: 'active',
        type: '个体工商户',
        scope: faker.helpers.arrayElement(SCOPES),
        registeredOn: l.issuedOn,
      });
    }
  }
  for (let i = 0; i < 60; i++) {
    const person = faker.helpers.arrayElement(world.people);
    const first17 = `91${person.divisionCode}${faker.helpers.multiple(() => faker.helpers.arrayElement([...CREDIT_CODE_CHARSET]), { count: 9 }).join('')}`;
    businesses.push({
      creditCode: first17 + creditCodeCheckCharacter(first17),
      name: `${person.address.slice(0, 2)}${faker.company.name().replace(/有限.*$/, '')}有限公司`,
      legalRepresentative: person.name,
      status: faker.helpers.weightedArrayElement([
        { value: 'active' as const, weight: 9 },
        { value: 'revoked' as const, weight: 1 },
        { value: 'cancelled' as const, weight: 1 },
      ]),
      type: '有限责任公司',
      scope: faker.helpers.arrayElement(SCOPES),
      registeredOn: isoDay(faker.date.past({ years: 20, refDate: today })),
    });
  }
  const stops = STOP_NAMES.map((name, i) => ({
    stopId: `S${String(i + 1).padStart(4, '0')}`,
    name,
    routes: faker.helpers.arrayElements(
      ['1路', '2路', '6路', '11路', '22路', '33路', 'B5路', '地铁接驳1线', '夜班3路'],
      { min: 2, max: 4 },
    ),
  }));
  return { loans, cardStatus, claims, drivers, exitEntry, qualifications, properties, businesses, vaccinations, stops };
}

/** The city a property certificate is issued in (粤(2024)深圳市不动产权第…号), from the owner's address. */
export function cityOf(address: string): string {
  return /^[^省]*?([\u4e00-\u9fa5]{2,4}市)/.exec(address.replace(/^.*?省/, ''))?.[1] ?? '深圳市';
}
