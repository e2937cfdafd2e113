import { Faker, zh_CN, base } from '@faker-js/faker';
import type { Person, World } from './generate';
import { cityOf, type Property, type RecordsWorld } from './records';

/**
 * What agencies hold that application forms used to ask the citizen to type or upload
 * (issue 19): real estate purchases with their price and deed tax, registered leases,
 * individual income tax summaries, marriage registration, education degrees, exit-entry
 * permits with the certified photo taken for them, household members. Generated with a
 * faker of its own (seed + 19), after the world and the 查 records, so nothing earlier
 * changes; property records gain fields and some owners a second, recent home.
 */

/** A property as the registry answers it to forms: the 查 record plus the purchase. */
export interface Registration extends Property {
  purchasedOn: string;
  /** Yuan, as on the registered contract. */
  purchasePrice: number;
  contractNumber: string;
}

export interface DeedTaxPayment {
  voucherNumber: string;
  certificateNumber: string;
  address: string;
  /** Yuan. */
  amount: number;
  paidOn: string;
}

export interface Lease {
  registrationNumber: string;
  address: string;
  /** Yuan a month. */
  monthlyRent: number;
  startsOn: string;
  endsOn: string;
}

export interface Degree {
  certificateNumber: string;
  degree: 'bachelor' | 'master' | 'doctor';
  school: string;
  major: string;
  graduatedOn: string;
}

export interface Permit {
  permitNumber: string;
  kind: 'HK_MACAO_PERMIT';
  issuedOn: string;
  validUntil: string;
}

export interface CertifiedPhoto {
  photoId: string;
  takenOn: string;
}

export interface Marriage {
  maritalStatus: 'single' | 'married' | 'divorced' | 'widowed';
  spouseName: string | null;
  spouseIdNumber: string | null;
  registeredOn: string | null;
}

export interface Member {
  name: string;
  idNumber: string;
  relation: 'self' | 'spouse' | 'child' | 'parent';
  birthDate: string;
}

export interface Holdings {
  deedTax: Map<string, DeedTaxPayment[]>;
  incomeTax: Map<string, { incomeYear: number; annualIncome: number; monthlyIncome: number }>;
  leases: Map<string, Lease[]>;
  degrees: Map<string, Degree[]>;
  permits: Map<string, { permits: Permit[]; photos: CertifiedPhoto[] }>;
  marriages: Map<string, Marriage>;
  households: Map<string, { householdNumber: string; members: Member[] }>;
  /** Simulator filters for tests (`/population/dev/people?has=`): who holds what. */
  holders: Record<string, (idNumber: string) => boolean>;
}

const SCHOOLS = ['中山大学', '华南理工大学', '深圳大学', '暨南大学', '南方科技大学', '广东工业大学'];
const MAJORS = ['计算机科学与技术', '土木工程', '会计学', '临床医学', '法学', '电子信息工程', '汉语言文学'];
const STREETS = [
  '建设路',
  '人民路',
  '中山路',
  '解放大道',
  '滨海大道',
  '科技路',
  '学府路',
  '东风路',
  '花园路',
  '新华街',
];
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

export function generateHoldings(world: World, records: RecordsWorld, options: { today?: Date } = {}): Holdings {
  const faker = new Faker({ locale: [zh_CN, base] });
  faker.seed(world.seed + 19);
  const today = options.today ?? new Date('2026-11-01T00:00:00Z');
  const age = (p: Person) => today.getUTCFullYear() - Number(p.birthDate.slice(0, 4));
  const recent = (days: number) => isoDay(faker.date.recent({ days, refDate: today }));
  // Cheaper than faker's street and numeric helpers: this runs for every adult at start-up.
  const street = () => faker.helpers.arrayElement(STREETS);
  const digits = (n: number) => String(faker.number.int({ min: 0, max: 10 ** n - 1 })).padStart(n, '0');

  const deedTax = new Map<string, DeedTaxPayment[]>();
  const incomeTax = new Map<string, { incomeYear: number; annualIncome: number; monthlyIncome: number }>();
  const leases = new Map<string, Lease[]>();
  const degrees = new Map<string, Degree[]>();
  const permits = new Map<string, { permits: Permit[]; photos: CertifiedPhoto[] }>();
  const marriages = new Map<string, Marriage>();
  const households = new Map<string, { householdNumber: string; members: Member[] }>();
  let serial = 0;
  const next = () => String(++serial).padStart(8, '0');

  const adults = world.people.filter((p) => age(p) >= 18);
  for (const person of adults) {
    const id = person.idNumber;
    // Real estate: every registration gets its purchase; a third of owners bought a second home this year.
    const owned = records.properties.get(id) as Registration[] | undefined;
    if (owned) {
      if (faker.datatype.boolean(0.35)) {
        owned.push({
          certificateNumber: `粤(${today.getUTCFullYear()})${cityOf(person.address)}不动产权第${digits(7)}号`,
          address: `${person.address.slice(0, 3)}${street()}${faker.number.int({ min: 1, max: 300 })}号${faker.number.int({ min: 1, max: 30 })}栋${faker.number.int({ min: 101, max: 3204 })}房`,
          areaSqm: faker.number.float({ min: 45, max: 140, fractionDigits: 2 }),
          use: '住宅',
          registeredOn: recent(200),
          share: '单独所有',
        } as Registration);
      }
      for (const p of owned) {
        p.purchasedOn = p.registeredOn;
        p.purchasePrice = Math.round((p.areaSqm * faker.number.int({ min: 18_000, max: 65_000 })) / 1000) * 1000;
        p.contractNumber = `WQ${p.registeredOn.slice(0, 4)}${next()}`;
      }
      // Deed tax is paid on each purchase, before registration (1.5% for a home, 3% otherwise).
      deedTax.set(
        id,
        owned.map((p) => ({
          voucherNumber: `SW${p.registeredOn.replace(/-/g, '')}${next()}`,
          certificateNumber: p.certificateNumber,
          address: p.address,
          amount: Math.round(p.purchasePrice * (p.use === '住宅' ? 0.015 : 0.03)),
          paidOn: p.registeredOn,
        })),
      );
    } else if (faker.datatype.boolean(0.6)) {
      // Renters: a registered lease (备案), sometimes a second one for a room near work.
      const count = faker.datatype.boolean(0.2) ? 2 : 1;
      leases.set(
        id,
        Array.from({ length: count }, () => {
          const startsOn = recent(300);
          return {
            registrationNumber: `ZL${startsOn.slice(0, 4)}${next()}`,
            address: `${person.address.slice(0, 3)}${street()}${faker.number.int({ min: 1, max: 300 })}号${faker.number.int({ min: 101, max: 2802 })}房`,
            monthlyRent: faker.number.int({ min: 12, max: 90 }) * 100,
            startsOn,
            endsOn: addYears(startsOn, 1),
          };
        }),
      );
    }
    // Income tax: everyone with a job the fund or the insurer knows of has a yearly summary.
    if (world.providentFund.has(id) || world.socialInsurance.has(id)) {
      const annualIncome = faker.number.int({ min: 36, max: 600 }) * 1000;
      incomeTax.set(id, {
        incomeYear: today.getUTCFullYear() - 1,
        annualIncome,
        monthlyIncome: Math.round(annualIncome / 12),
      });
    }
    // Degrees: half of those old enough; some went on to a master's or a doctorate.
    if (age(person) >= 22 && faker.datatype.boolean(0.5)) {
      const born = Number(person.birthDate.slice(0, 4));
      const list: Degree[] = [];
      const levels: Degree['degree'][] = ['bachelor'];
      if (age(person) >= 25 && faker.datatype.boolean(0.35)) levels.push('master');
      if (levels.length === 2 && age(person) >= 29 && faker.datatype.boolean(0.25)) levels.push('doctor');
      levels.forEach((degree, i) => {
        const year = Math.min(born + 22 + i * 3, today.getUTCFullYear() - 1);
        list.push({
          certificateNumber: `${digits(5)}${year}${digits(6)}`,
          degree,
          school: faker.helpers.arrayElement(SCHOOLS),
          major: faker.helpers.arrayElement(MAJORS),
          graduatedOn: `${year}-06-30`,
        });
      });
      degrees.set(id, list);
    }
    // Exit-entry: a HK/Macao permit with the photo taken when it was issued; a few hold two (a new one issued early).
    if (faker.datatype.boolean(0.35)) {
      const count = faker.datatype.boolean(0.2) ? 2 : 1;
      const list = Array.from({ length: count }, (): Permit => {
        const issuedOn = recent(1500);
        return {
          permitNumber: `C${faker.helpers.arrayElement(['L', 'M', 'N', '1', '2'])}${digits(7)}`,
          kind: 'HK_MACAO_PERMIT',
          issuedOn,
          validUntil: addYears(issuedOn, 10),
        };
      });
      const takenOn = list
        .map((p) => p.issuedOn)
        .sort()
        .at(-1)!;
      permits.set(id, { permits: list, photos: [{ photoId: `PH${next()}`, takenOn }] });
    }
  }

  // Marriage registration: opposite-sex adults paired as they come; the rest single, divorced or widowed.
  const waiting: Record<'male' | 'female', Person | null> = { male: null, female: null };
  for (const person of adults) {
    const status = faker.helpers.weightedArrayElement([
      { value: 'married' as const, weight: 55 },
      { value: 'single' as const, weight: 30 },
      { value: 'divorced' as const, weight: 10 },
      { value: 'widowed' as const, weight: 5 },
    ]);
    if (status !== 'married') {
      marriages.set(person.idNumber, {
        maritalStatus: status,
        spouseName: null,
        spouseIdNumber: null,
        registeredOn: status === 'single' ? null : recent(3000),
      });
      continue;
    }
    const other = person.sex === 'male' ? 'female' : 'male';
    const partner = waiting[other];
    if (!partner) {
      waiting[person.sex] ??= person;
      if (waiting[person.sex] !== person)
        marriages.set(person.idNumber, {
          maritalStatus: 'single',
          spouseName: null,
          spouseIdNumber: null,
          registeredOn: null,
        });
      continue;
    }
    waiting[other] = null;
    const registeredOn = recent(5000);
    marriages.set(person.idNumber, {
      maritalStatus: 'married',
      spouseName: partner.name,
      spouseIdNumber: partner.idNumber,
      registeredOn,
    });
    marriages.set(partner.idNumber, {
      maritalStatus: 'married',
      spouseName: person.name,
      spouseIdNumber: person.idNumber,
      registeredOn,
    });
  }
  for (const left of Object.values(waiting))
    if (left && !marriages.has(left.idNumber))
      marriages.set(left.idNumber, {
        maritalStatus: 'single',
        spouseName: null,
        spouseIdNumber: null,
        registeredOn: null,
      });

  // Households (户籍): each child is registered with a parent 20 to 45 years older; spouses share it.
  const parentsByAge = new Map<number, Person[]>();
  for (const p of adults) {
    if (age(p) < 20 || age(p) > 62) continue;
    if (!parentsByAge.has(age(p))) parentsByAge.set(age(p), []);
    parentsByAge.get(age(p))!.push(p);
  }
  const childrenOf = new Map<string, Person[]>();
  for (const child of world.people.filter((p) => age(p) < 18)) {
    // An age gap first, then someone of that age: no list of every possible parent per child.
    const fits = parentsByAge.get(age(child) + faker.number.int({ min: 20, max: 45 })) ?? [];
    if (!fits.length) continue;
    const parent = fits[faker.number.int({ min: 0, max: fits.length - 1 })]!;
    if (!childrenOf.has(parent.idNumber)) childrenOf.set(parent.idNumber, []);
    childrenOf.get(parent.idNumber)!.push(child);
  }
  const member = (p: Person, relation: Member['relation']): Member => ({
    name: p.name,
    idNumber: p.idNumber,
    relation,
    birthDate: p.birthDate,
  });
  for (const person of adults) {
    if (households.has(person.idNumber)) continue;
    const marriage = marriages.get(person.idNumber);
    const spouse = marriage?.spouseIdNumber ? world.personById.get(marriage.spouseIdNumber) : undefined;
    const children = [
      ...(childrenOf.get(person.idNumber) ?? []),
      ...(spouse ? (childrenOf.get(spouse.idNumber) ?? []) : []),
    ];
    const householdNumber = `HH${next()}`;
    households.set(person.idNumber, {
      householdNumber,
      members: [
        member(person, 'self'),
        ...(spouse ? [member(spouse, 'spouse')] : []),
        ...children.map((c) => member(c, 'child')),
      ],
    });
    if (spouse && !households.has(spouse.idNumber)) {
      households.set(spouse.idNumber, {
        householdNumber,
        members: [member(spouse, 'self'), member(person, 'spouse'), ...children.map((c) => member(c, 'child'))],
      });
    }
  }

  const homesBought = (id: string) => ((records.properties.get(id) ?? []) as Registration[]).map((p) => p.purchasedOn);
  const yearsAgo = (years: number) =>
    isoDay(new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate())));
  const schoolAge = (m: Member) =>
    m.relation === 'child' &&
    age(world.personById.get(m.idNumber)!) >= 5 &&
    age(world.personById.get(m.idNumber)!) <= 7;
  const holders: Holdings['holders'] = {
    'real-estate': (id) => (records.properties.get(id)?.length ?? 0) > 0,
    // 购房提取公积金 takes homes bought in the last five years: "recent" is within four (a margin for the clock).
    'two-recent-homes': (id) => homesBought(id).length === 2 && homesBought(id).every((on) => on >= yearsAgo(4)),
    'old-and-recent-home': (id) =>
      homesBought(id).length === 2 &&
      homesBought(id).some((on) => on < yearsAgo(6)) &&
      homesBought(id).some((on) => on >= yearsAgo(4)),
    'recent-home': (id) =>
      (deedTax.get(id) ?? []).some((d) => d.paidOn >= isoDay(new Date(today.getTime() - 300 * 864e5))),
    lease: (id) => leases.has(id),
    'two-leases': (id) => (leases.get(id)?.length ?? 0) > 1,
    'income-tax': (id) => incomeTax.has(id),
    degree: (id) => degrees.has(id),
    'two-degrees': (id) => (degrees.get(id)?.length ?? 0) > 1,
    permit: (id) => permits.has(id),
    'two-permits': (id) => (permits.get(id)?.permits.length ?? 0) > 1,
    married: (id) => marriages.get(id)?.maritalStatus === 'married',
    'school-age-child': (id) => (households.get(id)?.members ?? []).some(schoolAge),
    'two-children': (id) => (households.get(id)?.members ?? []).filter((m) => m.relation === 'child').length > 1,
  };
  return { deedTax, incomeTax, leases, degrees, permits, marriages, households, holders };
}
