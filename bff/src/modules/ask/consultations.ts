import { randomInt, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db';
import type { ConsultationReplyTable, ConsultationTable, Database } from '../../db/schema';
import { newestFirst } from '../../db/cursor';
import { AppError, BadUserInputError } from '../../errors';
import type { AttemptLimiter } from '../../limits/attempts';
import type { Outbox } from '../../outbox/outbox';
import { chinaCalendar } from '../../time/chinaTime';
import type { IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import type { Messages } from '../messages/service';

export const DELIVER_TICKET = 'consultations.deliver';
export const DELIVER_FEEDBACK = 'consultations.feedback';

export const CATEGORIES = ['CONSULT', 'COMPLAINT', 'LEGAL_AID'] as const;
export type ConsultationCategory = (typeof CATEGORIES)[number];
export type ConsultationStatus = 'SUBMITTED' | 'RECEIVED' | 'ASSIGNED' | 'REPLIED' | 'REOPENED' | 'SOLVED' | 'UNSOLVED';
export const FINAL: readonly string[] = ['SOLVED', 'UNSOLVED'];

const KEY = /^[A-Za-z0-9_-]{8,64}$/;
const APPLICATION_NUMBER = /^SQ\d{16}$/;

export interface Location {
  latitude: number;
  longitude: number;
  address?: string | null;
}

export interface AskInput {
  category: ConsultationCategory;
  question: string;
  serviceId?: string | null;
  applicationNumber?: string | null;
  photoUploadId?: string | null;
  location?: Location | null;
  idempotencyKey: string;
}

export interface ConsultationView {
  row: ConsultationTable;
  question: string;
  location: Location | null;
  replies: ConsultationReplyTable[];
}

const CATEGORY_WORDS: Record<ConsultationCategory, { zh: string; en: string }> = {
  CONSULT: { zh: '咨询', en: 'question' },
  COMPLAINT: { zh: '投诉', en: 'complaint' },
  LEGAL_AID: { zh: '法律援助咨询', en: 'legal aid question' },
};

/**
 * 12345 consultations, complaints and legal-aid questions. Asking writes the
 * consultation and its hand-off to the hotline in one transaction (the outbox delivers
 * it, its id the hotline's idempotency key); the same key returns the first one. A
 * reply read from the hotline's feed (hotline.ts) lands in Messages in the transaction
 * that records it. The citizen marks a reply solved or not; not solved reopens it once.
 */
export class Consultations {
  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      outbox: Outbox;
      identity: IdentityService;
      messages: Messages;
      attempts: AttemptLimiter;
      maxPerDay: number;
      now: () => Date;
    },
  ) {}

  /** Whose consultations these are: the citizen's (every platform account), or the account's before a real name. */
  private owner(account: AccountRow): { column: 'citizen_id' | 'account_id'; id: string } {
    return account.citizen_id
      ? { column: 'citizen_id', id: account.citizen_id }
      : { column: 'account_id', id: account.id };
  }

  /**
   * Opens a consultation. @throws ASSURANCE_LEVEL_TOO_LOW when not signed in, BAD_USER_INPUT (with the field),
   * NOT_FOUND (field applicationNumber) for an application that is not the citizen's, UPLOAD_NOT_FOUND for
   * another's photo, CONSULTATION_LIMIT past ASK_MAX_PER_DAY. A retry with the same key takes no quota.
   */
  async ask(account: AccountRow, input: AskInput): Promise<ConsultationView> {
    this.deps.identity.requireLevel(account, 1);
    // Step 1: the input, checked before any quota is taken.
    if (!KEY.test(input.idempotencyKey ?? ''))
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'idempotencyKey' });
    const existing = await this.byKey(account.id, input.idempotencyKey);
    if (existing) return existing;
    if (!CATEGORIES.includes(input.category)) throw new BadUserInputError('BAD_USER_INPUT', { field: 'category' });
    const question = String(input.question ?? '').trim();
    if (question.length < 5 || question.length > 500)
      throw new BadUserInputError('BAD_USER_INPUT', { field: 'question' });
    const serviceId = input.serviceId ? String(input.serviceId) : null;
    if (serviceId) {
      const [definition, catalogue] = await Promise.all([
        this.deps.db.selectFrom('service_definitions').select('id').where('id', '=', serviceId).executeTakeFirst(),
        this.deps.db.selectFrom('catalogue_services').select('id').where('id', '=', serviceId).executeTakeFirst(),
      ]);
      if (!definition && !catalogue) throw new BadUserInputError('SERVICE_NOT_FOUND', { field: 'serviceId' });
    }
    const applicationNumber = input.applicationNumber ? String(input.applicationNumber).trim().toUpperCase() : null;
    if (applicationNumber) {
      // Only the citizen's own application: a number is context, never a way to reach another's case.
      const own =
        APPLICATION_NUMBER.test(applicationNumber) && account.citizen_id
          ? await this.deps.db
              .selectFrom('applications')
              .select('id')
              .where('number', '=', applicationNumber)
              .where('citizen_id', '=', account.citizen_id)
              .executeTakeFirst()
          : undefined;
      if (!own) throw new AppError('NOT_FOUND', undefined, { field: 'applicationNumber' });
    }
    const photoId = input.photoUploadId ? String(input.photoUploadId) : null;
    if (photoId) {
      const upload = account.citizen_id
        ? await this.deps.db
            .selectFrom('uploads')
            .select('id')
            .where('id', '=', photoId)
            .where('citizen_id', '=', account.citizen_id)
            .executeTakeFirst()
        : undefined;
      if (!upload) throw new BadUserInputError('UPLOAD_NOT_FOUND', { field: 'photoUploadId' });
    }
    const location = input.location ? checkLocation(input.location) : null;

    // Step 2: one of today's questions, taken atomically (parallel asks cannot pass the limit).
    const owner = this.owner(account);
    const day = chinaCalendar(this.deps.now()).day;
    const scope = `ask:${owner.column === 'citizen_id' ? 'citizen' : 'account'}:${owner.id}`;
    if ((await this.deps.attempts.take(scope, day, this.deps.maxPerDay, 2 * 86_400)) === null) {
      // Sent twice at once near the limit, the twin may have taken the last one for this very key: answer with its consultation.
      for (let i = 0; i < 10; i++) {
        const twin = await this.byKey(account.id, input.idempotencyKey);
        if (twin) return twin;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new AppError('CONSULTATION_LIMIT');
    }

    // Step 3: the consultation and its hand-off together.
    const id = randomUUID();
    const now = this.deps.now().toISOString();
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const number = await this.newNumber(trx, day);
        await trx
          .insertInto('consultations')
          .values({
            id,
            number,
            citizen_id: account.citizen_id,
            account_id: account.id,
            category: input.category,
            service_id: serviceId,
            application_number: applicationNumber,
            question_enc: this.deps.vault.encrypt(question),
            location_enc: location ? this.deps.vault.encrypt(JSON.stringify(location)) : null,
            photo_id: photoId,
            idempotency_key: input.idempotencyKey,
            ticket_no: null,
            status: 'SUBMITTED',
            reopened: 0,
            handled_by: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await this.deps.outbox.enqueue(trx, DELIVER_TICKET, { consultationId: id });
      });
    } catch (error) {
      // The same key twice at once: the second loses the unique index, gives its quota back and answers with the first.
      await this.deps.attempts.giveBack(scope, day);
      const raced = await this.byKey(account.id, input.idempotencyKey);
      if (raced) return raced;
      throw error;
    }
    return (await this.byKey(account.id, input.idempotencyKey))!;
  }

  /** ZX + China date + 8 random digits, drawn again while taken. */
  private async newNumber(trx: Transaction<Database>, day: string): Promise<string> {
    for (;;) {
      const number = `ZX${day.replace(/-/g, '')}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
      if (!(await trx.selectFrom('consultations').select('id').where('number', '=', number).executeTakeFirst()))
        return number;
    }
  }

  private async byKey(accountId: string, key: string): Promise<ConsultationView | null> {
    const row = await this.deps.db
      .selectFrom('consultations')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? (await this.views([row]))[0]! : null;
  }

  private async views(rows: ConsultationTable[]): Promise<ConsultationView[]> {
    if (rows.length === 0) return [];
    const replies = await this.deps.db
      .selectFrom('consultation_replies')
      .selectAll()
      .where(
        'consultation_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('at')
      .execute();
    return rows.map((row) => ({
      row,
      question: this.deps.vault.decrypt(row.question_enc),
      location: row.location_enc ? (JSON.parse(this.deps.vault.decrypt(row.location_enc)) as Location) : null,
      replies: replies.filter((r) => r.consultation_id === row.id),
    }));
  }

  /** One of the owner's consultations. @throws NOT_FOUND for another's, the same as for none. */
  async get(account: AccountRow, id: string): Promise<ConsultationView> {
    const owner = this.owner(account);
    const row = await this.deps.db
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', String(id))
      .where(owner.column, '=', owner.id)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', undefined, { field: 'id' });
    return (await this.views([row]))[0]!;
  }

  async list(
    account: AccountRow,
    first: number,
    after: string | null | undefined,
  ): Promise<{ items: ConsultationView[]; nextCursor: string | null }> {
    const owner = this.owner(account);
    const { rows, nextCursor } = await newestFirst(
      this.deps.db.selectFrom('consultations').selectAll().where(owner.column, '=', owner.id),
      first,
      after,
    );
    return { items: await this.views(rows), nextCursor };
  }

  /**
   * The citizen's word on a reply. Solved closes it; not solved reopens it once (the
   * hotline handles it again), a second time closes it as unsolved. The hotline hears
   * it through the outbox. @throws CONSULTATION_WRONG_STATE unless it was just replied to.
   */
  async rate(account: AccountRow, id: string, solved: boolean, comment?: string | null): Promise<ConsultationView> {
    const view = await this.get(account, id);
    const note = comment ? String(comment).trim().slice(0, 200) : null;
    const now = this.deps.now().toISOString();
    const to: ConsultationStatus = solved ? 'SOLVED' : view.row.reopened === 0 ? 'REOPENED' : 'UNSOLVED';
    await this.deps.db.transaction().execute(async (trx) => {
      // Conditional on REPLIED: two taps at once, or a tap on a stale screen, change it once.
      const result = await trx
        .updateTable('consultations')
        .set({ status: to, reopened: to === 'REOPENED' ? view.row.reopened + 1 : view.row.reopened, updated_at: now })
        .where('id', '=', view.row.id)
        .where('status', '=', 'REPLIED')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1)
        throw new AppError('CONSULTATION_WRONG_STATE', undefined, { field: 'id' });
      await this.deps.outbox.enqueue(trx, DELIVER_FEEDBACK, {
        consultationId: view.row.id,
        solved,
        comment: note,
        key: `${view.row.id}:feedback:${view.row.reopened}:${solved ? 'solved' : 'not-solved'}`,
      });
    });
    return this.get(account, id);
  }

  /** The reply's message, in the transaction that records the reply (one per hotline event). */
  async postReply(trx: Transaction<Database>, row: ConsultationTable, eventId: string, reply: string): Promise<void> {
    if (!row.citizen_id) return; // asked before a real name: the reply is on the consultation's page only
    const words = CATEGORY_WORDS[row.category as ConsultationCategory] ?? CATEGORY_WORDS.CONSULT;
    await this.deps.messages.post(trx, {
      citizenId: row.citizen_id,
      kind: 'CONSULTATION',
      eventKey: `consultation:${row.id}:reply:${eventId}`,
      topic: 'APPLICATION_PROGRESS',
      title: `12345已答复您的${words.zh}`,
      titleEn: `12345 answered your ${words.en}`,
      body: `您的${words.zh}（编号 ${row.number}）已答复：${reply.length > 80 ? `${reply.slice(0, 80)}…` : reply}`,
      bodyEn: `Your ${words.en} ${row.number} has an answer. Open it to read it and say whether it solved your problem.`,
      link: `/pages/consultations/index?id=${row.id}`,
      params: { service: '12345热线', number: row.number, status: '已答复' },
    });
  }
}

function checkLocation(location: Location): Location {
  const { latitude, longitude } = location;
  if (
    !Number.isFinite(latitude) ||
    latitude < -90 ||
    latitude > 90 ||
    !Number.isFinite(longitude) ||
    longitude < -180 ||
    longitude > 180
  ) {
    throw new BadUserInputError('BAD_USER_INPUT', { field: 'location' });
  }
  const address = location.address ? String(location.address).trim() : null;
  if (address && address.length > 100) throw new BadUserInputError('BAD_USER_INPUT', { field: 'location' });
  // About 10 m: enough to find a broken street lamp, no finer than the citizen needs to give.
  return { latitude: Math.round(latitude * 1e4) / 1e4, longitude: Math.round(longitude * 1e4) / 1e4, address };
}
