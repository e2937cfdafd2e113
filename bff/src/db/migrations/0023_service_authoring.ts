import type { MigrationDb } from './migrationDb';

/**
 * Services authored in the console (issue 15): a draft per service with a revision
 * (stale edits are refused and kept aside), each publish a numbered version holding
 * the whole definition, the live row naming its version, and applications and drafts
 * pinning the version they were made under. Also the seeding step's record of which
 * seed sets it has loaded (db/seed.ts): seed data is no business of migrations.
 *
 * Every definition already live becomes version 1, snapshotted from its row here (no
 * module code: a migration is frozen history), and what exists is pinned to it.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('service_definitions').addColumn('version', 'integer').execute();
  // JSON of the 办事指南 (item code, legal basis, conditions, hours, phones…); null until an operator writes one.
  await db.schema.alterTable('service_definitions').addColumn('guide', 'text').execute();
  await db.schema.alterTable('applications').addColumn('definition_version', 'integer').execute();
  await db.schema.alterTable('application_drafts').addColumn('definition_version', 'integer').execute();

  await db.schema
    .createTable('service_drafts')
    .addColumn('service_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('service_versions')
    .addColumn('service_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('action', 'varchar(24)', (c) => c.notNull())
    .addColumn('published_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_versions_pk', ['service_id', 'version'])
    .execute();
  // A stale edit of a service or an inquiry card, kept aside with its author (never lost).
  await db.schema
    .createTable('authoring_conflicts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('based_on_revision', 'integer', (c) => c.notNull())
    .addColumn('author', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('seed_runs')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('applied_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  const rows = await db.selectFrom('service_definitions').selectAll().orderBy('id').execute();
  for (const row of rows) {
    const snapshot = {
      id: row.id,
      title: row.title,
      titleEn: row.title_en,
      categoryId: row.category_id,
      lines: String(row.lines).split(',').filter(Boolean),
      description: row.description,
      descriptionEn: row.description_en,
      requiredLevel: row.required_level,
      departments: JSON.parse(String(row.departments)),
      promisedDays: row.promised_days,
      fees: row.fees,
      feesEn: row.fees_en,
      materials: JSON.parse(String(row.materials)),
      form: JSON.parse(String(row.form)),
      feeRule: row.fee_rule ? JSON.parse(String(row.fee_rule)) : null,
      guide: null,
    };
    await db
      .insertInto('service_versions')
      .values({
        service_id: row.id,
        version: 1,
        data: JSON.stringify(snapshot),
        action: 'seed',
        published_by: 'system',
        published_at: row.updated_at,
      })
      .execute();
  }
  await db.updateTable('service_definitions').set({ version: 1 }).execute();
  await db.updateTable('applications').set({ definition_version: 1 }).execute();
  await db.updateTable('application_drafts').set({ definition_version: 1 }).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  for (const table of ['seed_runs', 'authoring_conflicts', 'service_versions', 'service_drafts'])
    await db.schema.dropTable(table).execute();
  await db.schema.alterTable('application_drafts').dropColumn('definition_version').execute();
  await db.schema.alterTable('applications').dropColumn('definition_version').execute();
  await db.schema.alterTable('service_definitions').dropColumn('guide').execute();
  await db.schema.alterTable('service_definitions').dropColumn('version').execute();
}
