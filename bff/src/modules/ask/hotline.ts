import type { Logger } from 'pino';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { PersonalDataVault } from '../identity/vault';
import { DELIVER_FEEDBACK, DELIVER_TICKET, FINAL, type Consultations } from './consultations';

export interface HotlineEvent {
  seq: number;
  eventId: string;
  ticketNo: string;
  reference: string;
  type: 'RECEIVED' | 'ASSIGNED' | 'REPLIED' | 'REOPENED' | 'CLOSED';
  reply: string | null;
  department: string | null;
  outcome: 'SOLVED' | 'UNSOLVED' | null;
  at: string;
}

const FEED = 'hotline';

/**
 * The desk between consultations and the 12345 hotline, built like the departments'
 * (applications/departments.ts). Out: each ticket and each piece of feedback is an
 * outbox message with an idempotency key, so a retry is never a second ticket. In: the
 * hotline's feed is read past our cursor and each event applied once (its id is a key),
 * whichever instance reads it; a reply and its message are written together.
 */
export class HotlineDesk {
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      upstream: UpstreamClient;
      outbox: Outbox;
      consultations: Consultations;
      logger: Logger;
      pollMs: number;
      now: () => Date;
    },
  ) {
    deps.outbox.on(DELIVER_TICKET, (payload: { consultationId: string }) => this.deliver(payload.consultationId));
    deps.outbox.on(
      DELIVER_FEEDBACK,
      (payload: { consultationId: string; solved: boolean; comment: string | null; key: string }) =>
        this.feedback(payload),
    );
  }

  /** Opens the ticket. Throwing leaves it to the outbox to retry; the consultation id makes the retry the same ticket. */
  private async deliver(consultationId: string): Promise<void> {
    const row = await this.deps.db
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', consultationId)
      .executeTakeFirst();
    if (!row) return; // deleted with its account meanwhile
    const location = row.location_enc ? JSON.parse(this.deps.vault.decrypt(row.location_enc)) : undefined;
    const { status, body } = await this.deps.upstream.request<{ ticketNo?: string }>('hotline', {
      method: 'POST',
      path: '/v1/tickets',
      headers: { 'idempotency-key': row.id },
      body: {
        reference: row.number,
        category: row.category,
        question: this.deps.vault.decrypt(row.question_enc),
        context: {
          ...(row.service_id ? { serviceId: row.service_id } : {}),
          ...(row.application_number ? { applicationNumber: row.application_number } : {}),
        },
        ...(row.photo_id ? { photoRef: row.photo_id } : {}),
        ...(location ? { location } : {}),
      },
      deadline: null,
    });
    if ((status !== 200 && status !== 201) || !body?.ticketNo)
      throw new AppError('AGENCY_UNAVAILABLE', `hotline answered ${status} to a ticket`, { agency: 'hotline' });
    await this.deps.db
      .updateTable('consultations')
      .set({ ticket_no: body.ticketNo })
      .where('id', '=', row.id)
      .where('ticket_no', 'is', null)
      .execute();
  }

  private async feedback(payload: {
    consultationId: string;
    solved: boolean;
    comment: string | null;
    key: string;
  }): Promise<void> {
    const row = await this.deps.db
      .selectFrom('consultations')
      .select(['ticket_no'])
      .where('id', '=', payload.consultationId)
      .executeTakeFirst();
    if (!row) return;
    if (!row.ticket_no) throw new Error('the ticket has not reached the hotline yet');
    const { status } = await this.deps.upstream.request('hotline', {
      method: 'POST',
      path: `/v1/tickets/${encodeURIComponent(row.ticket_no)}/feedback`,
      headers: { 'idempotency-key': payload.key },
      body: { solved: payload.solved, ...(payload.comment ? { comment: payload.comment } : {}) },
      deadline: null,
    });
    if (status === 409) this.deps.logger.warn('hotline feedback arrived after the ticket moved on');
    else if (status !== 200 && status !== 201)
      throw new AppError('AGENCY_UNAVAILABLE', `hotline answered ${status} to feedback`, { agency: 'hotline' });
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

  /** Reads the feed once; concurrent calls share one pass. */
  poll(): Promise<void> {
    this.polling ??= this.readFeed()
      .catch((error: Error) => this.deps.logger.warn({ err: error }, 'hotline feed unreadable; will try again'))
      .finally(() => (this.polling = null));
    return this.polling;
  }

  private async readFeed(): Promise<void> {
    for (let page = 0; page < 20; page++) {
      const cursor = await this.deps.db
        .selectFrom('hotline_cursor')
        .select('last_seq')
        .where('feed', '=', FEED)
        .executeTakeFirst();
      const after = cursor?.last_seq ?? 0;
      const { status, body } = await this.deps.upstream.request<{ events: HotlineEvent[]; lastSeq: number }>(
        'hotline',
        { path: '/v1/events', query: { after: String(after), limit: '100' }, deadline: null },
      );
      if (status !== 200 || !Array.isArray(body?.events))
        throw new AppError('AGENCY_UNAVAILABLE', `hotline feed answered ${status}`, { agency: 'hotline' });
      for (const event of body.events) await this.apply(event);
      // lastSeq lower than ours: the hotline's feed started again (a restart); follow it.
      if (typeof body.lastSeq === 'number' && body.lastSeq !== after) {
        const now = this.deps.now().toISOString();
        await this.deps.db
          .insertInto('hotline_cursor')
          .values({ feed: FEED, last_seq: body.lastSeq, updated_at: now })
          .onConflict((oc) => oc.column('feed').doUpdateSet({ last_seq: body.lastSeq, updated_at: now }))
          .execute();
      }
      if (body.events.length < 100) return;
    }
  }

  /** Applies one hotline event in one transaction, once: its id is recorded with the change it makes. */
  async apply(event: HotlineEvent): Promise<void> {
    if (!event?.eventId || !['RECEIVED', 'ASSIGNED', 'REPLIED', 'REOPENED', 'CLOSED'].includes(event.type)) {
      this.deps.logger.warn({ type: event?.type }, 'hotline event not understood; skipped');
      return;
    }
    const now = this.deps.now().toISOString();
    const at =
      typeof event.at === 'string' && !Number.isNaN(Date.parse(event.at)) ? new Date(event.at).toISOString() : now;
    await this.deps.db.transaction().execute(async (trx) => {
      const fresh = await trx
        .insertInto('hotline_events')
        .values({ event_id: String(event.eventId).slice(0, 64), applied_at: now })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .executeTakeFirst();
      if (Number(fresh.numInsertedOrUpdatedRows ?? 0) !== 1) return;
      const row = await trx
        .selectFrom('consultations')
        .selectAll()
        .where('number', '=', String(event.reference))
        .executeTakeFirst();
      if (!row) return; // not ours, or deleted with its account
      const move = (status: string, extra: { ticket_no?: string; handled_by?: string | null } = {}) =>
        trx
          .updateTable('consultations')
          .set({ status, updated_at: now, ...extra })
          .where('id', '=', row.id)
          .execute();
      switch (event.type) {
        case 'RECEIVED':
          await move(row.status === 'SUBMITTED' ? 'RECEIVED' : row.status, {
            ticket_no: row.ticket_no ?? event.ticketNo,
          });
          return;
        case 'ASSIGNED':
          if (!FINAL.includes(row.status) && row.status !== 'REPLIED')
            await move('ASSIGNED', { handled_by: event.department ?? row.handled_by });
          return;
        case 'REPLIED': {
          const reply = String(event.reply ?? '').slice(0, 2000);
          if (!reply) return;
          await trx
            .insertInto('consultation_replies')
            .values({
              id: String(event.eventId).slice(0, 64),
              consultation_id: row.id,
              body: reply,
              department: event.department,
              at,
            })
            .execute();
          // A reply to a closed consultation is kept, but final stays final.
          if (!FINAL.includes(row.status)) await move('REPLIED', { handled_by: event.department ?? row.handled_by });
          await this.deps.consultations.postReply(trx, row, event.eventId, reply);
          return;
        }
        case 'REOPENED':
          if (!FINAL.includes(row.status)) await move('REOPENED');
          return;
        case 'CLOSED':
          if (!FINAL.includes(row.status)) await move(event.outcome === 'UNSOLVED' ? 'UNSOLVED' : 'SOLVED');
          return;
      }
    });
  }
}
