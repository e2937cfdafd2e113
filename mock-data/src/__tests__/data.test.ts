import { createHash } from 'node:crypto';
import {
  validateIdNumber,
  validatePhone,
  validatePlate,
  validateCreditCode,
  plateTypesFor,
  PROVINCES,
} from '@citizen/shared';
import { generateWorld } from '../data/generate';

const OPTIONS = { seed: 20261121, people: 10_000, vehicles: 5_000 };
const fingerprint = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('generated data', () => {
  const world = generateWorld(OPTIONS);

  it('has at least 10,000 people and 5,000 vehicles, each with a unique key', () => {
    expect(world.people.length).toBe(10_000);
    expect(world.personById.size).toBe(10_000);
    // 5,000 blue and green plates, then the yellow ones (some on the same characters).
    expect(world.vehicles.filter((v) => v.plateType === 'SMALL' || v.plateType === 'NEW_ENERGY_SMALL').length).toBe(
      5_000,
    );
    expect(world.vehicleByPlate.size).toBe(5_000);
    expect(world.vehicleByPlateAndType.size).toBe(world.vehicles.length);
    expect(new Set(world.people.map((p) => p.phone)).size).toBe(10_000);
  });

  it('gives every person a valid GB 11643 ID number whose facts match the record', () => {
    for (const person of world.people) {
      const result = validateIdNumber(person.idNumber, new Date('2026-11-01T00:00:00Z'));
      if (!result.ok) throw new Error(`${person.idNumber}: ${result.problem}`);
      expect(result.facts.birthDate).toBe(person.birthDate);
      expect(result.facts.sex).toBe(person.sex);
      expect(PROVINCES[person.divisionCode.slice(0, 2)]).toBeDefined();
      expect(validatePhone(person.phone).ok).toBe(true);
      expect(person.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    }
  });

  it('gives every vehicle a valid plate of the kind it claims, owned by a person in the register', () => {
    const kinds = new Set<string>();
    for (const vehicle of world.vehicles) {
      const result = validatePlate(vehicle.plate);
      if (!result.ok) throw new Error(`${vehicle.plate}: ${result.problem}`);
      expect(result.kind).toBe(vehicle.plateKind);
      expect(plateTypesFor(vehicle.plate)).toContain(vehicle.plateType);
      kinds.add(result.kind);
      expect(world.personById.has(vehicle.ownerIdNumber)).toBe(true);
    }
    expect([...kinds].sort()).toEqual(['new-energy', 'ordinary', 'special']);
    expect(new Set(world.vehicles.map((v) => v.plateType))).toEqual(
      new Set(['SMALL', 'LARGE', 'NEW_ENERGY_SMALL', 'NEW_ENERGY_LARGE', 'TRAILER', 'COACH']),
    );
    // The same characters on a blue and a yellow plate: two vehicles, two owners' records.
    const twins = world.vehicles.filter(
      (v) => v.plateType === 'LARGE' && world.vehicleByPlateAndType.has(`${v.plate}|SMALL`),
    );
    expect(twins.length).toBeGreaterThan(100);
  });

  it('links every agency record to a person by ID number', () => {
    for (const id of world.socialInsurance.keys()) expect(world.personById.has(id)).toBe(true);
    for (const id of world.providentFund.keys()) expect(world.socialInsurance.has(id)).toBe(true);
    const kinds = new Set<string>();
    for (const [holder, licences] of world.licencesByHolder) {
      expect(world.personById.has(holder)).toBe(true);
      for (const licence of licences) {
        kinds.add(licence.kind);
        if (licence.kind === 'BUSINESS_LICENCE') expect(validateCreditCode(licence.number).ok).toBe(true);
      }
    }
    expect([...kinds].sort()).toEqual([
      'BUSINESS_LICENCE',
      'DRIVING_LICENCE',
      'ID_CARD',
      'SOCIAL_SECURITY_CARD',
      'VEHICLE_LICENCE',
    ]);
    expect(world.socialInsurance.size).toBeGreaterThan(4_000);
    expect(world.providentFund.size).toBeGreaterThan(3_000);
  });

  it('is the same on every run with the same seed, and different with another', () => {
    const again = generateWorld(OPTIONS);
    expect(fingerprint(again.people)).toBe(fingerprint(world.people));
    expect(fingerprint(again.vehicles)).toBe(fingerprint(world.vehicles));
    expect(fingerprint([...again.licencesByHolder])).toBe(fingerprint([...world.licencesByHolder]));
    const other = generateWorld({ ...OPTIONS, seed: 1, people: 200, vehicles: 20 });
    expect(other.people[0].idNumber).not.toBe(world.people[0].idNumber);
  });
});
