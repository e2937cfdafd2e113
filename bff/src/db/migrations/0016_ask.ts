import { POLICY_FAQ, SERVICE_FAQ } from './data/0016_faq';
import type { MigrationDb } from './migrationDb';

const ALL_PLATFORMS = ['WECHAT', 'ALIPAY', 'BAIDU', 'H5'];

/**
 * 问: the FAQ (per service and policy questions), 12345 consultations with their
 * replies, each hotline event applied once (its id is a key) from the feed past a
 * cursor, a hashed query code on each application for progress lookup without
 * signing in, and the 问 tiles pointed at the pages that answer them.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('faq_entries')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    // Null: a policy question, not about one service.
    .addColumn('service_id', 'varchar(64)')
    .addColumn('topic', 'varchar(64)', (c) => c.notNull())
    .addColumn('question', 'varchar(256)', (c) => c.notNull())
    .addColumn('question_en', 'varchar(512)', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answer_en', 'text', (c) => c.notNull())
    .addColumn('keywords', 'varchar(256)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('faq_entries_service').on('faq_entries').columns(['service_id', 'sort_order']).execute();

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    // Our reference at the hotline and the number the citizen sees.
    .addColumn('number', 'varchar(32)', (c) => c.notNull().unique())
    // Level 1 is enough to ask: an account without a real name has no citizen (and no Messages).
    .addColumn('citizen_id', 'varchar(36)', (c) => c.references('citizens.id').onDelete('cascade'))
    .addColumn('account_id', 'varchar(36)', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('category', 'varchar(16)', (c) => c.notNull())
    .addColumn('service_id', 'varchar(64)')
    .addColumn('application_number', 'varchar(32)')
    // What the citizen wrote and where they were: personal, encrypted.
    .addColumn('question_enc', 'text', (c) => c.notNull())
    .addColumn('location_enc', 'text')
    .addColumn('photo_id', 'varchar(36)')
    .addColumn('idempotency_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('ticket_no', 'varchar(32)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handled_by', 'varchar(64)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('consultations_idempotency', ['account_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('consultations_citizen_created')
    .on('consultations')
    .columns(['citizen_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('consultations_account_created')
    .on('consultations')
    .columns(['account_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('consultations_photo').on('consultations').column('photo_id').execute();

  await db.schema
    .createTable('consultation_replies')
    // The hotline's event id: a reply read twice is one row.
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('consultation_id', 'varchar(36)', (c) => c.notNull().references('consultations.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('department', 'varchar(64)')
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consultation_replies_consultation')
    .on('consultation_replies')
    .columns(['consultation_id', 'at'])
    .execute();

  await db.schema
    .createTable('hotline_events')
    .addColumn('event_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('applied_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('hotline_cursor')
    .addColumn('feed', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  // Progress without signing in: an HMAC of the code to compare, and the code encrypted for its owner's screens.
  await db.schema.alterTable('applications').addColumn('query_code_hash', 'varchar(64)').execute();
  await db.schema.alterTable('applications').addColumn('query_code_enc', 'text').execute();

  const now = new Date().toISOString();
  // A service's answers are filed under its category, so searching 公积金 finds them all.
  const categories = Object.fromEntries(
    (await db.selectFrom('service_definitions').select(['id', 'category_id']).execute()).map((d) => [
      String(d.id),
      String(d.category_id),
    ]),
  );
  const rows = [
    ...Object.entries(SERVICE_FAQ).flatMap(([serviceId, entries]) =>
      entries.map((e, i) => ({
        id: `${serviceId}-${i + 1}`,
        service_id: serviceId,
        topic: categories[serviceId] ?? 'legal',
        entry: e,
        order: (i + 1) * 10,
      })),
    ),
    ...POLICY_FAQ.map((p, i) => ({
      id: `policy-${i + 1}`,
      service_id: null,
      topic: p.topic,
      entry: p.entry,
      order: (i + 1) * 10,
    })),
  ];
  for (const row of rows) {
    const [question, answer, question_en, answer_en, keywords] = row.entry;
    await db
      .insertInto('faq_entries')
      .values({
        id: row.id,
        service_id: row.service_id,
        topic: row.topic,
        question,
        question_en,
        answer,
        answer_en,
        keywords,
        sort_order: row.order,
        status: 'published',
        updated_at: now,
      })
      .execute();
  }

  // The 问 tiles open the pages that answer them; asking needs an account (level 1), reading does not.
  const targets: Array<[string, string, number]> = [
    ['hotline-12345', '/pages/ask/index', 1],
    ['legal-aid', '/pages/ask/index?category=LEGAL_AID', 1],
    ['policy-qa', '/pages/faq/index', 0],
  ];
  for (const [id, page, level] of targets) {
    await db
      .updateTable('service_tiles')
      .set({ target_kind: 'PAGE', target_value: page, required_level: level })
      .where('id', '=', id)
      .where('target_kind', '=', 'SERVICE')
      .execute();
  }
  const exists = await db
    .selectFrom('service_tiles')
    .select('id')
    .where('id', '=', 'progress-lookup')
    .executeTakeFirst();
  if (!exists) {
    const last = await db
      .selectFrom('service_tiles')
      .select((eb) => eb.fn.max('sort_order').as('max'))
      .where('category_id', '=', 'legal')
      .executeTakeFirst();
    await db
      .insertInto('service_tiles')
      .values({
        id: 'progress-lookup',
        title: '办件进度查询',
        title_en: 'Application progress lookup',
        icon: 'chat',
        category_id: 'legal',
        line: 'ASK',
        target_kind: 'PAGE',
        target_value: '/pages/progress/index',
        agency: null,
        required_level: 0,
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
      .values(ALL_PLATFORMS.map((platform) => ({ tile_id: 'progress-lookup', platform })))
      .execute();
  }
  await db
    .insertInto('audit_log')
    .values({
      at: now,
      actor: 'system',
      action: 'catalogue.migrate',
      subject: 'catalogue',
      detail: JSON.stringify({
        migration: '0016_ask',
        faq: rows.length,
        tiles: [...targets.map((t) => t[0]), 'progress-lookup'],
      }),
    })
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.deleteFrom('tile_platforms').where('tile_id', '=', 'progress-lookup').execute();
  await db.deleteFrom('service_tiles').where('id', '=', 'progress-lookup').execute();
  for (const id of ['hotline-12345', 'legal-aid', 'policy-qa']) {
    await db
      .updateTable('service_tiles')
      .set({ target_kind: 'SERVICE', target_value: id, required_level: 0 })
      .where('id', '=', id)
      .execute();
  }
  await db.schema.alterTable('applications').dropColumn('query_code_enc').execute();
  await db.schema.alterTable('applications').dropColumn('query_code_hash').execute();
  for (const table of ['hotline_cursor', 'hotline_events', 'consultation_replies', 'consultations', 'faq_entries'])
    await db.schema.dropTable(table).execute();
}
