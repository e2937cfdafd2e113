import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db';
import type { Database } from '../../db/schema';
import { AppError, BadUserInputError } from '../../errors';
import {
  definitionFromRow,
  definitionFromSnapshot,
  definitionRow,
  type ServiceDefinition,
} from '../applications/definitions';
import type { OperatorRow, OperatorService } from '../operators/service';
import type { PublishedCache } from '../../publishedCache';
import type { TilePublishing } from '../tiles/service';
import type { AgencyDescriptions } from './descriptions';
import { validateService, withoutNulls, type UncheckedServiceInput } from './validate';
import { auditActor, writeAudit } from '../audit/writer';

export type ServiceState = 'DRAFT' | 'PUBLISHED' | 'UNPUBLISHED';

/** A definition as stored in a draft or a version: everything but the version number. */
type Snapshot = Omit<ServiceDefinition, 'version'>;

/**
 * Services authored in the console, with the tiles' discipline: editors save drafts
 * naming the revision they started from (a stale one is SERVICE_CONFLICT, the refused
 * edit kept aside); publishers publish a draft as a new numbered version (checked again
 * at that moment, the agencies' descriptions included), unpublish, or roll back to an
 * earlier version as a new one. Every action is in the audit log in its transaction.
 * Applications pin the version they were submitted under (applications/service.ts), so a
 * new version or a rollback never changes an application already made.
 */
export class ServiceAuthoring {
  constructor(
    private readonly deps: {
      db: Db;
      operators: OperatorService;
      descriptions: AgencyDescriptions;
      tiles: TilePublishing;
      /** Every instance's cached definitions: cleared after each publish, unpublish and rollback. */
      definitions: PublishedCache<unknown>;
      now: () => Date;
    },
  ) {}

  private lookups(db: Db | Transaction<Database>) {
    return {
      categoryExists: async (id: string) =>
        !!(await db.selectFrom('service_categories').select('id').where('id', '=', String(id)).executeTakeFirst()),
      resolves: (source: Parameters<AgencyDescriptions['resolves']>[0], path: string) =>
        this.deps.descriptions.resolves(source, path),
    };
  }

  private async audit(
    trx: Transaction<Database>,
    actor: OperatorRow,
    action: string,
    subject: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await writeAudit(trx, {
      at: this.deps.now().toISOString(),
      actor: auditActor.operator(actor.username),
      action,
      subject: `service:${subject}`,
      detail: { before, after },
    });
  }

  private async live(db: Db | Transaction<Database>, id: string): Promise<ServiceDefinition | null> {
    const row = await db.selectFrom('service_definitions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? definitionFromRow(row) : null;
  }

  /** The draft to edit: the saved one, or the live service as revision 0 when nobody has edited it yet. */
  async draft(
    operator: OperatorRow | null,
    id: string,
  ): Promise<{ service: Snapshot; revision: number; updatedBy: string; updatedAt: string } | null> {
    this.deps.operators.requireRole(operator, 'editor');
    const row = await this.deps.db
      .selectFrom('service_drafts')
      .selectAll()
      .where('service_id', '=', String(id))
      .executeTakeFirst();
    if (row)
      return {
        service: JSON.parse(row.data),
        revision: row.revision,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      };
    const live = await this.live(this.deps.db, String(id));
    if (!live) return null;
    const { version: _version, ...service } = live;
    return { service, revision: 0, updatedBy: 'system', updatedAt: '' };
  }

  /**
   * @throws SERVICE_INVALID, SERVICE_ENGLISH_MISSING, SERVICE_DEPARTMENT_UNKNOWN, SERVICE_FORM_INVALID,
   * SERVICE_PREFILL_UNRESOLVED (nothing saved), or SERVICE_CONFLICT when `expectedRevision` is stale (the edit kept aside).
   */
  async saveDraft(operator: OperatorRow | null, input: UncheckedServiceInput, expectedRevision: number) {
    const actor = this.deps.operators.requireRole(operator, 'editor');
    const checked = await validateService(input, this.lookups(this.deps.db));
    const now = this.deps.now().toISOString();
    const conflict = await this.deps.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('service_drafts')
        .selectAll()
        .where('service_id', '=', checked.id)
        .executeTakeFirst();
      const live = current ? null : await this.live(trx, checked.id);
      // The fee rule is the payments module's: an edit in the console keeps the one it had.
      const feeRule = current ? ((JSON.parse(current.data) as Snapshot).feeRule ?? null) : (live?.feeRule ?? null);
      const service: Snapshot = { ...checked, feeRule };
      const currentRevision = current?.revision ?? 0;
      if (expectedRevision !== currentRevision) {
        await trx
          .insertInto('authoring_conflicts')
          .values({
            id: randomUUID(),
            kind: 'service',
            subject_id: checked.id,
            data: JSON.stringify(service),
            based_on_revision: expectedRevision,
            author: actor.username,
            at: now,
          })
          .execute();
        return currentRevision;
      }
      const row = {
        service_id: checked.id,
        data: JSON.stringify(service),
        revision: currentRevision + 1,
        updated_by: actor.username,
        updated_at: now,
      };
      if (current) await trx.updateTable('service_drafts').set(row).where('service_id', '=', checked.id).execute();
      else await trx.insertInto('service_drafts').values(row).execute();
      await this.audit(trx, actor, 'service.draft', checked.id, current ? JSON.parse(current.data) : live, service);
      return null;
    });
    if (conflict !== null) throw new AppError('SERVICE_CONFLICT', undefined, { currentRevision: conflict });
    return (await this.draft(operator, checked.id))!;
  }

  /** Writes a snapshot as the live definition, with its version, and makes it a target tiles may open. */
  private async makeLive(trx: Transaction<Database>, service: Snapshot, version: number, now: string): Promise<void> {
    const row = {
      ...definitionRow({ ...service, version }, now),
      fee_rule: service.feeRule ? JSON.stringify(service.feeRule) : null,
      guide: service.guide ? JSON.stringify(service.guide) : null,
      version,
    };
    const { id: _id, ...changes } = row;
    await trx
      .insertInto('service_definitions')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(changes))
      .execute();
    await trx
      .insertInto('catalogue_services')
      .values({ id: service.id, title: service.title })
      .onConflict((oc) => oc.column('id').doUpdateSet({ title: service.title }))
      .execute();
  }

  private async nextVersion(trx: Transaction<Database>, id: string): Promise<number> {
    const row = await trx
      .selectFrom('service_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('service_id', '=', id)
      .executeTakeFirst();
    return Number(row?.v ?? 0) + 1;
  }

  /** Publishes the draft at `expectedRevision` as a new version. @throws SERVICE_NOT_FOUND, SERVICE_CONFLICT, or any check of saveDraft. */
  async publish(operator: OperatorRow | null, id: string, expectedRevision: number) {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    const draft = await this.deps.db
      .selectFrom('service_drafts')
      .selectAll()
      .where('service_id', '=', String(id))
      .executeTakeFirst();
    if (!draft) throw new AppError('SERVICE_NOT_FOUND', undefined, { field: 'id' });
    const stored = JSON.parse(draft.data) as Snapshot;
    // Checked again as it goes live: a category or an agency's description may have changed since the save.
    const checked = await validateService(stored, this.lookups(this.deps.db));
    const service: Snapshot = { ...checked, feeRule: stored.feeRule ?? null };
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('service_drafts')
        .select('revision')
        .where('service_id', '=', service.id)
        .executeTakeFirst();
      if (current?.revision !== expectedRevision)
        throw new AppError('SERVICE_CONFLICT', undefined, { currentRevision: current?.revision ?? 0 });
      const before = await this.live(trx, service.id);
      const version = await this.nextVersion(trx, service.id);
      await trx
        .insertInto('service_versions')
        .values({
          service_id: service.id,
          version,
          data: JSON.stringify(service),
          action: 'publish',
          published_by: actor.username,
          published_at: now,
        })
        .execute();
      await this.makeLive(trx, service, version, now);
      await this.audit(trx, actor, 'service.publish', service.id, before, { version, service });
    });
    await this.deps.definitions.invalidate();
    return (await this.consoleService(service.id))!;
  }

  /** Takes a service offline: no new applications; drafts and applications already made keep their version. */
  async unpublish(operator: OperatorRow | null, id: string) {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    await this.deps.db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('service_definitions')
        .set({ status: 'unpublished', updated_at: this.deps.now().toISOString() })
        .where('id', '=', String(id))
        .where('status', '=', 'published')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) throw new AppError('SERVICE_NOT_FOUND', undefined, { field: 'id' });
      await this.audit(trx, actor, 'service.unpublish', String(id), { status: 'published' }, { status: 'unpublished' });
    });
    await this.deps.definitions.invalidate();
    return (await this.consoleService(String(id)))!;
  }

  /** Makes an earlier version live again, as a new version; the draft follows it. @throws SERVICE_VERSION_NOT_FOUND. */
  async rollback(operator: OperatorRow | null, id: string, version: number) {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('service_versions')
        .selectAll()
        .where('service_id', '=', String(id))
        .where('version', '=', version)
        .executeTakeFirst();
      if (!target) throw new AppError('SERVICE_VERSION_NOT_FOUND', undefined, { field: 'version' });
      const before = await this.live(trx, String(id));
      const next = await this.nextVersion(trx, String(id));
      const service = JSON.parse(target.data) as Snapshot;
      await trx
        .insertInto('service_versions')
        .values({
          service_id: String(id),
          version: next,
          data: target.data,
          action: `rollback:${version}`,
          published_by: actor.username,
          published_at: now,
        })
        .execute();
      await this.makeLive(trx, service, next, now);
      await trx
        .updateTable('service_drafts')
        .set((eb) => ({
          data: target.data,
          revision: eb('revision', '+', 1),
          updated_by: actor.username,
          updated_at: now,
        }))
        .where('service_id', '=', String(id))
        .execute();
      await this.audit(trx, actor, 'service.rollback', String(id), before, { version: next, from: version });
    });
    await this.deps.definitions.invalidate();
    return (await this.consoleService(String(id)))!;
  }

  async versions(operator: OperatorRow | null, id: string) {
    this.deps.operators.requireRole(operator, 'editor');
    const rows = await this.deps.db
      .selectFrom('service_versions')
      .selectAll()
      .where('service_id', '=', String(id))
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      action: r.action,
      publishedBy: r.published_by,
      publishedAt: r.published_at,
      service: definitionFromSnapshot(r.data, r.version),
    }));
  }

  /** Every service the console knows, live or draft. */
  async list(operator: OperatorRow | null) {
    this.deps.operators.requireRole(operator, 'editor');
    return this.collect();
  }

  private async consoleService(id: string) {
    return (await this.collect([id]))[0] ?? null;
  }

  private async collect(ids?: string[]) {
    const live = await this.deps.db
      .selectFrom('service_definitions')
      .select(['id', 'title', 'status', 'version', 'departments', 'category_id'])
      .$if(!!ids, (q) => q.where('id', 'in', ids!))
      .execute();
    const drafts = await this.deps.db
      .selectFrom('service_drafts')
      .selectAll()
      .$if(!!ids, (q) => q.where('service_id', 'in', ids!))
      .execute();
    const liveById = new Map(live.map((r) => [r.id, r]));
    const draftById = new Map(drafts.map((d) => [d.service_id, d]));
    return [...new Set([...liveById.keys(), ...draftById.keys()])].sort().map((id) => {
      const row = liveById.get(id);
      const draft = draftById.get(id);
      const data = draft ? (JSON.parse(draft.data) as Snapshot) : null;
      const state: ServiceState = !row ? 'DRAFT' : row.status === 'published' ? 'PUBLISHED' : 'UNPUBLISHED';
      return {
        id,
        title: data?.title ?? row!.title,
        state,
        revision: draft?.revision ?? 0,
        liveVersion: row?.version ?? null,
        categoryId: data?.categoryId ?? row!.category_id,
        departments: data?.departments ?? (JSON.parse(row!.departments) as string[]),
      };
    });
  }

  /**
   * The service's tile in one step (publisher): a tile that opens the service, on the
   * given platforms, in its category and line, published at once through the tiles'
   * own checks and audit. The service must be live.
   */
  async createTile(
    operator: OperatorRow | null,
    serviceId: string,
    input: { title?: string | null; icon: string; platforms: string[]; order?: number | null; agency?: string | null },
  ) {
    this.deps.operators.requireRole(operator, 'publisher');
    const definition = await this.live(this.deps.db, String(serviceId));
    if (
      !definition ||
      !(await this.deps.db
        .selectFrom('service_definitions')
        .select('id')
        .where('id', '=', definition.id)
        .where('status', '=', 'published')
        .executeTakeFirst())
    ) {
      throw new BadUserInputError('SERVICE_NOT_FOUND', { field: 'serviceId' });
    }
    const existing = await this.deps.tiles.draft(operator, definition.id);
    const tile = await this.deps.tiles.saveDraft(
      operator,
      {
        id: definition.id,
        title: input.title ?? definition.title,
        titleEn: definition.titleEn,
        icon: input.icon,
        categoryId: definition.categoryId,
        line: definition.lines[0]!,
        target: { kind: 'SERVICE', value: definition.id },
        platforms: input.platforms,
        regions: [],
        requiredLevel: definition.requiredLevel,
        order: input.order ?? 500,
        badge: 'NEW',
        agency: input.agency ?? definition.departments[0] ?? null,
        publishAt: null,
        expireAt: null,
      },
      existing?.revision ?? 0,
    );
    return this.deps.tiles.publish(operator, definition.id, tile.revision);
  }

  // --- FAQ per service: live rows (publisher and up), audited ---

  async faq(operator: OperatorRow | null, serviceId: string) {
    this.deps.operators.requireRole(operator, 'editor');
    const rows = await this.deps.db
      .selectFrom('faq_entries')
      .selectAll()
      .where('service_id', '=', String(serviceId))
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    return rows.map(faqView);
  }

  /** Adds or changes one entry; it is live at once, so it needs the publisher role. @throws FAQ_ENTRY_INVALID, SERVICE_NOT_FOUND. */
  async saveFaq(
    operator: OperatorRow | null,
    raw: {
      id?: string | null;
      serviceId: string;
      question: string;
      questionEn: string;
      answer: string;
      answerEn: string;
      keywords?: string | null;
      order?: number | null;
    },
  ) {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    const input = withoutNulls(raw);
    for (const key of ['question', 'questionEn', 'answer', 'answerEn'] as const) {
      const value = text(input[key]);
      if (!value || value.length > (key.startsWith('question') ? 256 : 4000))
        throw new BadUserInputError('FAQ_ENTRY_INVALID', { field: key });
    }
    if (!(await this.live(this.deps.db, String(input.serviceId))))
      throw new BadUserInputError('SERVICE_NOT_FOUND', { field: 'serviceId' });
    const id = input.id ?? `${input.serviceId}-${randomUUID().slice(0, 8)}`;
    if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(id)) throw new BadUserInputError('FAQ_ENTRY_INVALID', { field: 'id' });
    const now = this.deps.now().toISOString();
    const row = {
      id,
      service_id: input.serviceId,
      topic: input.serviceId,
      question: text(input.question),
      question_en: text(input.questionEn),
      answer: text(input.answer),
      answer_en: text(input.answerEn),
      keywords: text(input.keywords).slice(0, 256),
      sort_order: input.order ?? 100,
      status: 'published',
      updated_at: now,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('faq_entries').selectAll().where('id', '=', id).executeTakeFirst();
      if (before && before.service_id !== input.serviceId)
        throw new BadUserInputError('FAQ_ENTRY_INVALID', { field: 'id' });
      const { id: _id, ...changes } = row;
      await trx
        .insertInto('faq_entries')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(changes))
        .execute();
      await writeAudit(trx, {
        at: now,
        actor: auditActor.operator(actor.username),
        action: 'faq.save',
        subject: `service:${input.serviceId}`,
        detail: { before: before ?? null, after: row },
      });
    });
    return faqView(row);
  }

  async deleteFaq(operator: OperatorRow | null, id: string): Promise<boolean> {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    return this.deps.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('faq_entries')
        .selectAll()
        .where('id', '=', String(id))
        .where('service_id', 'is not', null)
        .executeTakeFirst();
      if (!before) return false;
      await trx.deleteFrom('faq_entries').where('id', '=', before.id).execute();
      await writeAudit(trx, {
        at: this.deps.now().toISOString(),
        actor: auditActor.operator(actor.username),
        action: 'faq.delete',
        subject: `service:${before.service_id}`,
        detail: { before, after: null },
      });
      return true;
    });
  }

  // --- Halls, the services each books and their capacities (publisher and up), audited ---

  async halls(operator: OperatorRow | null) {
    this.deps.operators.requireRole(operator, 'editor');
    const halls = await this.deps.db.selectFrom('service_halls').selectAll().orderBy('id').execute();
    const services = await this.deps.db.selectFrom('hall_services').selectAll().execute();
    return halls.map((h) =>
      hallView(
        h,
        services.filter((s) => s.hall_id === h.id),
      ),
    );
  }

  /**
   * Adds or changes a hall: names, address, hours, the slots of each weekday and the
   * services it books with a capacity per slot. Slots still to come take the new
   * capacity (one already booked past it is simply full); nothing booked is moved.
   * @throws HALL_INVALID.
   */
  async saveHall(operator: OperatorRow | null, raw: HallInput) {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    const input = withoutNulls(raw);
    const bad = (field: string) => new BadUserInputError('HALL_INVALID', { field });
    if (!/^[a-z0-9][a-z0-9-]{1,63}$/.test(input.id ?? '')) throw bad('id');
    for (const key of ['name', 'nameEn', 'address', 'addressEn', 'hours', 'hoursEn'] as const)
      if (!text(input[key]) || text(input[key]).length > 256) throw bad(key);
    const schedule: Record<number, string[]> = {};
    for (const day of input.schedule ?? []) {
      if (!Number.isInteger(day.weekday) || day.weekday < 1 || day.weekday > 7 || schedule[day.weekday])
        throw bad('schedule');
      if (!day.times.every((t) => /^([01]\d|2[0-3]):[03]0$/.test(t))) throw bad('schedule');
      schedule[day.weekday] = [...new Set(day.times)].sort();
    }
    const ids = (input.services ?? []).map((s) => s.serviceId);
    if (new Set(ids).size !== ids.length) throw bad('services');
    for (const s of input.services ?? []) {
      if (!Number.isInteger(s.capacity) || s.capacity < 0 || s.capacity > 1000) throw bad('services.capacity');
      const known = await this.deps.db
        .selectFrom('catalogue_services')
        .select('id')
        .where('id', '=', String(s.serviceId))
        .executeTakeFirst();
      if (!known) throw bad('services.serviceId');
    }
    const now = this.deps.now().toISOString();
    const row = {
      id: input.id,
      name: text(input.name),
      name_en: text(input.nameEn),
      address: text(input.address),
      address_en: text(input.addressEn),
      hours: text(input.hours),
      hours_en: text(input.hoursEn),
      schedule: JSON.stringify(schedule),
    };
    const before = (await this.halls(operator)).find((h) => h.id === input.id) ?? null;
    await this.deps.db.transaction().execute(async (trx) => {
      const { id: _id, ...changes } = row;
      await trx
        .insertInto('service_halls')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(changes))
        .execute();
      await trx.deleteFrom('hall_services').where('hall_id', '=', input.id).execute();
      if (input.services?.length)
        await trx
          .insertInto('hall_services')
          .values(input.services.map((s) => ({ hall_id: input.id, service_id: s.serviceId, capacity: s.capacity })))
          .execute();
      for (const s of input.services ?? []) {
        await trx
          .updateTable('appointment_slots')
          .set({ capacity: s.capacity })
          .where('hall_id', '=', input.id)
          .where('service_id', '=', s.serviceId)
          .where('starts_at', '>', now)
          .execute();
      }
      await writeAudit(trx, {
        at: now,
        actor: auditActor.operator(actor.username),
        action: 'hall.save',
        subject: `hall:${input.id}`,
        detail: { before, after: input },
      });
    });
    return (await this.halls(operator)).find((h) => h.id === input.id)!;
  }
}

export interface HallInput {
  id: string;
  name: string;
  nameEn: string;
  address: string;
  addressEn: string;
  hours: string;
  hoursEn: string;
  schedule: Array<{ weekday: number; times: string[] }>;
  services: Array<{ serviceId: string; capacity: number }>;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function faqView(r: {
  id: string;
  service_id: string | null;
  question: string;
  question_en: string;
  answer: string;
  answer_en: string;
  keywords: string;
  sort_order: number;
}) {
  return {
    id: r.id,
    serviceId: r.service_id,
    question: r.question,
    questionEn: r.question_en,
    answer: r.answer,
    answerEn: r.answer_en,
    keywords: r.keywords,
    order: r.sort_order,
  };
}

function hallView(
  h: {
    id: string;
    name: string;
    name_en: string;
    address: string;
    address_en: string;
    hours: string;
    hours_en: string;
    schedule: string;
  },
  services: Array<{ service_id: string; capacity: number }>,
) {
  const schedule = JSON.parse(h.schedule) as Record<string, string[]>;
  return {
    id: h.id,
    name: h.name,
    nameEn: h.name_en,
    address: h.address,
    addressEn: h.address_en,
    hours: h.hours,
    hoursEn: h.hours_en,
    schedule: Object.entries(schedule)
      .map(([weekday, times]) => ({ weekday: Number(weekday), times }))
      .sort((a, b) => a.weekday - b.weekday),
    services: services.map((s) => ({ serviceId: s.service_id, capacity: s.capacity })),
  };
}
