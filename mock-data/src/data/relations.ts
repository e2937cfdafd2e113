import { Faker, zh_CN, base } from '@faker-js/faker';
import type { Person, World } from './generate';
import type { Holdings } from './holdings';

/**
 * Relations the population register records (issue 17): parent and child, spouse, legal
 * guardian (监护人) and ward. Each is held from both sides: "PARENT" on a child's list
 * names their parent, "CHILD" on the parent's list names the child. Built after the
 * households (a household's children are the children of both its adults; spouses from
 * the marriage register) with a faker of its own (seed + 17), so nothing generated
 * earlier changes. Adults gain their older parents (people 20 to 40 years older); a few
 * children with no parent in the register have a legal guardian instead.
 */
export type RelationKind = 'PARENT' | 'CHILD' | 'SPOUSE' | 'GUARDIAN' | 'WARD';

export interface Relation {
  /** What the other person is to the one whose list this is. */
  relation: RelationKind;
  idNumber: string;
  name: string;
  birthDate: string;
  /** When the register recorded it (a birth, a marriage, a guardianship decision). */
  since: string;
}

export interface Relations {
  byPerson: Map<string, Relation[]>;
  /** Simulator filters (`/population/dev/people?has=`): who has which relations. */
  holders: Record<string, (idNumber: string) => boolean>;
}

const INVERSE: Record<RelationKind, RelationKind> = {
  PARENT: 'CHILD',
  CHILD: 'PARENT',
  SPOUSE: 'SPOUSE',
  GUARDIAN: 'WARD',
  WARD: 'GUARDIAN',
};

/** Whole years between a birth date and a day (both ISO dates), as birthdays count them. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export function generateRelations(world: World, holdings: Holdings, options: { today?: Date } = {}): Relations {
  const faker = new Faker({ locale: [zh_CN, base] });
  faker.seed(world.seed + 17);
  const today = (options.today ?? new Date('2026-11-01T00:00:00Z')).toISOString().slice(0, 10);
  const age = (p: Person) => ageOn(p.birthDate, today);
  const byPerson = new Map<string, Relation[]>();
  const seen = new Set<string>();
  /** `other` is `relation` to `person`; the inverse is recorded on the other's list. */
  const link = (person: Person, relation: RelationKind, other: Person, since: string) => {
    const key = `${person.idNumber}|${relation}|${other.idNumber}`;
    if (person.idNumber === other.idNumber || seen.has(key)) return;
    seen.add(key);
    seen.add(`${other.idNumber}|${INVERSE[relation]}|${person.idNumber}`);
    const add = (owner: Person, kind: RelationKind, them: Person) => {
      const list = byPerson.get(owner.idNumber) ?? byPerson.set(owner.idNumber, []).get(owner.idNumber)!;
      list.push({ relation: kind, idNumber: them.idNumber, name: them.name, birthDate: them.birthDate, since });
    };
    add(person, relation, other);
    add(other, INVERSE[relation], person);
  };
  const person = (id: string) => world.personById.get(id);

  // Step 1: spouses and children from the households (户籍) and the marriage register.
  const hasParent = new Set<string>();
  for (const [id, household] of holdings.households) {
    const self = person(id);
    if (!self) continue;
    const marriage = holdings.marriages.get(id);
    const spouse = marriage?.spouseIdNumber ? person(marriage.spouseIdNumber) : undefined;
    if (spouse) link(self, 'SPOUSE', spouse, marriage!.registeredOn ?? today);
    for (const member of household.members) {
      const child = member.relation === 'child' ? person(member.idNumber) : undefined;
      if (!child) continue;
      link(child, 'PARENT', self, child.birthDate);
      hasParent.add(child.idNumber);
    }
  }

  // Step 2: older parents of adults (20 to 40 years older), so the elderly have children to help them.
  const byAge = new Map<number, Person[]>();
  for (const p of world.people) if (age(p) >= 45) (byAge.get(age(p)) ?? byAge.set(age(p), []).get(age(p))!).push(p);
  for (const adult of world.people) {
    if (age(adult) < 22 || age(adult) > 60 || !faker.datatype.boolean(0.5)) continue;
    const fits = byAge.get(age(adult) + faker.number.int({ min: 20, max: 40 })) ?? [];
    if (!fits.length) continue;
    const parent = fits[faker.number.int({ min: 0, max: fits.length - 1 })]!;
    if ((byPerson.get(parent.idNumber) ?? []).some((r) => r.idNumber === adult.idNumber)) continue;
    link(adult, 'PARENT', parent, adult.birthDate);
  }

  // Step 3: a legal guardian (a grandparent's age, decided by a court or the residents' committee) for most children with no parent recorded.
  const guardians = world.people.filter((p) => age(p) >= 40 && age(p) <= 75);
  for (const child of world.people) {
    if (age(child) >= 18 || hasParent.has(child.idNumber) || !faker.datatype.boolean(0.8)) continue;
    const guardian = guardians[faker.number.int({ min: 0, max: guardians.length - 1 })]!;
    link(
      child,
      'GUARDIAN',
      guardian,
      faker.date
        .recent({ days: 2000, refDate: new Date(`${today}T00:00:00Z`) })
        .toISOString()
        .slice(0, 10),
    );
  }

  const list = (id: string) => byPerson.get(id) ?? [];
  const minor = (r: Relation) => ageOn(r.birthDate, today) < 18;
  const holders: Relations['holders'] = {
    /** A parent of someone under 18. */
    'minor-child': (id) =>
      ageOn(person(id)!.birthDate, today) >= 18 && list(id).some((r) => r.relation === 'CHILD' && minor(r)),
    /** A parent of a 17-year-old (turning 18 within the year: the guardian's right ends on the birthday). */
    'child-aged-17': (id) => list(id).some((r) => r.relation === 'CHILD' && ageOn(r.birthDate, today) === 17),
    /** A parent of someone 18 or older. */
    'adult-child': (id) => list(id).some((r) => r.relation === 'CHILD' && !minor(r)),
    /** An adult whose parent is 60 or older. */
    'older-parent': (id) =>
      ageOn(person(id)!.birthDate, today) >= 18 &&
      list(id).some((r) => r.relation === 'PARENT' && ageOn(r.birthDate, today) >= 60),
    /** A legal guardian of a minor. */
    guardian: (id) => list(id).some((r) => r.relation === 'WARD' && minor(r)),
    spouse: (id) => list(id).some((r) => r.relation === 'SPOUSE'),
    /** An adult with no relation in the register at all. */
    'no-relations': (id) => ageOn(person(id)!.birthDate, today) >= 18 && list(id).length === 0,
  };
  return { byPerson, holders };
}
