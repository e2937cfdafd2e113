import { Faker, zh_CN, base } from '@faker-js/faker';
import {
  COUNTIES,
  CREDIT_CODE_CHARSET,
  NEW_ENERGY_LETTERS,
  PLATE_LETTERS,
  creditCodeCheckCharacter,
  makeIdNumber,
  type PlateTypeName,
} from '@citizen/shared';

/**
 * The simulated government's records, generated from one seed so every run (and
 * every test) sees the same people. Records in every agency link by ID number.
 */
export interface Person {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  divisionCode: string;
  address: string;
  phone: string;
}

export interface Vehicle {
  plate: string;
  plateKind: 'ordinary' | 'new-energy' | 'special';
  /** 号牌种类: the register keys a vehicle by plate and type (the same characters on another type are another vehicle). */
  plateType: PlateTypeName;
  ownerIdNumber: string;
  brand: string;
  model: string;
  color: string;
  vehicleType: string;
  registeredOn: string;
  inspectionValidUntil: string;
}

export interface SocialInsurance {
  idNumber: string;
  insuredCity: string;
  status: 'active' | 'suspended';
  firstPaidOn: string;
  monthlyBase: number;
  pensionMonths: number;
}

export interface ProvidentFundAccount {
  idNumber: string;
  accountNumber: string;
  employer: string;
  status: 'active' | 'sealed';
  balanceCents: number;
  monthlyDepositCents: number;
  openedOn: string;
}

export type LicenceKind =
  'ID_CARD' | 'DRIVING_LICENCE' | 'VEHICLE_LICENCE' | 'SOCIAL_SECURITY_CARD' | 'BUSINESS_LICENCE';

export interface Licence {
  licenceId: string;
  kind: LicenceKind;
  holderIdNumber: string;
  number: string;
  issuer: string;
  issuedOn: string;
  validUntil: string | null;
  /** Kind-specific fields, e.g. driving class or business name. */
  fields: Record<string, string>;
}

export interface World {
  seed: number;
  people: Person[];
  personById: Map<string, Person>;
  vehicles: Vehicle[];
  /** By plate characters alone: the first vehicle registered with them (the blue or green plate where there are two). */
  vehicleByPlate: Map<string, Vehicle>;
  /** By plate and type (`plateTypeKey`): how the register finds a vehicle when asked for both. */
  vehicleByPlateAndType: Map<string, Vehicle>;
  socialInsurance: Map<string, SocialInsurance>;
  providentFund: Map<string, ProvidentFundAccount>;
  licencesByHolder: Map<string, Licence[]>;
  /** Simulator filters other generators add (data/holdings.ts): who holds what, for /population/dev/people?has=. */
  holders?: Record<string, (idNumber: string) => boolean>;
}

/** Province code (first two digits of a division) → plate province character. */
const PLATE_PROVINCE_BY_CODE: Record<string, string> = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '蒙',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '贵',
  '53': '云',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
};
const ETHNICITIES = ['汉', '汉', '汉', '汉', '汉', '汉', '汉', '汉', '汉', '回', '满', '壮', '苗', '土家', '蒙古'];
const BRANDS: Array<[string, string[]]> = [
  ['比亚迪', ['秦PLUS', '汉EV', '宋Pro', '元PLUS']],
  ['大众', ['朗逸', '帕萨特', '速腾']],
  ['丰田', ['卡罗拉', '凯美瑞', 'RAV4荣放']],
  ['本田', ['思域', '雅阁', 'CR-V']],
  ['吉利', ['星瑞', '博越', '帝豪']],
  ['特斯拉', ['Model 3', 'Model Y']],
  ['长安', ['CS75 PLUS', '逸动']],
  ['五菱', ['宏光MINIEV', '缤果']],
  ['理想', ['L6', 'L7']],
  ['蔚来', ['ET5', 'ES6']],
];
const NEW_ENERGY_BRANDS = new Set(['比亚迪', '特斯拉', '五菱', '理想', '蔚来']);
const COLOURS = ['白', '黑', '灰', '银', '蓝', '红'];
const EMPLOYERS = [
  '市第一人民医院',
  '市城市建设投资集团有限公司',
  '市实验小学',
  '华信科技有限公司',
  '南方电网市供电局',
  '市公共交通集团',
  '海润物流有限公司',
  '市政务服务数据管理局',
];

/** Whole days since the epoch → ISO date. */
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export const plateTypeKey = (plate: string, plateType: PlateTypeName) => `${plate}|${plateType}`;

const LARGE_MAKES: Array<[string, string, string]> = [
  ['解放', 'J6P', '重型半挂牵引车'],
  ['东风', '天龙', '重型厢式货车'],
  ['宇通', 'ZK6120', '大型普通客车'],
  ['福田', '欧曼', '重型自卸货车'],
];

/**
 * Yellow plates and the rest, drawn from a faker of their own so the blue and green
 * vehicles (and everything generated after them) stay as they were: large vehicles —
 * every 25th small car's characters again on a yellow plate, a different vehicle with
 * its own owner — trailers (…挂), driving-school cars (…学) and large new-energy buses.
 */
function otherPlateTypes(
  seed: number,
  adults: Person[],
  vehicles: Vehicle[],
  byKey: Map<string, Vehicle>,
  today: Date,
): void {
  const faker = new Faker({ locale: [zh_CN, base] });
  faker.seed(seed + 21);
  const small = vehicles.filter((v) => v.plateType === 'SMALL');
  const add = (
    plate: string,
    plateType: PlateTypeName,
    plateKind: Vehicle['plateKind'],
    make: [string, string, string],
  ) => {
    if (byKey.has(plateTypeKey(plate, plateType))) return;
    const owner = faker.helpers.arrayElement(adults);
    const vehicle: Vehicle = {
      plate,
      plateKind,
      plateType,
      ownerIdNumber: owner.idNumber,
      brand: make[0],
      model: make[1],
      color: faker.helpers.arrayElement(COLOURS),
      vehicleType: make[2],
      registeredOn: isoDay(faker.date.past({ years: 12, refDate: today })),
      inspectionValidUntil: isoDay(faker.date.soon({ days: 700, refDate: today })),
    };
    vehicles.push(vehicle);
    byKey.set(plateTypeKey(plate, plateType), vehicle);
  };
  const alnum = () => faker.helpers.arrayElement([...(PLATE_LETTERS + '0123456789')]);
  for (let i = 0; i < small.length; i += 25)
    add(small[i].plate, 'LARGE', 'ordinary', faker.helpers.arrayElement(LARGE_MAKES));
  const count = Math.max(1, Math.floor(small.length / 100));
  for (let i = 0; i < count; i++) {
    const prefix = small[(i * 7) % small.length].plate.slice(0, 2);
    add(`${prefix}${alnum()}${alnum()}${alnum()}${alnum()}挂`, 'TRAILER', 'special', [
      '中集',
      '半挂车',
      '重型平板半挂车',
    ]);
    add(`${prefix}${alnum()}${alnum()}${faker.string.numeric(2)}学`, 'COACH', 'special', [
      '大众',
      '桑塔纳',
      '小型轿车',
    ]);
    add(
      `${prefix}${faker.string.numeric(5)}${faker.helpers.arrayElement([...NEW_ENERGY_LETTERS])}`,
      'NEW_ENERGY_LARGE',
      'new-energy',
      ['比亚迪', 'K9', '大型纯电动客车'],
    );
  }
}

export function generateWorld(options: { seed: number; people: number; vehicles: number; today?: Date }): World {
  const faker = new Faker({ locale: [zh_CN, base] });
  faker.seed(options.seed);
  // Generated dates are relative to a fixed day, not the clock, so the data is the same tomorrow.
  const today = options.today ?? new Date('2026-11-01T00:00:00Z');
  const people: Person[] = [];
  const personById = new Map<string, Person>();
  const phones = new Set<string>();

  while (people.length < options.people) {
    const [divisionCode, divisionName] = faker.helpers.arrayElement(COUNTIES);
    const birth = faker.date.birthdate({ mode: 'age', min: 1, max: 90, refDate: today });
    const birthDate = isoDay(birth);
    const sequence = faker.number.int({ min: 0, max: 999 });
    const idNumber = makeIdNumber(divisionCode, birthDate, sequence);
    if (personById.has(idNumber)) continue;
    let phone: string;
    do phone = `1${faker.helpers.arrayElement(['3', '5', '7', '8', '9'])}${faker.string.numeric(9)}`;
    while (phones.has(phone));
    phones.add(phone);
    const sex = sequence % 2 === 1 ? 'male' : 'female';
    const person: Person = {
      idNumber,
      name: faker.person.lastName() + faker.person.firstName(sex),
      sex,
      birthDate,
      ethnicity: faker.helpers.arrayElement(ETHNICITIES),
      divisionCode,
      address: `${divisionName}${faker.location.street()}${faker.number.int({ min: 1, max: 999 })}号`,
      phone,
    };
    people.push(person);
    personById.set(idNumber, person);
  }

  const age = (p: Person) => today.getUTCFullYear() - Number(p.birthDate.slice(0, 4));
  const adults = people.filter((p) => age(p) >= 18 && age(p) <= 80);

  const vehicles: Vehicle[] = [];
  const vehicleByPlate = new Map<string, Vehicle>();
  while (vehicles.length < options.vehicles) {
    const owner = faker.helpers.arrayElement(adults);
    const [brand, models] = faker.helpers.arrayElement(BRANDS);
    const newEnergy = NEW_ENERGY_BRANDS.has(brand) && faker.datatype.boolean(0.8);
    const province = PLATE_PROVINCE_BY_CODE[owner.divisionCode.slice(0, 2)] ?? '粤';
    const office = faker.helpers.arrayElement([...'ABCDEFGHJK']);
    const serial = newEnergy
      ? faker.helpers.arrayElement([...NEW_ENERGY_LETTERS]) +
        faker.helpers.arrayElement([...(PLATE_LETTERS + '0123456789')]) +
        faker.string.numeric(4)
      : faker.helpers
          .multiple(() => faker.helpers.arrayElement([...(PLATE_LETTERS + '0123456789')]), { count: 5 })
          .join('');
    const plate = province + office + serial;
    if (vehicleByPlate.has(plate)) continue;
    const registered = faker.date.past({ years: 12, refDate: today });
    const vehicle: Vehicle = {
      plate,
      plateKind: newEnergy ? 'new-energy' : 'ordinary',
      plateType: newEnergy ? 'NEW_ENERGY_SMALL' : 'SMALL',
      ownerIdNumber: owner.idNumber,
      brand,
      model: faker.helpers.arrayElement(models),
      color: faker.helpers.arrayElement(COLOURS),
      vehicleType: '小型轿车',
      registeredOn: isoDay(registered),
      inspectionValidUntil: isoDay(faker.date.soon({ days: 700, refDate: today })),
    };
    vehicles.push(vehicle);
    vehicleByPlate.set(plate, vehicle);
  }

  const socialInsurance = new Map<string, SocialInsurance>();
  const providentFund = new Map<string, ProvidentFundAccount>();
  const licencesByHolder = new Map<string, Licence[]>();
  const addLicence = (licence: Licence) => {
    const list = licencesByHolder.get(licence.holderIdNumber) ?? [];
    list.push(licence);
    licencesByHolder.set(licence.holderIdNumber, list);
  };
  let licenceSerial = 0;
  const nextLicenceId = () => `LIC${String(++licenceSerial).padStart(8, '0')}`;

  for (const person of people) {
    const years = age(person);
    const issued = faker.date.past({ years: 9, refDate: today });
    addLicence({
      licenceId: nextLicenceId(),
      kind: 'ID_CARD',
      holderIdNumber: person.idNumber,
      number: person.idNumber,
      issuer: `${person.address.slice(0, 3)}公安局`,
      issuedOn: isoDay(issued),
      validUntil: years >= 46 ? null : isoDay(new Date(issued.getTime() + (years < 26 ? 10 : 20) * 365.25 * 864e5)),
      fields: {
        name: person.name,
        sex: person.sex === 'male' ? '男' : '女',
        ethnicity: person.ethnicity,
        birthDate: person.birthDate,
        address: person.address,
      },
    });
    if (years < 18 || years > 65) continue;
    const firstPaid = faker.date.past({ years: Math.min(years - 17, 30), refDate: today });
    const insured: SocialInsurance = {
      idNumber: person.idNumber,
      insuredCity: person.address.slice(0, 3),
      status: faker.datatype.boolean(0.9) ? 'active' : 'suspended',
      firstPaidOn: isoDay(firstPaid),
      monthlyBase: faker.number.int({ min: 45, max: 350 }) * 100,
      pensionMonths: Math.floor((today.getTime() - firstPaid.getTime()) / (30.44 * 864e5)),
    };
    socialInsurance.set(person.idNumber, insured);
    addLicence({
      licenceId: nextLicenceId(),
      kind: 'SOCIAL_SECURITY_CARD',
      holderIdNumber: person.idNumber,
      number: `${person.divisionCode.slice(0, 4)}D${faker.string.numeric(9)}`,
      issuer: `${insured.insuredCity}人力资源和社会保障局`,
      issuedOn: insured.firstPaidOn,
      validUntil: null,
      fields: {
        name: person.name,
        bank: faker.helpers.arrayElement(['中国工商银行', '中国建设银行', '中国银行', '中国农业银行']),
      },
    });
    if (faker.datatype.boolean(0.75)) {
      providentFund.set(person.idNumber, {
        idNumber: person.idNumber,
        accountNumber: faker.string.numeric(12),
        employer: faker.helpers.arrayElement(EMPLOYERS),
        status: faker.datatype.boolean(0.92) ? 'active' : 'sealed',
        balanceCents: faker.number.int({ min: 1_000, max: 30_000_000 }),
        monthlyDepositCents: insured.monthlyBase * 24,
        openedOn: insured.firstPaidOn,
      });
    }
    if (faker.datatype.boolean(0.03)) {
      const first17 = `92${person.divisionCode}${faker.helpers.multiple(() => faker.helpers.arrayElement([...CREDIT_CODE_CHARSET]), { count: 9 }).join('')}`;
      addLicence({
        licenceId: nextLicenceId(),
        kind: 'BUSINESS_LICENCE',
        holderIdNumber: person.idNumber,
        number: first17 + creditCodeCheckCharacter(first17),
        issuer: `${person.address.slice(0, 3)}市场监督管理局`,
        issuedOn: isoDay(faker.date.past({ years: 8, refDate: today })),
        validUntil: null,
        fields: {
          businessName: `${person.address.slice(0, 3)}${faker.person.lastName()}记${faker.helpers.arrayElement(['小吃店', '便利店', '五金店', '理发店'])}`,
          type: '个体工商户',
          operator: person.name,
        },
      });
    }
  }

  const owners = new Set<string>();
  for (const vehicle of vehicles) {
    owners.add(vehicle.ownerIdNumber);
    addLicence({
      licenceId: nextLicenceId(),
      kind: 'VEHICLE_LICENCE',
      holderIdNumber: vehicle.ownerIdNumber,
      number: vehicle.plate,
      issuer: `${vehicle.plate.slice(0, 1)}公安局交通警察支队`,
      issuedOn: vehicle.registeredOn,
      validUntil: null,
      fields: {
        plate: vehicle.plate,
        brand: `${vehicle.brand}${vehicle.model}`,
        vehicleType: vehicle.vehicleType,
        color: vehicle.color,
      },
    });
  }
  for (const idNumber of owners) {
    addLicence({
      licenceId: nextLicenceId(),
      kind: 'DRIVING_LICENCE',
      holderIdNumber: idNumber,
      number: idNumber,
      issuer: '公安局交通警察支队',
      issuedOn: isoDay(faker.date.past({ years: 6, refDate: today })),
      validUntil: isoDay(faker.date.soon({ days: 3650, refDate: today })),
      fields: { drivingClass: 'C1' },
    });
  }

  // Last, so the licences and every draw above are the same as before plate types existed.
  const vehicleByPlateAndType = new Map(vehicles.map((v) => [plateTypeKey(v.plate, v.plateType), v]));
  otherPlateTypes(options.seed, adults, vehicles, vehicleByPlateAndType, today);
  return {
    seed: options.seed,
    people,
    personById,
    vehicles,
    vehicleByPlate,
    vehicleByPlateAndType,
    socialInsurance,
    providentFund,
    licencesByHolder,
  };
}
