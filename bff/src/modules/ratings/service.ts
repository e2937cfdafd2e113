import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../db';
import type { RatingFollowUpTable, RatingTable } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import type { Outbox } from '../../outbox/outbox';
import type { UpstreamClient } from '../../upstream/client';
import type { ApplicationService } from '../applications/service';
import type { Appointments } from '../appointments/service';
import type { Consultations } from '../ask/consultations';
import type { CarMoveService } from '../car-move/service';
import type { AccountRow } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import type { Messages } from '../messages/service';
import type { OperatorRow } from '../operators/service';
import { auditActor, writeAudit } from '../audit/writer';

export const FORWARD_RATING = 'ratings.forward';

export const CASE_KINDS = ['APPLICATION', 'APPOINTMENT', 'CONSULTATION', 'CAR_MOVE'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
/** GB/T 39734's indicators a citizen ticks for a low rating. */
export const INDICATORS = ['EFFICIENCY', 'GUIDE_ACCURACY', 'CONVENIENCE', 'PLATFORM_USABILITY', 'ATTITUDE'] as const;
export const CALLBACK_RESULTS = ['SATISFIED', 'NOT_SATISFIED', 'UNREACHABLE'] as const;

/** Aggregates say nothing below this many ratings: a handful would point at people, not services. */
export const MIN_RATINGS_SHOWN = 10;
const MAX_TEXT = 500;

/** A case the citizen may rate: what it is, for the national system and the aggregates. */
interface FinishedCase {
  number: string;
  serviceId: string;
  serviceTitle: string;
  /** The GB/T item code the national system files it under (the service id where none is known). */
  itemCode: string;
}

export interface FollowUpView {
  row: RatingFollowUpTable;
  rating: RatingTable;
  overdue: boolean;
}

/**
 * 好差评. A citizen rates a finished case of theirs once (the case's unique key is the
 * lock): five levels, the GB/T 39734 indicators for a low one, optional words (stored
 * encrypted, never logged, never forwarded). In the rating's transaction the forward to
 * the national evaluation system is queued on the outbox (once, by the rating's id) and,
 * for 2 or less, a follow-up case opens for operators with a contact deadline.
 */
export class Ratings {
  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      upstream: UpstreamClient;
      outbox: Outbox;
      messages: Messages;
      applications: ApplicationService;
      appointments: Appointments;
      consultations: Consultations;
      carMove: CarMoveService;
      /** Hours operators have to contact a citizen who rated 2 or less. */
      followUpHours: number;
      logger: Logger;
      now: () => Date;
    },
  ) {
    deps.outbox.on(FORWARD_RATING, (p: { ratingId: string }) => this.forward(p.ratingId));
  }

  /**
   * The case, if it is the citizen's and finished. @throws NOT_FOUND (not theirs, or none),
   * RATING_CASE_NOT_FINISHED.
   */
  private async finishedCase(account: AccountRow, kind: CaseKind, id: string): Promise<FinishedCase> {
    const notFinished = () => new AppError('RATING_CASE_NOT_FINISHED', undefined, { field: 'caseId' });
    switch (kind) {
      case 'APPLICATION': {
        const view = await this.deps.applications.get(account, id);
        if (view.row.status !== 'COMPLETED' && view.row.status !== 'REJECTED') throw notFinished();
        return {
          number: view.row.number,
          serviceId: view.row.service_id,
          serviceTitle: view.definition.title,
          itemCode: view.row.service_id,
        };
      }
      case 'APPOINTMENT': {
        // No check-in is recorded: an appointment kept (not cancelled) whose time has come counts as attended.
        const found = (await this.deps.appointments.mine(account)).find((a) => a.id === id);
        if (!found) throw new AppError('NOT_FOUND', undefined, { field: 'caseId' });
        if (found.status !== 'BOOKED' || found.starts_at > this.deps.now().toISOString()) throw notFinished();
        return {
          number: found.id,
          serviceId: found.service_id,
          serviceTitle: found.service.title,
          itemCode: found.service_id,
        };
      }
      case 'CONSULTATION': {
        const view = await this.deps.consultations.get(account, id);
        if (!['REPLIED', 'SOLVED', 'CLOSED'].includes(view.row.status)) throw notFinished();
        return {
          number: view.row.ticket_no ?? view.row.number,
          serviceId: view.row.service_id ?? '12345',
          serviceTitle: '12345热线',
          itemCode: view.row.service_id ?? '12345',
        };
      }
      case 'CAR_MOVE': {
        const view = await this.deps.carMove.get(account, id);
        if (view.role !== 'REQUESTER' || (view.status !== 'MOVED' && view.status !== 'EXPIRED')) throw notFinished();
        return { number: view.id, serviceId: 'car-move', serviceTitle: '一键挪车', itemCode: 'car-move' };
      }
    }
  }

  /**
   * Rates a finished case, once. @throws NOT_FOUND, RATING_CASE_NOT_FINISHED,
   * RATING_ALREADY_GIVEN, BAD_USER_INPUT (level, indicators, text).
   */
  async rate(
    account: AccountRow,
    input: { kind: CaseKind; caseId: string; level: number; indicators: readonly string[]; text?: string | null },
  ): Promise<RatingTable> {
    if (!account.citizen_id) throw new AppError('NOT_FOUND', undefined, { field: 'caseId' });
    if (!Number.isInteger(input.level) || input.level < 1 || input.level > 5)
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'level' });
    const indicators = [...new Set(input.indicators)];
    if (
      !indicators.every((i) => (INDICATORS as readonly string[]).includes(i)) ||
      (indicators.length > 0 && input.level > 3)
    )
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'indicators' });
    const text = input.text?.trim() || null;
    if (text && Array.from(text).length > MAX_TEXT) throw new BadUserInputError('BAD_USER_INPUT', { field: 'text' });
    const found = await this.finishedCase(account, input.kind, String(input.caseId));

    const now = this.deps.now();
    const id = randomUUID();
    const row: RatingTable = {
      id,
      citizen_id: account.citizen_id,
      case_kind: input.kind,
      case_id: String(input.caseId),
      case_number: found.number,
      service_id: found.serviceId,
      channel: account.platform,
      level: input.level,
      indicators: JSON.stringify(indicators),
      text_enc: text ? this.deps.vault.encrypt(text) : null,
      created_at: now.toISOString(),
    };
    await this.deps.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('ratings')
        .values(row)
        .onConflict((oc) => oc.columns(['case_kind', 'case_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1)
        throw new AppError('RATING_ALREADY_GIVEN', undefined, { field: 'caseId' });
      await this.deps.outbox.enqueue(trx, FORWARD_RATING, { ratingId: id });
      if (input.level > 2) return;
      const due = new Date(now.getTime() + this.deps.followUpHours * 3600_000).toISOString();
      await trx
        .insertInto('rating_followups')
        .values({
          id: randomUUID(),
          rating_id: id,
          status: 'OPEN',
          contact_due_at: due,
          action: null,
          outcome: null,
          callback_result: null,
          operator_id: null,
          closed_at: null,
          created_at: row.created_at,
          updated_at: row.created_at,
        })
        .execute();
      await this.deps.messages.post(trx, {
        citizenId: account.citizen_id!,
        kind: 'APPLICATION',
        eventKey: `rating:${id}:followup`,
        topic: 'APPLICATION_PROGRESS',
        title: '您的评价正在跟进',
        titleEn: 'Your rating is being followed up',
        body: `感谢您对“${found.serviceTitle}”的评价。我们将在 ${this.deps.followUpHours} 小时内与您联系，了解情况并整改。`,
        bodyEn: `Thank you for rating “${found.serviceTitle}”. We will contact you within ${this.deps.followUpHours} hours to understand what went wrong and put it right.`,
        link: input.kind === 'APPLICATION' ? `/pages/application/index?id=${input.caseId}` : null,
        params: { service: found.serviceTitle },
      });
    });
    // The level and kind only: the words stay out of the log.
    this.deps.logger.info({ rating: id, kind: input.kind, level: input.level }, 'case rated');
    return row;
  }

  /** The citizen's rating of one case of theirs, or null. */
  async ofCase(citizenId: string | null, kind: CaseKind, caseId: string): Promise<RatingTable | null> {
    if (!citizenId) return null;
    return (
      (await this.deps.db
        .selectFrom('ratings')
        .selectAll()
        .where('case_kind', '=', kind)
        .where('case_id', '=', caseId)
        .where('citizen_id', '=', citizenId)
        .executeTakeFirst()) ?? null
    );
  }

  async followUpOf(ratingId: string): Promise<RatingFollowUpTable | null> {
    return (
      (await this.deps.db
        .selectFrom('rating_followups')
        .selectAll()
        .where('rating_id', '=', ratingId)
        .executeTakeFirst()) ?? null
    );
  }

  text(row: RatingTable): string | null {
    return row.text_enc ? this.deps.vault.decrypt(row.text_enc) : null;
  }

  /** Outbox: the rating to the national evaluation system; the rating's id is the key, so a retry is the same rating there. */
  private async forward(ratingId: string): Promise<void> {
    const row = await this.deps.db.selectFrom('ratings').selectAll().where('id', '=', ratingId).executeTakeFirst();
    if (!row) return;
    const { status } = await this.deps.upstream.request('evaluation', {
      method: 'POST',
      path: '/v1/ratings',
      headers: { 'idempotency-key': `rating:${row.id}` },
      body: {
        channel: row.channel,
        itemCode: row.service_id,
        caseNumber: row.case_number,
        caseKind: row.case_kind,
        level: row.level,
        indicators: JSON.parse(row.indicators) as string[],
      },
      deadline: null,
    });
    if (status !== 200 && status !== 201)
      throw new AppError('AGENCY_UNAVAILABLE', `evaluation answered ${status}`, { agency: 'evaluation' });
  }

  /** Console: follow-up cases, open ones first by deadline; each says whether it is overdue. */
  async followUps(operator: OperatorRow, openOnly: boolean): Promise<FollowUpView[]> {
    void operator;
    let query = this.deps.db
      .selectFrom('rating_followups')
      .innerJoin('ratings', 'ratings.id', 'rating_followups.rating_id')
      .selectAll('rating_followups')
      .select([
        'ratings.case_kind',
        'ratings.case_id',
        'ratings.case_number',
        'ratings.service_id',
        'ratings.channel',
        'ratings.level',
        'ratings.indicators',
        'ratings.text_enc',
        'ratings.created_at as rated_at',
        'ratings.citizen_id',
      ]);
    if (openOnly) query = query.where('rating_followups.status', '=', 'OPEN');
    const rows = await query
      .orderBy('rating_followups.status', 'desc')
      .orderBy('rating_followups.contact_due_at')
      .limit(200)
      .execute();
    const now = this.deps.now().toISOString();
    return rows.map((r) => ({
      row: {
        id: r.id,
        rating_id: r.rating_id,
        status: r.status,
        contact_due_at: r.contact_due_at,
        action: r.action,
        outcome: r.outcome,
        callback_result: r.callback_result,
        operator_id: r.operator_id,
        closed_at: r.closed_at,
        created_at: r.created_at,
        updated_at: r.updated_at,
      },
      rating: {
        id: r.rating_id,
        citizen_id: r.citizen_id,
        case_kind: r.case_kind,
        case_id: r.case_id,
        case_number: r.case_number,
        service_id: r.service_id,
        channel: r.channel,
        level: r.level,
        indicators: r.indicators,
        text_enc: r.text_enc,
        created_at: r.rated_at,
      },
      overdue: r.status === 'OPEN' && r.contact_due_at < now,
    }));
  }

  /**
   * Console: records what was done. Closing needs the action, the outcome and the callback
   * result. @throws NOT_FOUND, BAD_USER_INPUT, FORBIDDEN (through requireRole upstream).
   */
  async updateFollowUp(
    operator: OperatorRow,
    id: string,
    input: { action?: string | null; outcome?: string | null; callbackResult?: string | null; close: boolean },
  ): Promise<FollowUpView> {
    const current = await this.deps.db
      .selectFrom('rating_followups')
      .selectAll()
      .where('id', '=', String(id))
      .executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', undefined, { field: 'id' });
    const clip = (value: string | null | undefined, field: string) => {
      const text = value?.trim() || null;
      if (text && Array.from(text).length > 1000) throw new BadUserInputError('BAD_USER_INPUT', { field });
      return text;
    };
    const action = clip(input.action, 'action') ?? current.action;
    const outcome = clip(input.outcome, 'outcome') ?? current.outcome;
    const callback = input.callbackResult ?? current.callback_result;
    if (callback !== null && !(CALLBACK_RESULTS as readonly string[]).includes(callback))
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'callbackResult' });
    if (input.close && (!action || !outcome || !callback))
      throw new BadUserInputError('BAD_USER_INPUT', {
        field: !action ? 'action' : !outcome ? 'outcome' : 'callbackResult',
      });
    if (current.status === 'CLOSED') throw new BadUserInputError('BAD_USER_INPUT', { field: 'id', status: 'CLOSED' });
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('rating_followups')
        .set({
          action,
          outcome,
          callback_result: callback,
          operator_id: operator.id,
          updated_at: now,
          ...(input.close ? { status: 'CLOSED', closed_at: now } : {}),
        })
        .where('id', '=', current.id)
        .execute();
      await writeAudit(trx, {
        at: now,
        actor: auditActor.operator(operator.username),
        action: input.close ? 'rating.followup.close' : 'rating.followup.update',
        subject: `rating-followup:${current.id}`,
        detail: { callbackResult: callback },
      });
    });
    return (await this.followUps(operator, false)).find((f) => f.row.id === current.id)!;
  }

  /** Console: per service, how many ratings and the share satisfied (4 or 5); both null below MIN_RATINGS_SHOWN. */
  async aggregates(): Promise<
    Array<{ serviceId: string; count: number | null; satisfiedShare: number | null; shown: boolean }>
  > {
    const rows = await this.deps.db
      .selectFrom('ratings')
      .select((eb) => [
        'service_id',
        eb.fn.countAll<string | number>().as('count'),
        eb.fn.sum<string | number>(eb.case().when('level', '>=', 4).then(1).else(0).end()).as('satisfied'),
      ])
      .groupBy('service_id')
      .orderBy('service_id')
      .execute();
    return rows.map((r) => {
      const count = Number(r.count);
      const shown = count >= MIN_RATINGS_SHOWN;
      return {
        serviceId: r.service_id,
        count: shown ? count : null,
        satisfiedShare: shown ? Math.round((Number(r.satisfied) / count) * 1000) / 1000 : null,
        shown,
      };
    });
  }
}
