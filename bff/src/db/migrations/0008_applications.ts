import { DEFINITION_ROWS } from './data/0008_definitions';
import type { MigrationDb } from './migrationDb';

/**
 * Service applications and the one message store. Answers are personal data:
 * encrypted. Department progress arrives as events applied once each (the
 * department_events key), read from each department's feed past its cursor.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('service_definitions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('title', 'varchar(128)', (c) => c.notNull())
    .addColumn('title_en', 'varchar(128)', (c) => c.notNull())
    .addColumn('category_id', 'varchar(64)', (c) => c.notNull().references('service_categories.id'))
    .addColumn('lines', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('required_level', 'integer', (c) => c.notNull())
    .addColumn('departments', 'text', (c) => c.notNull())
    .addColumn('promised_days', 'integer', (c) => c.notNull())
    .addColumn('fees', 'varchar(128)', (c) => c.notNull())
    .addColumn('fees_en', 'varchar(128)', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  for (const row of DEFINITION_ROWS) {
    await db
      .insertInto('service_definitions')
      .values({ ...row, updated_at: now })
      .execute();
  }
  // The endorsement can now be applied for online: a tile of its own, beside the appointment one.
  const tileExists = await db
    .selectFrom('service_tiles')
    .select('id')
    .where('id', '=', 'hk-macao-endorsement')
    .executeTakeFirst();
  if (!tileExists) {
    const last = await db
      .selectFrom('service_tiles')
      .select((eb) => eb.fn.max('sort_order').as('max'))
      .where('category_id', '=', 'entry-exit')
      .executeTakeFirst();
    await db
      .insertInto('service_tiles')
      .values({
        id: 'hk-macao-endorsement',
        title: '往来港澳签注',
        title_en: 'Hong Kong and Macao endorsement',
        icon: 'passport',
        category_id: 'entry-exit',
        line: 'DO',
        target_kind: 'SERVICE',
        target_value: 'hk-macao-endorsement',
        agency: 'exit-entry',
        required_level: 3,
        badge: 'NEW',
        sort_order: Number(last?.max ?? 0) + 10,
        status: 'published',
        publish_at: null,
        expire_at: null,
        live_version: null,
      })
      .execute();
    await db
      .insertInto('tile_platforms')
      .values(['WECHAT', 'ALIPAY', 'BAIDU', 'H5'].map((platform) => ({ tile_id: 'hk-macao-endorsement', platform })))
      .execute();
  }
  const known = await db
    .selectFrom('catalogue_services')
    .select('id')
    .where('id', '=', 'hk-macao-endorsement')
    .executeTakeFirst();
  if (!known)
    await db.insertInto('catalogue_services').values({ id: 'hk-macao-endorsement', title: '往来港澳签注' }).execute();
  // Tiles grey out when the system that decides them is down: the department, not the register.
  const deciders: Record<string, string> = {
    'school-enrolment': 'education',
    'deed-tax-subsidy': 'tax',
    'public-rental-housing': 'housing',
    'individual-business-licence': 'market-regulation',
    'talent-housing-subsidy': 'talent',
  };
  for (const [tile, agency] of Object.entries(deciders)) {
    await db
      .updateTable('service_tiles')
      .set({ agency })
      .where('id', '=', tile)
      .where('agency', '=', 'population')
      .execute();
  }

  await db.schema
    .createTable('application_drafts')
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    .addColumn('service_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('answers_enc', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_drafts_pk', ['citizen_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('service_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('answers_enc', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('unverified_fields', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('applications_idempotency', ['citizen_id', 'idempotency_key'])
    .execute();
  // myApplications: newest first by (created_at, id), read by cursor, never by offset.
  await db.schema
    .createIndex('applications_citizen_created')
    .on('applications')
    .columns(['citizen_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('application_departments')
    .addColumn('application_id', 'varchar(36)', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('department', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('receipt_no', 'varchar(64)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_departments_pk', ['application_id', 'department'])
    .execute();

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('application_id', 'varchar(36)', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('department', 'varchar(32)')
    .addColumn('status', 'varchar(24)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('application_events_application')
    .on('application_events')
    .columns(['application_id', 'at'])
    .execute();

  // Each department event is applied once, whichever instance reads it first.
  await db.schema
    .createTable('department_events')
    .addColumn('department', 'varchar(32)', (c) => c.notNull())
    .addColumn('event_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('applied_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('department_events_pk', ['department', 'event_id'])
    .execute();
  await db.schema
    .createTable('department_cursors')
    .addColumn('department', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('event_key', 'varchar(128)', (c) => c.notNull())
    .addColumn('title', 'varchar(128)', (c) => c.notNull())
    .addColumn('title_en', 'varchar(128)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('link', 'varchar(256)')
    .addColumn('read_at', 'varchar(32)')
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('delivery_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    // One message per event, however often a producer repeats itself.
    .addUniqueConstraint('messages_event', ['citizen_id', 'event_key'])
    .execute();
  await db.schema
    .createIndex('messages_citizen_created')
    .on('messages')
    .columns(['citizen_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.deleteFrom('tile_platforms').where('tile_id', '=', 'hk-macao-endorsement').execute();
  await db.deleteFrom('service_tiles').where('id', '=', 'hk-macao-endorsement').execute();
  for (const table of [
    'messages',
    'department_cursors',
    'department_events',
    'application_events',
    'application_departments',
    'applications',
    'application_drafts',
    'service_definitions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
