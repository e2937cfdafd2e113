import type { World } from '../data/generate';
import type { Relations } from '../data/relations';
import { s, type Agency } from './agency';
import { batchRoutes, extendAgency } from './citizen-records';

const relationSchema = s.obj({
  relation: {
    type: 'string',
    enum: ['PARENT', 'CHILD', 'SPOUSE', 'GUARDIAN', 'WARD'],
    description:
      'What the other person is to the one asked about (PARENT: their parent; WARD: a minor they are legal guardian of)',
  },
  idNumber: s.str,
  name: s.str,
  birthDate: s.str,
  since: s.str,
});

/**
 * The population register's relations (issue 17): parent/child, spouse, legal guardian,
 * per person and in batches of up to 100, described in the register's OpenAPI document.
 * The BFF reads them to decide who may act for whom.
 */
export function extendPopulationRelations(agency: Agency, world: World, relations: Relations): void {
  extendAgency(agency, (router) =>
    batchRoutes(
      router,
      'relations',
      'people',
      (id) => (world.personById.has(id) ? { relations: relations.byPerson.get(id) ?? [] } : null),
      s.obj({ relations: s.arr(relationSchema) }),
      'Relations (parent, child, spouse, legal guardian)',
    ),
  );
}
