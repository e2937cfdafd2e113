import type { Kysely } from 'kysely';

/**
 * The database as a migration sees it: any table, any column, every value `unknown`. A
 * migration must keep working as the schema moves on, so it cannot be typed against
 * today's `Database` (Kysely's own advice for migrations); unlike `Kysely<any>`, a value
 * read back must be checked or converted before it is used. This alias is the one place
 * that says so.
 */
export type MigrationDb = Kysely<Record<string, Record<string, unknown>>>;
