import type { MigrationDb } from './migrationDb';

/**
 * Authorisations between adults (issue 17): a grantor lets another adult act for them
 * within scopes until a China date. The grantee is a relation from the register (active
 * at once) or a person named by ID number and name (pending until they accept). A
 * session acting on one keeps its id in acting_sessions.authorisation_id and reads this
 * row again on every request, so a revocation holds from the next request on.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('authorisations')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('grantor_citizen_id', 'varchar(36)', (c) => c.notNull().references('citizens.id').onDelete('cascade'))
    // Who may accept: the named ID number (blind index) and, encrypted, the ID number and name the grantor gave.
    .addColumn('grantee_id_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('grantee_id_number_enc', 'text', (c) => c.notNull())
    .addColumn('grantee_name_enc', 'text', (c) => c.notNull())
    // Set when active: at once for a register relation, on acceptance for a named person.
    .addColumn('grantee_citizen_id', 'varchar(36)', (c) => c.references('citizens.id').onDelete('cascade'))
    // What the grantee is to the grantor: PARENT | CHILD | SPOUSE | GUARDIAN | WARD (register) or NAMED.
    .addColumn('grantee_relation', 'varchar(16)', (c) => c.notNull())
    // JSON array: service:<id>, category:<id>, wallet, appointments.
    .addColumn('scopes', 'text', (c) => c.notNull())
    // The last China day it holds (inclusive).
    .addColumn('until', 'varchar(10)', (c) => c.notNull())
    // PENDING | ACTIVE | REVOKED (an expired one stays ACTIVE: the date says it is over).
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(32)')
    .addColumn('revoked_at', 'varchar(32)')
    // GRANTOR | GRANTEE
    .addColumn('revoked_by', 'varchar(16)')
    .execute();
  await db.schema
    .createIndex('authorisations_grantor')
    .on('authorisations')
    .columns(['grantor_citizen_id', 'status'])
    .execute();
  await db.schema
    .createIndex('authorisations_grantee')
    .on('authorisations')
    .columns(['grantee_id_hash', 'status'])
    .execute();
  // One row per grantor, taken (upserted) first in a grant's transaction: grants by one
  // grantor run one after another, so the count of live ones and the insert are one step.
  await db.schema
    .createTable('authorisation_grantor_locks')
    .addColumn('grantor_citizen_id', 'varchar(36)', (c) => c.primaryKey().references('citizens.id').onDelete('cascade'))
    .addColumn('touched_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('authorisation_grantor_locks').execute();
  await db.schema.dropTable('authorisations').execute();
}
