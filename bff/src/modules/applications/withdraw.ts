import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { AccountRow } from '../identity/store';
import type { Messages } from '../messages/service';
import { definitionFromRow, type DepartmentCode } from './definitions';
import type { ApplicationService, ApplicationView } from './service';
import { isFinal } from './status';

/** The citizen's own withdrawal of one application at one department. */
export const WITHDRAW_BY_CITIZEN = 'applications.withdrawByCitizen';

interface CitizenWithdrawal {
  applicationId: string;
  reference: string;
  department: DepartmentCode;
  /** The department's idempotency key: a retry is the same withdrawal (the same key deletion uses). */
  key: string;
}

/** A department's state that is a decision: once one has decided, there is nothing to withdraw. */
const DECISIONS = ['APPROVED', 'REJECTED', 'COMPLETED'];
export const isDecision = (status: string) => DECISIONS.includes(status);

export type WithdrawOutcome = 'WITHDRAWN' | 'DECIDED_FIRST';

/**
 * withdrawApplication: the citizen takes an application back before a department decides.
 *
 * The department is where the race with a decision is settled: whichever reaches its
 * desk first wins. We ask through the outbox (in the request's transaction, so the
 * withdrawal leaves even after a crash), with the key deletion uses, so a repeat is
 * the same withdrawal. Its answer decides what the citizen is told:
 * - 201/200, withdrawn: the department's part is WITHDRAWN; once every part is, the
 *   application is WITHDRAWN, a paid fee is refunded and the citizen is told.
 * - 409, the department had decided: the withdrawal is DECIDED_FIRST and the citizen is
 *   told that the decision stands; the decision itself arrives by the department's feed
 *   (before or after this answer; either order leaves the same state).
 * An application still waiting for its fee has reached no department: it is withdrawn
 * at once (a payment arriving later is refunded by the payments module).
 */
export class ApplicationWithdrawals {
  constructor(
    private readonly deps: {
      db: Db;
      outbox: Outbox;
      upstream: UpstreamClient;
      applications: ApplicationService;
      messages: Messages;
      /** Refunds a paid fee, in the withdrawal's transaction. */
      payments?: {
        refundApplication(trx: Transaction<Database>, applicationId: string, reason: string): Promise<boolean>;
      };
      logger: Logger;
      now: () => Date;
    },
  ) {
    deps.outbox.on(WITHDRAW_BY_CITIZEN, (payload: CitizenWithdrawal) => this.deliver(payload));
  }

  /**
   * Asks to withdraw one of the citizen's applications. Idempotent: asking again while it
   * is under way (or after) returns the application as it stands.
   * @throws NOT_FOUND (another citizen's, or none), APPLICATION_ALREADY_DECIDED when a
   * department has decided (or the application is finished), with `status`.
   */
  async withdraw(account: AccountRow, applicationId: string): Promise<ApplicationView> {
    const view = await this.deps.applications.get(account, applicationId);
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      // The row lock: a department's event applied at this moment waits for us, or we for it.
      await this.deps.applications.lock(trx, view.row.id, now);
      const app = await trx
        .selectFrom('applications')
        .select(['id', 'number', 'citizen_id', 'status', 'withdraw_requested_at'])
        .where('id', '=', view.row.id)
        .executeTakeFirstOrThrow();
      if (app.withdraw_requested_at) return;
      const parts = await trx
        .selectFrom('application_departments')
        .select(['department', 'status'])
        .where('application_id', '=', app.id)
        .execute();
      if (isFinal(app.status) || parts.some((p) => isDecision(p.status))) {
        throw new AppError('APPLICATION_ALREADY_DECIDED', undefined, { field: 'applicationId', status: app.status });
      }
      await trx.updateTable('applications').set({ withdraw_requested_at: now }).where('id', '=', app.id).execute();
      if (app.status === 'AWAITING_PAYMENT') {
        // Nothing reached a department: withdrawn here and now.
        await this.finish(trx, app.id, now);
        return;
      }
      await trx
        .insertInto('application_events')
        .values({
          id: randomUUID(),
          application_id: app.id,
          department: null,
          status: app.status,
          note: '已申请撤回，等待部门确认',
          at: now,
        })
        .execute();
      for (const part of parts) {
        await this.deps.outbox.enqueue(trx, WITHDRAW_BY_CITIZEN, {
          applicationId: app.id,
          reference: app.number,
          department: part.department as DepartmentCode,
          key: `${app.id}:${part.department}:withdraw`,
        } satisfies CitizenWithdrawal);
      }
    });
    return this.deps.applications.get(account, applicationId);
  }

  /** Outbox: the withdrawal at one department, and what its answer means. Anything but 2xx/409 is retried. */
  private async deliver({ applicationId, reference, department, key }: CitizenWithdrawal): Promise<void> {
    const { status } = await this.deps.upstream.request(department, {
      method: 'POST',
      path: '/v1/withdrawals',
      headers: { 'idempotency-key': key },
      body: { reference, reason: 'APPLICANT_WITHDREW' },
      deadline: null,
    });
    if (status !== 200 && status !== 201 && status !== 409)
      throw new AppError('AGENCY_UNAVAILABLE', `${department} answered ${status} to a withdrawal`, {
        agency: department,
      });
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('applications')
        .select('id')
        .where('id', '=', applicationId)
        .executeTakeFirst();
      if (!exists) return; // the citizen deleted their account meanwhile
      await this.deps.applications.lock(trx, applicationId, now);
      if (status === 409) {
        await this.decidedFirst(trx, applicationId, now);
        return;
      }
      // This department takes no more steps; a final part (its decision already applied) stays as it is.
      const moved = await trx
        .updateTable('application_departments')
        .set({ status: 'WITHDRAWN', reason: null, updated_at: now })
        .where('application_id', '=', applicationId)
        .where('department', '=', department)
        .where('status', 'not in', ['APPROVED', 'REJECTED', 'COMPLETED', 'WITHDRAWN'])
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 1) {
        await trx
          .insertInto('application_events')
          .values({
            id: randomUUID(),
            application_id: applicationId,
            department,
            status: 'WITHDRAWN',
            note: null,
            at: now,
          })
          .execute();
      }
      const open = await trx
        .selectFrom('application_departments')
        .select('department')
        .where('application_id', '=', applicationId)
        .where('status', '!=', 'WITHDRAWN')
        .execute();
      if (open.length === 0) await this.finish(trx, applicationId, now);
    });
  }

  /**
   * A department decided before the withdrawal reached it (its 409, or its decision in
   * the feed while the withdrawal was asked for): the decision stands, and the citizen
   * is told so, once. Call with the application locked. @returns whether this was news.
   */
  async decidedFirst(trx: Transaction<Database>, applicationId: string, now: string): Promise<boolean> {
    const marked = await trx
      .updateTable('applications')
      .set({ withdraw_outcome: 'DECIDED_FIRST' })
      .where('id', '=', applicationId)
      .where('withdraw_requested_at', 'is not', null)
      .where('withdraw_outcome', 'is', null)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) return false;
    const app = await trx
      .selectFrom('applications')
      .select(['id', 'number', 'citizen_id', 'service_id', 'status'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const note = '部门已先作出决定，撤回未生效';
    await trx
      .insertInto('application_events')
      .values({ id: randomUUID(), application_id: app.id, department: null, status: app.status, note, at: now })
      .execute();
    if (app.citizen_id) {
      const definition = definitionFromRow(
        await trx
          .selectFrom('service_definitions')
          .selectAll()
          .where('id', '=', app.service_id)
          .executeTakeFirstOrThrow(),
      );
      await this.deps.messages.post(trx, {
        citizenId: app.citizen_id,
        kind: 'APPLICATION',
        eventKey: `application:${app.id}:withdraw-decided-first`,
        topic: 'APPLICATION_PROGRESS',
        title: `${definition.title}撤回未生效`,
        titleEn: `${definition.titleEn}: withdrawal not made`,
        body: `您撤回申请（编号 ${app.number}）前，部门已作出决定，撤回未生效，请查看办理结果。`,
        bodyEn: `The department decided on application ${app.number} before your withdrawal reached it, so the decision stands. See the result.`,
        link: `/pages/application/index?id=${app.id}`,
        params: { service: definition.title, number: app.number, status: '撤回未生效' },
      });
    }
    return true;
  }

  /** Every department has it back (or none ever had it): WITHDRAWN, a paid fee refunded, the citizen told. */
  private async finish(trx: Transaction<Database>, applicationId: string, now: string): Promise<void> {
    const moved = await trx
      .updateTable('applications')
      .set({ status: 'WITHDRAWN', status_reason: null, withdraw_outcome: 'WITHDRAWN', updated_at: now })
      .where('id', '=', applicationId)
      .where('withdraw_outcome', 'is', null)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return;
    await trx
      .updateTable('application_departments')
      .set({ status: 'WITHDRAWN', updated_at: now })
      .where('application_id', '=', applicationId)
      .execute();
    await trx
      .insertInto('application_events')
      .values({
        id: randomUUID(),
        application_id: applicationId,
        department: null,
        status: 'WITHDRAWN',
        note: '申请已撤回',
        at: now,
      })
      .execute();
    await this.deps.payments?.refundApplication(trx, applicationId, 'WITHDRAWN');
    const app = await trx
      .selectFrom('applications')
      .select(['id', 'number', 'citizen_id', 'service_id'])
      .where('id', '=', applicationId)
      .executeTakeFirstOrThrow();
    if (!app.citizen_id) return;
    const definition = definitionFromRow(
      await trx
        .selectFrom('service_definitions')
        .selectAll()
        .where('id', '=', app.service_id)
        .executeTakeFirstOrThrow(),
    );
    await this.deps.applications.postMessage(
      trx,
      { id: app.id, citizen_id: app.citizen_id, number: app.number },
      definition,
      'WITHDRAWN',
      null,
      `application:${app.id}:withdrawn`,
    );
  }
}
