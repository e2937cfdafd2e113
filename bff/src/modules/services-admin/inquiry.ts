import { randomUUID } from 'node:crypto';
import { INQUIRY_CARD_PAGE, maskAccountNumber, maskAddress, maskIdNumber, maskName, maskPhone } from '@citizen/shared';
import type { Transaction } from 'kysely';
import type { Db } from '../../db';
import type { Database } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import type { AssuranceLevel, IdentityService } from '../identity/service';
import type { AccountRow } from '../identity/store';
import type { OperatorRow, OperatorService } from '../operators/service';
import type { AgencyRecordLoaders, RecordSource } from '../agency-records/loaders';
import type { AgencyDescriptions } from './descriptions';
import { withoutNulls } from './validate';
import { auditActor, writeAudit } from '../audit/writer';
import type { CitizenDirectory } from '../identity/citizens';

export const INQUIRY_SOURCES = ['population', 'social-insurance', 'provident-fund'] as const;
export type InquirySource = (typeof INQUIRY_SOURCES)[number];
const isInquirySource = (value: string): value is InquirySource =>
  (INQUIRY_SOURCES as readonly string[]).includes(value);
export type InquiryMask = 'NONE' | 'NAME' | 'ID_NUMBER' | 'PHONE' | 'ACCOUNT' | 'ADDRESS' | 'PARTIAL';
export type InquiryFormat = 'TEXT' | 'DATE' | 'YUAN_FROM_FEN' | 'INTEGER';

export interface InquiryField {
  path: string;
  label: string;
  labelEn: string;
  mask: InquiryMask;
  format: InquiryFormat;
}

export interface InquiryCard {
  id: string;
  title: string;
  titleEn: string;
  source: InquirySource;
  /** 2 (real name) or 3 (face). */
  requiredLevel: number;
  fields: InquiryField[];
}
/** A card in the console's list: live, with a draft, or a draft only. */
export interface ConsoleInquiryCardView {
  id: string;
  title: string;
  state: 'PUBLISHED' | 'UNPUBLISHED' | 'DRAFT';
  revision: number;
  liveVersion: number | null;
  previewed: boolean;
}

/** An InquiryCard as it arrives, before validate: its source is any string (the schema's is). */
export type UncheckedInquiryCard = Omit<InquiryCard, 'source'> & { source: string };

const MASKS: Record<InquiryMask, (v: string) => string> = {
  NONE: (v) => v,
  NAME: maskName,
  ID_NUMBER: maskIdNumber,
  PHONE: maskPhone,
  ACCOUNT: maskAccountNumber,
  ADDRESS: maskAddress,
  PARTIAL: (v) => {
    const c = Array.from(v);
    return c.length <= 2 ? '*'.repeat(c.length) : c[0] + '*'.repeat(c.length - 2) + c.at(-1);
  },
};

function format(value: unknown, as: InquiryFormat): string {
  if (value === null || value === undefined || value === '') return '—';
  if (as === 'YUAN_FROM_FEN' && typeof value === 'number') return (value / 100).toFixed(2);
  if (as === 'DATE') return String(value).slice(0, 10);
  if (as === 'INTEGER' && typeof value === 'number') return String(Math.trunc(value));
  return String(value);
}

/** A made-up person of the shape the agency describes: what a card looks like, with no one's real record. */
function testRecord(fields: Record<string, string>): Record<string, unknown> {
  const samples: Record<string, unknown> = {
    name: '张小明',
    idNumber: '11010519491231002X',
    address: '广东省深圳市南山区科技园路1号',
    phone: '13800138000',
    accountNumber: '4403201234567890',
    employer: '深圳市示例科技有限公司',
    insuredCity: '深圳市',
    status: 'normal',
    sex: 'male',
    ethnicity: '汉族',
  };
  return Object.fromEntries(
    Object.entries(fields).map(([name, type]) => [
      name,
      samples[name] ??
        (type === 'integer' || type === 'number' ? 1234500 : /On$|Date$/.test(name) ? '2020-03-01' : '示例'),
    ]),
  );
}

/**
 * 查 cards made in the console: a card reads one described agency record for the
 * signed-in citizen (by their verified identity, never a typed ID number) and shows
 * the chosen fields with labels, masks and formats. A field shown unmasked must be on
 * that agency's allow-list (INQUIRY_UNMASKED_FIELDS). Editors draft and preview with a
 * made-up test person; publishers publish only a revision that was previewed.
 */
export class InquiryCards {
  constructor(
    private readonly deps: {
      db: Db;
      citizens: CitizenDirectory;
      identity: IdentityService;
      operators: OperatorService;
      descriptions: AgencyDescriptions;
      unmasked: Record<string, string[]>;
      now: () => Date;
    },
  ) {}

  /** INQUIRY_UNMASKED_FIELDS read: agency:field,field;agency:field. */
  static allowList(setting: string): Record<string, string[]> {
    return Object.fromEntries(
      setting
        .split(';')
        .filter(Boolean)
        .map((part) => {
          const [agency, fields = ''] = part.split(':');
          return [agency!, fields.split(',').filter(Boolean)];
        }),
    );
  }

  private async validate(raw: UncheckedInquiryCard): Promise<InquiryCard> {
    const card = withoutNulls(raw);
    const bad = (field: string) => new BadUserInputError('INQUIRY_CARD_INVALID', { field });
    if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(card.id ?? '')) throw bad('id');
    if (!card.title?.trim() || card.title.trim().length > 20) throw bad('title');
    if (!card.titleEn?.trim()) throw new BadUserInputError('SERVICE_ENGLISH_MISSING', { field: 'titleEn' });
    if (!isInquirySource(card.source)) throw bad('source');
    if (card.requiredLevel !== 2 && card.requiredLevel !== 3) throw bad('requiredLevel');
    if (!Array.isArray(card.fields) || card.fields.length < 1 || card.fields.length > 20) throw bad('fields');
    const described = await this.deps.descriptions.fields(card.source as RecordSource);
    const allowed = this.deps.unmasked[card.source] ?? [];
    card.fields.forEach((f, i) => {
      if (!f.label?.trim()) throw bad(`fields.${i}.label`);
      if (!f.labelEn?.trim()) throw new BadUserInputError('SERVICE_ENGLISH_MISSING', { field: `fields.${i}.labelEn` });
      const type = described[f.path];
      if (!type || type === 'object' || type === 'array')
        throw new AppError('SERVICE_PREFILL_UNRESOLVED', undefined, {
          field: `fields.${i}.path`,
          source: card.source,
          path: f.path,
        });
      if (f.mask === 'NONE' && !allowed.includes(f.path))
        throw new BadUserInputError('INQUIRY_FIELD_NOT_ALLOWED', { field: `fields.${i}.mask`, path: f.path });
    });
    return {
      id: card.id,
      title: card.title.trim(),
      titleEn: card.titleEn.trim(),
      source: card.source,
      requiredLevel: card.requiredLevel,
      fields: card.fields.map((f) => ({ ...f, label: f.label.trim(), labelEn: f.labelEn.trim() })),
    };
  }

  private render(card: InquiryCard, record: Record<string, unknown>) {
    return card.fields.map((f) => {
      const shown = format(record[f.path], f.format);
      return {
        label: f.label,
        labelEn: f.labelEn,
        format: f.format,
        value: shown === '—' ? shown : MASKS[f.mask](shown),
      };
    });
  }

  private async audit(
    trx: Transaction<Database>,
    actor: OperatorRow,
    action: string,
    id: string,
    before: unknown,
    after: unknown,
  ) {
    await writeAudit(trx, {
      at: this.deps.now().toISOString(),
      actor: auditActor.operator(actor.username),
      action,
      subject: `inquiry:${id}`,
      detail: { before, after },
    });
  }

  async draft(operator: OperatorRow | null, id: string) {
    this.deps.operators.requireRole(operator, 'editor');
    const row = await this.deps.db
      .selectFrom('inquiry_card_drafts')
      .selectAll()
      .where('card_id', '=', String(id))
      .executeTakeFirst();
    if (row)
      return {
        card: JSON.parse(row.data) as InquiryCard,
        revision: row.revision,
        previewed: row.previewed_revision === row.revision,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      };
    const live = await this.deps.db
      .selectFrom('inquiry_cards')
      .selectAll()
      .where('id', '=', String(id))
      .executeTakeFirst();
    return live
      ? {
          card: JSON.parse(live.data) as InquiryCard,
          revision: 0,
          previewed: false,
          updatedBy: 'system',
          updatedAt: '',
        }
      : null;
  }

  /** @throws INQUIRY_CARD_INVALID, SERVICE_ENGLISH_MISSING, SERVICE_PREFILL_UNRESOLVED, INQUIRY_FIELD_NOT_ALLOWED, SERVICE_CONFLICT. */
  async saveDraft(operator: OperatorRow | null, input: UncheckedInquiryCard, expectedRevision: number) {
    const actor = this.deps.operators.requireRole(operator, 'editor');
    const card = await this.validate(input);
    const now = this.deps.now().toISOString();
    const conflict = await this.deps.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('inquiry_card_drafts')
        .selectAll()
        .where('card_id', '=', card.id)
        .executeTakeFirst();
      const revision = current?.revision ?? 0;
      if (revision !== expectedRevision) {
        await trx
          .insertInto('authoring_conflicts')
          .values({
            id: randomUUID(),
            kind: 'inquiry',
            subject_id: card.id,
            data: JSON.stringify(card),
            based_on_revision: expectedRevision,
            author: actor.username,
            at: now,
          })
          .execute();
        return revision;
      }
      const row = {
        card_id: card.id,
        data: JSON.stringify(card),
        revision: revision + 1,
        previewed_revision: null,
        updated_by: actor.username,
        updated_at: now,
      };
      if (current) await trx.updateTable('inquiry_card_drafts').set(row).where('card_id', '=', card.id).execute();
      else await trx.insertInto('inquiry_card_drafts').values(row).execute();
      await this.audit(trx, actor, 'inquiry.draft', card.id, current ? JSON.parse(current.data) : null, card);
      return null;
    });
    if (conflict !== null) throw new AppError('SERVICE_CONFLICT', undefined, { currentRevision: conflict });
    return (await this.draft(operator, card.id))!;
  }

  /** The card at `revision` as a citizen would see it, with a made-up test person's record; marks that revision previewed. */
  async preview(operator: OperatorRow | null, id: string, revision: number) {
    this.deps.operators.requireRole(operator, 'editor');
    const row = await this.deps.db
      .selectFrom('inquiry_card_drafts')
      .selectAll()
      .where('card_id', '=', String(id))
      .executeTakeFirst();
    if (!row) throw new AppError('INQUIRY_CARD_NOT_FOUND', undefined, { field: 'id' });
    if (row.revision !== revision) throw new AppError('SERVICE_CONFLICT', undefined, { currentRevision: row.revision });
    const card = JSON.parse(row.data) as InquiryCard;
    const rows = this.render(card, testRecord(await this.deps.descriptions.fields(card.source as RecordSource)));
    await this.deps.db
      .updateTable('inquiry_card_drafts')
      .set({ previewed_revision: revision })
      .where('card_id', '=', card.id)
      .where('revision', '=', revision)
      .execute();
    return { id: card.id, title: card.title, titleEn: card.titleEn, found: true, rows };
  }

  /** @throws INQUIRY_CARD_NOT_FOUND, SERVICE_CONFLICT, INQUIRY_PREVIEW_REQUIRED (this revision never previewed), or any check of saveDraft. */
  async publish(operator: OperatorRow | null, id: string, expectedRevision: number) {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    const draft = await this.deps.db
      .selectFrom('inquiry_card_drafts')
      .selectAll()
      .where('card_id', '=', String(id))
      .executeTakeFirst();
    if (!draft) throw new AppError('INQUIRY_CARD_NOT_FOUND', undefined, { field: 'id' });
    if (draft.revision !== expectedRevision)
      throw new AppError('SERVICE_CONFLICT', undefined, { currentRevision: draft.revision });
    if (draft.previewed_revision !== draft.revision)
      throw new AppError('INQUIRY_PREVIEW_REQUIRED', undefined, { field: 'id' });
    // Checked again: the allow-list or the agency's description may have changed since the save.
    const card = await this.validate(JSON.parse(draft.data));
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('inquiry_card_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('card_id', '=', card.id)
        .executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const before = await trx.selectFrom('inquiry_cards').selectAll().where('id', '=', card.id).executeTakeFirst();
      await trx
        .insertInto('inquiry_card_versions')
        .values({
          card_id: card.id,
          version,
          data: JSON.stringify(card),
          action: 'publish',
          published_by: actor.username,
          published_at: now,
        })
        .execute();
      const row = {
        id: card.id,
        data: JSON.stringify(card),
        status: 'published',
        live_version: version,
        updated_at: now,
      };
      await trx
        .insertInto('inquiry_cards')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ data: row.data, status: row.status, live_version: version, updated_at: now }),
        )
        .execute();
      await this.audit(trx, actor, 'inquiry.publish', card.id, before ? JSON.parse(before.data) : null, {
        version,
        card,
      });
    });
    return { id: card.id, title: card.title, titleEn: card.titleEn, requiredLevel: card.requiredLevel };
  }

  async consoleCards(operator: OperatorRow | null): Promise<ConsoleInquiryCardView[]> {
    this.deps.operators.requireRole(operator, 'editor');
    const live = await this.deps.db.selectFrom('inquiry_cards').selectAll().execute();
    const drafts = await this.deps.db.selectFrom('inquiry_card_drafts').selectAll().execute();
    const ids = [...new Set([...live.map((c) => c.id), ...drafts.map((d) => d.card_id)])].sort();
    return ids.map((id) => {
      const row = live.find((c) => c.id === id);
      const draft = drafts.find((d) => d.card_id === id);
      const card = JSON.parse((draft ?? row)!.data) as InquiryCard;
      return {
        id,
        title: card.title,
        state: row ? (row.status === 'published' ? 'PUBLISHED' : 'UNPUBLISHED') : 'DRAFT',
        revision: draft?.revision ?? 0,
        liveVersion: row?.live_version ?? null,
        previewed: !!draft && draft.previewed_revision === draft.revision,
      };
    });
  }

  /**
   * Whether a card is published: a tile may open only such a card. `db`: the caller's
   * transaction (SQLite has one connection). In a transaction the card's row is locked (a
   * no-op update) until it commits, so a tile published to the card and the card taken off
   * line at the same moment (unpublish) cannot both succeed.
   */
  async isPublished(id: string, db: Db | Transaction<Database> = this.deps.db): Promise<boolean> {
    if (db.isTransaction) {
      const locked = await db
        .updateTable('inquiry_cards')
        .set((eb) => ({ status: eb.ref('status') }))
        .where('id', '=', String(id))
        .where('status', '=', 'published')
        .executeTakeFirst();
      return Number(locked.numUpdatedRows) === 1;
    }
    return !!(await db
      .selectFrom('inquiry_cards')
      .select('id')
      .where('id', '=', String(id))
      .where('status', '=', 'published')
      .executeTakeFirst());
  }

  /**
   * Takes a published card off line (publisher and up): citizens' 查 line and the card page
   * no longer show it; its versions stay, and publishing the draft again brings it back.
   * Refused while a published tile opens it (INQUIRY_CARD_IN_USE, naming the tiles): that
   * tile would lead every citizen who taps it to "no longer available", so it is retargeted
   * or unpublished first. @throws INQUIRY_CARD_NOT_FOUND when not published.
   */
  async unpublish(operator: OperatorRow | null, id: string) {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    const now = this.deps.now().toISOString();
    const result = await this.deps.db.transaction().execute(async (trx) => {
      // The card's row first (a no-op update locks it): a tile publish checking it waits for this.
      if (!(await this.isPublished(id, trx))) return { missing: true as const };
      const live = await trx
        .selectFrom('inquiry_cards')
        .selectAll()
        .where('id', '=', String(id))
        .executeTakeFirstOrThrow();
      const tiles = await trx
        .selectFrom('service_tiles')
        .select('id')
        .where('status', '=', 'published')
        .where('target_kind', '=', 'PAGE')
        .where('target_value', '=', `${INQUIRY_CARD_PAGE}?id=${live.id}`)
        .orderBy('id')
        .execute();
      if (tiles.length) return { tiles: tiles.map((t) => t.id) };
      const last = await trx
        .selectFrom('inquiry_card_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('card_id', '=', live.id)
        .executeTakeFirst();
      await trx
        .insertInto('inquiry_card_versions')
        .values({
          card_id: live.id,
          version: Number(last?.v ?? 0) + 1,
          data: live.data,
          action: 'unpublish',
          published_by: actor.username,
          published_at: now,
        })
        .execute();
      await trx
        .updateTable('inquiry_cards')
        .set({ status: 'unpublished', updated_at: now })
        .where('id', '=', live.id)
        .execute();
      await this.audit(trx, actor, 'inquiry.unpublish', live.id, { version: live.live_version }, null);
      return { card: JSON.parse(live.data) as InquiryCard };
    });
    if ('missing' in result) throw new AppError('INQUIRY_CARD_NOT_FOUND', undefined, { field: 'id' });
    if ('tiles' in result) throw new AppError('INQUIRY_CARD_IN_USE', undefined, { field: 'id', tiles: result.tiles });
    const { card } = result;
    return { id: card.id, title: card.title, titleEn: card.titleEn, requiredLevel: card.requiredLevel };
  }

  /** Published cards, for the 查 line. */
  async published() {
    const rows = await this.deps.db
      .selectFrom('inquiry_cards')
      .selectAll()
      .where('status', '=', 'published')
      .orderBy('id')
      .execute();
    return rows.map((r) => {
      const c = JSON.parse(r.data) as InquiryCard;
      return { id: c.id, title: c.title, titleEn: c.titleEn, requiredLevel: c.requiredLevel };
    });
  }

  /**
   * The card with the signed-in citizen's own record: the record is read by the
   * citizen's verified ID number, never by anything the caller sends.
   * @throws INQUIRY_CARD_NOT_FOUND, ASSURANCE_LEVEL_TOO_LOW, AGENCY_UNAVAILABLE / AGENCY_TIMEOUT.
   */
  async forCitizen(account: AccountRow, id: string, loaders: AgencyRecordLoaders) {
    const row = await this.deps.db
      .selectFrom('inquiry_cards')
      .selectAll()
      .where('id', '=', String(id))
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!row) throw new AppError('INQUIRY_CARD_NOT_FOUND', undefined, { field: 'id' });
    const card = JSON.parse(row.data) as InquiryCard;
    this.deps.identity.requireLevel(account, card.requiredLevel as AssuranceLevel);
    const record = await loaders[card.source].load(await this.deps.citizens.idNumberOf(account.citizen_id!));
    return {
      id: card.id,
      title: card.title,
      titleEn: card.titleEn,
      found: !!record,
      rows: record ? this.render(card, record) : [],
    };
  }
}
