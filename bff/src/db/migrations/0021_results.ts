import type { MigrationDb } from './migrationDb';

/**
 * Results delivered: what a completed application gives the citizen. A signed document
 * (a certificate, an approval notice) is kept here with its verification code; an
 * electronic licence lives in the licence library, and this row remembers its id.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('issued_documents')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('citizen_id', 'varchar(36)', (c) => c.references('citizens.id').onDelete('cascade'))
    // One result per application.
    .addColumn('application_id', 'varchar(36)', (c) => c.notNull().unique())
    // CERTIFICATE | APPROVAL_NOTICE (a PDF made here) | LICENCE (issued by the licence library)
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('title', 'varchar(128)', (c) => c.notNull())
    .addColumn('title_en', 'varchar(128)', (c) => c.notNull())
    // Random part and its HMAC tag: a changed character fails the tag before any lookup.
    .addColumn('verify_code', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('holder_name_enc', 'text', (c) => c.notNull())
    // JSON, encrypted: the lines printed on the document (number, service, department, details).
    .addColumn('details_enc', 'text', (c) => c.notNull())
    .addColumn('licence_id', 'varchar(64)')
    .addColumn('issuer', 'varchar(128)', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('issued_documents_citizen')
    .on('issued_documents')
    .columns(['citizen_id', 'issued_at'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('issued_documents').execute();
}
