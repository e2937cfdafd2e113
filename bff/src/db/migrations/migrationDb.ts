import type { Kysely } from 'kysely';

/**
 * The database as a migration sees it: untyped on purpose. A migration must keep working
 * as the schema moves on, so it cannot be typed against today's `Database` (Kysely's own
 * advice for migrations); this alias is the one place that says so.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;
