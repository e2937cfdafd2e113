import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Who did something, in one format for every row of the audit log: `<kind>:<id>`.
 * An operator is named by username (the console shows who), a citizen only by the
 * opaque citizen id (never a name or ID number), and the system by what acted.
 * Migration 0034 rewrote the rows written before this format.
 */
export type AuditActor = `operator:${string}` | `citizen:${string}` | `system:${SystemActor}`;

/** `cli`: the operator command line; `migration`: a schema migration seeding data. */
export type SystemActor = 'cli' | 'migration';

export const auditActor = {
  operator: (username: string): AuditActor => `operator:${username}`,
  citizen: (citizenId: string): AuditActor => `citizen:${citizenId}`,
  system: (what: SystemActor): AuditActor => `system:${what}`,
  /** The one record a deleted person leaves: that a deletion happened, not whose. */
  anonymisedCitizen: 'citizen:anonymised' as AuditActor,
};

export interface AuditEntry {
  at: string | Date;
  actor: AuditActor;
  /** `<area>.<verb>`, e.g. `tile.publish`, `licence.view-full`. */
  action: string;
  /** What was acted on, `<kind>:<id>` (`tile:…`, `citizen:…`, `payment:…`). */
  subject: string;
  /** Stored as JSON: before/after for an edit, counts for a deletion. Never personal data. */
  detail?: unknown;
}

/**
 * The one writer of the audit log. Pass the transaction of the change being recorded,
 * so the change and its record commit (or fail) together.
 */
export async function writeAudit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: typeof entry.at === 'string' ? entry.at : entry.at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
