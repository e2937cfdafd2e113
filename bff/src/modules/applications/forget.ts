import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { DepartmentCode } from './definitions';
import { isFinal } from './status';

export const WITHDRAW_APPLICATION = 'applications.withdraw';

interface Withdrawal {
  reference: string;
  department: DepartmentCode;
  /** The department's idempotency key: a retry is the same withdrawal. */
  key: string;
}

/**
 * Forgets a citizen's applications, in the caller's transaction (deleteMyAccount).
 *
 * - Drafts are deleted.
 * - An open application (not REJECTED or COMPLETED) is withdrawn at each of its
 *   departments through the outbox (same transaction, so the withdrawal leaves even if
 *   we crash after commit) and then deleted with its departments and timeline.
 * - A finished application becomes the anonymous archive the retention rule keeps
 *   (APPLICATION_ARCHIVE_YEARS after its last change, then deleted by the scheduled
 *   purge): number, service, status, departments, receipt numbers and dates stay; the
 *   citizen and account are unlinked, answers, attachments, typed fields, reasons and
 *   notes (which may quote the person) are removed.
 *
 * @returns the ids of every application the citizen had, so the outbox rows naming
 * them (hand-offs, supplements) can be removed too; the withdrawals queued (those stay);
 * and the counts for the audit record.
 */
export async function forgetApplications(
  trx: Transaction<Database>,
  outbox: Outbox,
  citizenId: string,
): Promise<{ ids: string[]; queued: string[]; withdrawn: number; archived: number; drafts: number }> {
  const drafts = await trx.deleteFrom('application_drafts').where('citizen_id', '=', citizenId).executeTakeFirst();
  const apps = await trx
    .selectFrom('applications')
    .select(['id', 'number', 'status'])
    .where('citizen_id', '=', citizenId)
    .execute();
  const open = apps.filter((a) => !isFinal(a.status));
  const finished = apps.filter((a) => isFinal(a.status));
  const queued: string[] = [];
  if (open.length) {
    const parts = await trx
      .selectFrom('application_departments')
      .select(['application_id', 'department'])
      .where(
        'application_id',
        'in',
        open.map((a) => a.id),
      )
      .execute();
    const numbers = new Map(open.map((a) => [a.id, a.number]));
    for (const part of parts) {
      queued.push(
        await outbox.enqueue(trx, WITHDRAW_APPLICATION, {
          reference: numbers.get(part.application_id)!,
          department: part.department as DepartmentCode,
          key: `${part.application_id}:${part.department}:withdraw`,
        } satisfies Withdrawal),
      );
    }
    await trx
      .deleteFrom('application_events')
      .where(
        'application_id',
        'in',
        open.map((a) => a.id),
      )
      .execute();
    await trx
      .deleteFrom('application_departments')
      .where(
        'application_id',
        'in',
        open.map((a) => a.id),
      )
      .execute();
    await trx
      .deleteFrom('applications')
      .where(
        'id',
        'in',
        open.map((a) => a.id),
      )
      .execute();
  }
  if (finished.length) {
    const ids = finished.map((a) => a.id);
    for (const id of ids) {
      await trx
        .updateTable('applications')
        .set({
          citizen_id: null,
          account_id: null,
          answers_enc: '',
          attachments: '[]',
          unverified_fields: '[]',
          status_reason: null,
          // The key the app chose is no one's business either.
          idempotency_key: `archived:${id}`.slice(0, 64),
        })
        .where('id', '=', id)
        .execute();
    }
    await trx.updateTable('application_departments').set({ reason: null }).where('application_id', 'in', ids).execute();
    await trx.updateTable('application_events').set({ note: null }).where('application_id', 'in', ids).execute();
  }
  return {
    ids: apps.map((a) => a.id),
    queued,
    withdrawn: open.length,
    archived: finished.length,
    drafts: Number(drafts.numDeletedRows),
  };
}

/**
 * Delivers withdrawals: `POST /<department>/v1/withdrawals`, idempotent by key. 200/201
 * is done; 409 means the department had decided already (a final state needs no
 * withdrawal). Anything else is retried by the outbox.
 */
export function registerWithdrawals(outbox: Outbox, upstream: UpstreamClient, logger: Logger): void {
  outbox.on(WITHDRAW_APPLICATION, async ({ reference, department, key }: Withdrawal) => {
    const { status } = await upstream.request(department, {
      method: 'POST',
      path: '/v1/withdrawals',
      headers: { 'idempotency-key': key },
      body: { reference, reason: 'APPLICANT_ACCOUNT_DELETED' },
      // Delivered by the outbox, after the deletion that queued it has answered.
      deadline: null,
    });
    if (status === 409) logger.info({ department }, 'withdrawal after the department decided; nothing to withdraw');
    else if (status !== 200 && status !== 201)
      throw new AppError('AGENCY_UNAVAILABLE', `${department} answered ${status} to a withdrawal`, {
        agency: department,
      });
  });
}

/** Finished applications archived (no citizen) longer ago than `before` are deleted. @returns how many. */
export async function purgeApplicationArchive(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom('applications')
    .where('citizen_id', 'is', null)
    .where('updated_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drafts nobody touched since `before` are deleted. @returns how many. */
export async function purgeOldDrafts(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('application_drafts').where('updated_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
