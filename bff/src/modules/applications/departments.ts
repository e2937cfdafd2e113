import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { PersonalDataVault } from '../identity/vault';
import { DEPARTMENTS, definitionFromRow, type DepartmentCode } from './definitions';
import { DELIVER_APPLICATION, DELIVER_SUPPLEMENT, type ApplicationService, type Attachment } from './service';
import { isFinal, isStatus } from './status';
import { isDecision } from './withdraw';
import type { CitizenDirectory } from '../identity/citizens';

interface DepartmentEvent {
  seq: number;
  eventId: string;
  receiptNo: string;
  reference: string;
  status: string;
  reason: string | null;
  at: string;
}

/**
 * The desk between applications and departments. Out: each hand-off is an outbox
 * message, sent with an idempotency key made of the application and department, so a
 * retry after a lost answer (or a crash) is the same delivery at the department, never
 * a second application. In: each department's event feed is read past our cursor and
 * each event applied once (its id is a primary key), whichever instance reads it.
 */
export class DepartmentDesk {
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      citizens: CitizenDirectory;
      upstream: UpstreamClient;
      outbox: Outbox;
      applications: ApplicationService;
      /** Refunds the fee of a rejected application (in the rejection's transaction). */
      payments?: {
        refundApplication(trx: Transaction<Database>, applicationId: string, reason: string): Promise<boolean>;
      };
      /** Queues the delivery of a completed application's result (in the completion's transaction). */
      results?: { onCompleted(trx: Transaction<Database>, applicationId: string): Promise<void> };
      /** Told of a department's decision, in its transaction: it wins over a withdrawal asked for meanwhile (withdraw.ts). */
      withdrawals?: { decidedFirst(trx: Transaction<Database>, applicationId: string, now: string): Promise<boolean> };
      logger: Logger;
      pollMs: number;
      now: () => Date;
    },
  ) {
    deps.outbox.on(DELIVER_APPLICATION, (payload: { applicationId: string; department: DepartmentCode }) =>
      this.deliver(payload),
    );
    deps.outbox.on(
      DELIVER_SUPPLEMENT,
      (payload: {
        applicationId: string;
        department: DepartmentCode;
        note: string;
        uploadIds: string[];
        key: string;
      }) => this.supplement(payload),
    );
  }

  /** Hands one application to one department. Throwing leaves it to the outbox to retry. */
  private async deliver({
    applicationId,
    department,
  }: {
    applicationId: string;
    department: DepartmentCode;
  }): Promise<void> {
    const app = await this.deps.db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirst();
    if (!app?.citizen_id) return; // the citizen deleted their account meanwhile: nothing to deliver
    if (app.withdraw_requested_at) return; // withdrawn before it left: the department is told by the withdrawal alone
    const citizen = await this.deps.citizens.person(app.citizen_id);
    const stored = JSON.parse(this.deps.vault.decrypt(app.answers_enc)) as { answers: Record<string, string> };
    const submitter = app.submitted_by_citizen_id ? await this.deps.citizens.find(app.submitted_by_citizen_id) : null;
    const agent = submitter && { idNumber: submitter.idNumber, name: submitter.name };
    const attachments = (JSON.parse(app.attachments) as Attachment[]).map((a) => ({
      kind: a.kind,
      ref: a.ref,
      name: a.fieldId,
    }));
    const { status, body } = await this.deps.upstream.request<{ receiptNo?: string; error?: string }>(department, {
      method: 'POST',
      path: '/v1/applications',
      headers: { 'idempotency-key': `${applicationId}:${department}` },
      body: {
        reference: app.number,
        serviceId: app.service_id,
        applicant: { idNumber: citizen.idNumber, name: citizen.name },
        answers: stored.answers,
        attachments,
        unverifiedFields: JSON.parse(app.unverified_fields),
        // 代办人: who submitted it for the applicant (a parent, guardian or authorised helper), issue 17.
        ...(agent ? { agent } : {}),
      },
      deadline: null,
    });
    // The withdrawal overtook the hand-off: the department refuses it, as it should.
    if (status === 409 && body?.error === 'WITHDRAWN') return;
    if ((status !== 200 && status !== 201) || !body?.receiptNo)
      throw new AppError('AGENCY_UNAVAILABLE', `${department} answered ${status} to a hand-off`, {
        agency: department,
      });
    await this.deps.db
      .updateTable('application_departments')
      .set({ receipt_no: body.receiptNo })
      .where('application_id', '=', applicationId)
      .where('department', '=', department)
      .where('receipt_no', 'is', null)
      .execute();
  }

  /** Sends the citizen's answer to a request for more information. */
  private async supplement(payload: {
    applicationId: string;
    department: DepartmentCode;
    note: string;
    uploadIds: string[];
    key: string;
  }): Promise<void> {
    const part = await this.deps.db
      .selectFrom('application_departments')
      .select('receipt_no')
      .where('application_id', '=', payload.applicationId)
      .where('department', '=', payload.department)
      .executeTakeFirst();
    if (!part) return;
    if (!part.receipt_no) throw new Error('the application has not reached the department yet');
    const { status } = await this.deps.upstream.request(payload.department, {
      method: 'POST',
      path: `/v1/applications/${encodeURIComponent(part.receipt_no)}/supplements`,
      headers: { 'idempotency-key': payload.key },
      body: { note: payload.note, attachments: payload.uploadIds.map((ref) => ({ kind: 'upload', ref })) },
      // Delivered by the outbox, after the request that asked for it has answered.
      deadline: null,
    });
    // 409: the department no longer waits (it decided meanwhile); nothing more to send.
    if (status === 409)
      this.deps.logger.warn({ department: payload.department }, 'supplement arrived after the department moved on');
    else if (status !== 200 && status !== 201)
      throw new AppError('AGENCY_UNAVAILABLE', `${payload.department} answered ${status} to a supplement`, {
        agency: payload.department,
      });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.deps.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
  }

  /** Reads every department's feed once; concurrent calls share one pass. One department down delays only its own events. */
  poll(): Promise<void> {
    if (!this.polling) {
      this.polling = Promise.all(
        (Object.keys(DEPARTMENTS) as DepartmentCode[]).map((d) =>
          this.pollDepartment(d).catch((error: Error) => {
            this.deps.logger.warn({ department: d, err: error }, 'department feed unreadable; will try again');
          }),
        ),
      )
        .then(() => undefined)
        .finally(() => (this.polling = null));
    }
    return this.polling;
  }

  private async pollDepartment(department: DepartmentCode): Promise<void> {
    for (let page = 0; page < 20; page++) {
      const cursor = await this.deps.db
        .selectFrom('department_cursors')
        .select('last_seq')
        .where('department', '=', department)
        .executeTakeFirst();
      const after = cursor?.last_seq ?? 0;
      const { status, body } = await this.deps.upstream.request<{ events: DepartmentEvent[]; lastSeq: number }>(
        department,
        { path: '/v1/events', query: { after: String(after), limit: '100' }, deadline: null },
      );
      if (status !== 200 || !Array.isArray(body?.events))
        throw new AppError('AGENCY_UNAVAILABLE', `${department} feed answered ${status}`, { agency: department });
      for (const event of body.events) await this.apply(department, event);
      // lastSeq lower than ours: the department's feed started again (a restart); follow it.
      if (typeof body.lastSeq === 'number' && body.lastSeq !== after) await this.moveCursor(department, body.lastSeq);
      if (body.events.length < 100) return;
    }
  }

  private async moveCursor(department: string, lastSeq: number): Promise<void> {
    const now = this.deps.now().toISOString();
    await this.deps.db
      .insertInto('department_cursors')
      .values({ department, last_seq: lastSeq, updated_at: now })
      .onConflict((oc) => oc.column('department').doUpdateSet({ last_seq: lastSeq, updated_at: now }))
      .execute();
  }

  /** Applies one department event in one transaction, once: its id is recorded with the change it makes. */
  async apply(department: DepartmentCode, event: DepartmentEvent): Promise<void> {
    if (!event?.eventId || !isStatus(event.status === 'RECEIVED' ? 'SUBMITTED' : event.status)) {
      this.deps.logger.warn({ department, status: event?.status }, 'department event not understood; skipped');
      return;
    }
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const fresh = await trx
        .insertInto('department_events')
        .values({ department, event_id: String(event.eventId).slice(0, 64), applied_at: now })
        .onConflict((oc) => oc.columns(['department', 'event_id']).doNothing())
        .executeTakeFirst();
      if (Number(fresh.numInsertedOrUpdatedRows ?? 0) !== 1) return;
      const app = await trx
        .selectFrom('applications')
        .selectAll()
        .where('number', '=', String(event.reference))
        .executeTakeFirst();
      // Not ours, or its citizen deleted their account (gone, or kept as an anonymous archive).
      if (!app?.citizen_id) return;
      await this.deps.applications.lock(trx, app.id, now);
      const part = await trx
        .selectFrom('application_departments')
        .selectAll()
        .where('application_id', '=', app.id)
        .where('department', '=', department)
        .executeTakeFirst();
      if (!part) return;
      const at =
        typeof event.at === 'string' && !Number.isNaN(Date.parse(event.at)) ? new Date(event.at).toISOString() : now;
      if (event.status === 'RECEIVED') {
        await trx
          .updateTable('application_departments')
          .set({ receipt_no: part.receipt_no ?? event.receiptNo, updated_at: now })
          .where('application_id', '=', app.id)
          .where('department', '=', department)
          .execute();
        await trx
          .insertInto('application_events')
          .values({ id: randomUUID(), application_id: app.id, department, status: 'SUBMITTED', note: '部门已接收', at })
          .execute();
        return;
      }
      // A final state stays final; a repeat of the current state adds nothing.
      if (isFinal(part.status) || (part.status === event.status && !event.reason)) return;
      await trx
        .updateTable('application_departments')
        .set({ status: event.status, reason: event.reason ?? null, updated_at: now })
        .where('application_id', '=', app.id)
        .where('department', '=', department)
        .execute();
      await trx
        .insertInto('application_events')
        .values({
          id: randomUUID(),
          application_id: app.id,
          department,
          status: event.status,
          note: event.reason ?? null,
          at,
        })
        .execute();
      if (isDecision(event.status)) await this.deps.withdrawals?.decidedFirst(trx, app.id, now);
      const change = await this.deps.applications.refreshStatus(trx, app.id, now);
      if (!change) return;
      await trx
        .insertInto('application_events')
        .values({
          id: randomUUID(),
          application_id: app.id,
          department: null,
          status: change.to,
          note: change.reason,
          at,
        })
        .execute();
      if (change.to === 'REJECTED') await this.deps.payments?.refundApplication(trx, app.id, 'REJECTED');
      if (change.to === 'COMPLETED') await this.deps.results?.onCompleted(trx, app.id);
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
        change.to,
        change.reason,
        `application:${app.id}:${department}:${event.eventId}`,
      );
    });
  }
}
