import type { AddressInfo } from 'node:net';
import { buildMockApp } from '../app';
import { loadMockConfig } from '../config';
import { ageOn } from '../data/relations';

const TODAY = '2026-11-01';

/** The population register's relations (issue 17), over a real HTTP connection, as the BFF reads them. */
describe('population register relations', () => {
  const mock = { url: '', stop: async () => undefined as void };
  const get = async (path: string) => {
    const response = await fetch(mock.url + path);
    return { status: response.status, body: (await response.json()) as any };
  };
  const relationsOf = async (id: string) =>
    (await get(`/population/v1/relations/${id}`)).body.relations as Array<{
      relation: string;
      idNumber: string;
      birthDate: string;
      name: string;
    }>;
  const people = async (has: string) =>
    (await get(`/population/dev/people?count=1000&has=${has}`)).body.people as Array<{
      idNumber: string;
      name: string;
    }>;

  // In this process: a spawned simulator can take longer than the start timeout on a loaded machine.
  beforeAll(async () => {
    const built = buildMockApp(loadMockConfig({ MOCK_PEOPLE: '3000', MOCK_VEHICLES: '100' }));
    const server = built.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    Object.assign(mock, {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      stop: () => {
        built.close();
        return new Promise((resolve) => server.close(resolve));
      },
    });
  }, 60_000);
  afterAll(() => mock.stop());

  it('has families: parents of children under 18, adults with parents over 60, legal guardians, spouses', async () => {
    const counts: Record<string, number> = {};
    for (const has of ['minor-child', 'child-aged-17', 'older-parent', 'guardian', 'spouse', 'no-relations'])
      counts[has] = (await people(has)).length;
    expect(counts['minor-child']).toBeGreaterThan(50);
    expect(counts['child-aged-17']).toBeGreaterThan(3);
    expect(counts['older-parent']).toBeGreaterThan(50);
    expect(counts.guardian).toBeGreaterThan(0);
    expect(counts.spouse).toBeGreaterThan(100);
    expect(counts['no-relations']).toBeGreaterThan(10);
  });

  it('holds every relation from both sides, a parent older than the child', async () => {
    for (const parent of (await people('minor-child')).slice(0, 20)) {
      const mine = await relationsOf(parent.idNumber);
      const child = mine.find((r) => r.relation === 'CHILD' && ageOn(r.birthDate, TODAY) < 18)!;
      expect(child.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      const theirs = await relationsOf(child.idNumber);
      const back = theirs.find((r) => r.idNumber === parent.idNumber)!;
      expect(back.relation).toBe('PARENT');
      expect(back.name).toBe(parent.name);
      expect(back.birthDate < child.birthDate).toBe(true);
    }
    for (const guardian of (await people('guardian')).slice(0, 5)) {
      const ward = (await relationsOf(guardian.idNumber)).find((r) => r.relation === 'WARD')!;
      expect((await relationsOf(ward.idNumber)).find((r) => r.idNumber === guardian.idNumber)?.relation).toBe(
        'GUARDIAN',
      );
    }
    for (const adult of (await people('older-parent')).slice(0, 5)) {
      const parent = (await relationsOf(adult.idNumber)).find(
        (r) => r.relation === 'PARENT' && ageOn(r.birthDate, TODAY) >= 60,
      )!;
      expect((await relationsOf(parent.idNumber)).find((r) => r.idNumber === adult.idNumber)?.relation).toBe('CHILD');
    }
  });

  it('answers batches in order with null for unknown people, 404 for one unknown, and describes the routes in OpenAPI', async () => {
    const [someone] = await people('spouse');
    const batch = await fetch(`${mock.url}/population/v1/relations/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idNumbers: [someone!.idNumber, '110101199003070000'] }),
    });
    const body = (await batch.json()) as any;
    expect(body.people[0].relations.some((r: { relation: string }) => r.relation === 'SPOUSE')).toBe(true);
    expect(body.people[1]).toBeNull();
    expect((await get('/population/v1/relations/110101199003070000')).status).toBe(404);
    const openapi = (await get('/openapi/population.json')).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/population/v1/relations/batch', '/population/v1/relations/{idNumber}']),
    );
    const schema =
      openapi.paths['/population/v1/relations/{idNumber}'].get.responses['200'].content['application/json'].schema;
    expect(schema.properties.relations.items.properties.relation.enum).toEqual([
      'PARENT',
      'CHILD',
      'SPOUSE',
      'GUARDIAN',
      'WARD',
    ]);
  });
});
