import type { MigrationDb } from './migrationDb';

/**
 * Every tile answers (issue 14, 查). The seed's record tiles open the records page that
 * reads them (and name the agency that holds them, so the home grid's availability is
 * that agency's); the hall-booking tiles open the booking page; seed tiles whose service
 * is not built (pension qualification, fees until the payment issue, hospital booking, reconsideration, the two
 * regional systems) are unpublished rather than left ending at "该服务正在接入".
 * Frozen values, no live code: the page paths are the app's as of this migration.
 */
const RECORD_TILES: Array<[tile: string, page: string, agency: string, level: number]> = [
  ['pf-balance', '/pages/records/index?type=providentFund', 'provident-fund', 2],
  ['si-card', '/pages/records/index?type=socialInsurance', 'social-insurance', 2],
  ['medical-card', '/pages/records/index?type=medicalInsurance', 'medical-insurance', 2],
  ['medical-reimbursement', '/pages/records/index?type=medicalInsurance', 'medical-insurance', 2],
  ['vehicle-info', '/pages/records/index?type=driving', 'traffic-police', 2],
  ['driving-licence', '/pages/records/index?type=driving', 'traffic-police', 2],
  ['traffic-violations', '/pages/records/index?type=driving', 'traffic-police', 2],
  ['endorsement-progress', '/pages/records/index?type=exitEntry', 'exit-entry', 2],
  ['qualification-query', '/pages/records/index?type=qualifications', 'talent', 2],
  ['real-estate-query', '/pages/records/index?type=realEstate', 'real-estate', 2],
  ['vaccination-record', '/pages/records/index?type=vaccinations', 'health', 2],
  ['business-licence-query', '/pages/records/index?type=business', 'market-regulation', 1],
  ['realtime-bus', '/pages/records/index?type=bus', 'transit', 0],
  ['endorsement-appointment', '/pages/book/index?serviceId=endorsement-appointment', 'exit-entry', 2],
  ['marriage-appointment', '/pages/book/index?serviceId=marriage-appointment', 'population', 2],
];
const NOT_BUILT = [
  'si-pension-qualification',
  'water-fee',
  'power-fee',
  'gas-fee',
  'hospital-registration',
  'administrative-reconsideration',
  'shenzhen-talent-points',
  'fuzhou-metro',
];

/** What the seed had, for down(). */
const SEED: Record<string, [agency: string | null, level: number]> = {
  'pf-balance': ['provident-fund', 2],
  'si-card': ['licences', 2],
  'medical-card': ['social-insurance', 2],
  'medical-reimbursement': ['social-insurance', 2],
  'vehicle-info': ['vehicle', 2],
  'driving-licence': ['licences', 2],
  'traffic-violations': ['vehicle', 2],
  'endorsement-progress': ['population', 2],
  'qualification-query': ['licences', 2],
  'real-estate-query': [null, 2],
  'vaccination-record': ['population', 2],
  'business-licence-query': ['licences', 1],
  'realtime-bus': [null, 0],
  'endorsement-appointment': ['population', 2],
  'marriage-appointment': ['population', 2],
};

export async function up(db: MigrationDb): Promise<void> {
  // Only tiles still as seeded: an operator's later edit of the same tile is theirs.
  for (const [id, page, agency, level] of RECORD_TILES) {
    await db
      .updateTable('service_tiles')
      .set({ target_kind: 'PAGE', target_value: page, agency, required_level: level })
      .where('id', '=', id)
      .where('target_kind', '=', 'SERVICE')
      .where('target_value', '=', id)
      .execute();
  }
  await db
    .updateTable('service_tiles')
    .set({ status: 'unpublished' })
    .where('id', 'in', NOT_BUILT)
    .where('status', '=', 'published')
    .where('target_kind', '=', 'SERVICE')
    .execute();
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor: 'system',
      action: 'catalogue.migrate',
      subject: 'catalogue',
      detail: JSON.stringify({
        migration: '0015_records_tiles',
        retargeted: RECORD_TILES.map((t) => t[0]),
        unpublished: NOT_BUILT,
      }),
    })
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const [id, page] of RECORD_TILES) {
    const [agency, level] = SEED[id]!;
    await db
      .updateTable('service_tiles')
      .set({ target_kind: 'SERVICE', target_value: id, agency, required_level: level })
      .where('id', '=', id)
      .where('target_value', '=', page)
      .execute();
  }
  await db
    .updateTable('service_tiles')
    .set({ status: 'published' })
    .where('id', 'in', NOT_BUILT)
    .where('status', '=', 'unpublished')
    .execute();
}
