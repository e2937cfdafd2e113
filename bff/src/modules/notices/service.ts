import type { Transaction } from 'kysely';
import type { Db } from '../../db';
import type { Database, HomeNoticeTable } from '../../db/schema';
import type { PublishedCache } from '../../publishedCache';
import { AppError } from '../../errors';
import type { OperatorRow, OperatorService } from '../operators/service';
import { validateNotice, type NoticeInput } from './validate';
import { auditActor, writeAudit } from '../audit/writer';

export type NoticeState = 'DRAFT' | 'PUBLISHED' | 'SCHEDULED' | 'EXPIRED' | 'UNPUBLISHED';

export interface ConsoleNotice {
  id: string;
  kind: NoticeInput['kind'];
  title: string;
  state: NoticeState;
  revision: number;
  liveVersion: number | null;
  publishAt: string | null;
  expireAt: string | null;
}

/** What the home screen shows of a live notice. */
export interface HomeNotice {
  id: string;
  kind: NoticeInput['kind'];
  title: string;
  titleEn: string;
  body: string | null;
  bodyEn: string | null;
  link: string | null;
}

/**
 * The home screen's banner and notices, published from the console the way tiles are
 * (modules/tiles/service.ts): editors save drafts against the revision they started
 * from (a stale one is NOTICE_CONFLICT), publishers publish a draft as a new version
 * or take a notice down, and each action is audited in the same transaction. A notice
 * shows from its publishAt until its expireAt: the schedule is applied when home is
 * read, so one that expires is gone at that instant without a job.
 */
export class NoticePublishing {
  constructor(
    private readonly deps: {
      db: Db;
      operators: OperatorService;
      webAllowList: string[];
      now: () => Date;
      /**
       * The published notices, whatever their schedule, per instance (the home screen reads
       * them on every load), cleared on every instance by publish and unpublish. The
       * schedule is applied to them on each read, so a moved clock is seen at once.
       */
      published: PublishedCache<readonly HomeNoticeTable[]>;
    },
  ) {}

  private async audit(
    trx: Transaction<Database>,
    actor: OperatorRow,
    action: string,
    id: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await writeAudit(trx, {
      at: this.deps.now().toISOString(),
      actor: auditActor.operator(actor.username),
      action,
      subject: `notice:${id}`,
      detail: { before, after },
    });
  }

  /** Live notices now, banners first, by order. */
  async live(): Promise<HomeNotice[]> {
    const now = this.deps.now().toISOString();
    const read = (): Promise<readonly HomeNoticeTable[]> =>
      this.deps.db
        .selectFrom('home_notices')
        .selectAll()
        .where('status', '=', 'published')
        .orderBy('kind')
        .orderBy('sort_order')
        .orderBy('id')
        .execute();
    const published = await this.deps.published.get('published', read);
    const live = published.filter(
      (r) => (r.publish_at === null || r.publish_at <= now) && (r.expire_at === null || r.expire_at > now),
    );
    return live.map((r) => ({
      id: r.id,
      kind: r.kind as HomeNotice['kind'],
      title: r.title,
      titleEn: r.title_en,
      body: r.body,
      bodyEn: r.body_en,
      link: r.link,
    }));
  }

  private async liveSnapshot(db: Db | Transaction<Database>, id: string): Promise<NoticeInput | null> {
    const r = await db.selectFrom('home_notices').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    return {
      id: r.id,
      kind: r.kind as NoticeInput['kind'],
      title: r.title,
      titleEn: r.title_en,
      body: r.body,
      bodyEn: r.body_en,
      link: r.link,
      order: r.sort_order,
      publishAt: r.publish_at,
      expireAt: r.expire_at,
    };
  }

  /** The draft to edit: the saved one, or the live notice as revision 0. */
  async draft(
    operator: OperatorRow | null,
    id: string,
  ): Promise<{ notice: NoticeInput; revision: number; updatedBy: string; updatedAt: string } | null> {
    this.deps.operators.requireRole(operator, 'editor');
    const row = await this.deps.db
      .selectFrom('notice_drafts')
      .selectAll()
      .where('notice_id', '=', id)
      .executeTakeFirst();
    if (row)
      return {
        notice: JSON.parse(row.data),
        revision: row.revision,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      };
    const live = await this.liveSnapshot(this.deps.db, id);
    return live ? { notice: live, revision: 0, updatedBy: 'system', updatedAt: '' } : null;
  }

  /** @throws NOTICE_INVALID, or NOTICE_CONFLICT when `expectedRevision` is not the draft's revision. */
  async saveDraft(operator: OperatorRow | null, input: NoticeInput, expectedRevision: number) {
    const actor = this.deps.operators.requireRole(operator, 'editor');
    const notice = validateNotice(input, this.deps.webAllowList);
    const now = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('notice_drafts')
        .selectAll()
        .where('notice_id', '=', notice.id)
        .executeTakeFirst();
      const currentRevision = current?.revision ?? 0;
      if (expectedRevision !== currentRevision) throw new AppError('NOTICE_CONFLICT', undefined, { currentRevision });
      const before = current ? JSON.parse(current.data) : await this.liveSnapshot(trx, notice.id);
      const row = {
        notice_id: notice.id,
        data: JSON.stringify(notice),
        revision: currentRevision + 1,
        updated_by: actor.username,
        updated_at: now,
      };
      // The revision in the WHERE makes two saves from the same revision race safely: one wins.
      const saved = current
        ? Number(
            (
              await trx
                .updateTable('notice_drafts')
                .set(row)
                .where('notice_id', '=', notice.id)
                .where('revision', '=', currentRevision)
                .executeTakeFirst()
            ).numUpdatedRows,
          )
        : Number(
            (
              await trx
                .insertInto('notice_drafts')
                .values(row)
                .onConflict((oc) => oc.column('notice_id').doNothing())
                .executeTakeFirst()
            ).numInsertedOrUpdatedRows ?? 0,
          );
      if (saved !== 1) throw new AppError('NOTICE_CONFLICT', undefined, { currentRevision: currentRevision + 1 });
      await this.audit(trx, actor, 'notice.draft', notice.id, before, notice);
    });
    return (await this.draft(operator, notice.id))!;
  }

  /** Publishes the draft at `expectedRevision` as a new version. @throws NOTICE_NOT_FOUND, NOTICE_CONFLICT. */
  async publish(operator: OperatorRow | null, id: string, expectedRevision: number): Promise<ConsoleNotice> {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    await this.deps.db.transaction().execute(async (trx) => {
      const draft = await trx.selectFrom('notice_drafts').selectAll().where('notice_id', '=', id).executeTakeFirst();
      if (!draft) throw new AppError('NOTICE_NOT_FOUND', undefined, { field: 'id' });
      if (draft.revision !== expectedRevision)
        throw new AppError('NOTICE_CONFLICT', undefined, { currentRevision: draft.revision });
      const notice = validateNotice(JSON.parse(draft.data) as NoticeInput, this.deps.webAllowList);
      const before = await this.liveSnapshot(trx, id);
      const last = await trx
        .selectFrom('notice_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('notice_id', '=', id)
        .executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      await trx
        .insertInto('notice_versions')
        .values({
          notice_id: id,
          version,
          data: draft.data,
          action: 'publish',
          published_by: actor.username,
          published_at: this.deps.now().toISOString(),
        })
        .execute();
      const row = {
        kind: notice.kind,
        title: notice.title,
        title_en: notice.titleEn,
        body: notice.body ?? null,
        body_en: notice.bodyEn ?? null,
        link: notice.link ?? null,
        sort_order: notice.order,
        status: 'published',
        publish_at: notice.publishAt ?? null,
        expire_at: notice.expireAt ?? null,
        live_version: version,
      };
      await trx
        .insertInto('home_notices')
        .values({ id, ...row })
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
      await this.audit(trx, actor, 'notice.publish', id, before, { version, notice });
    });
    await this.deps.published.invalidate();
    return (await this.collect([id]))[0]!;
  }

  /** Takes a published notice off home at once. @throws NOTICE_NOT_FOUND. */
  async unpublish(operator: OperatorRow | null, id: string): Promise<ConsoleNotice> {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    await this.deps.db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('home_notices')
        .set({ status: 'unpublished' })
        .where('id', '=', id)
        .where('status', '=', 'published')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1)
        throw new AppError('NOTICE_NOT_FOUND', 'No published notice with that id', { field: 'id' });
      await this.audit(trx, actor, 'notice.unpublish', id, { status: 'published' }, { status: 'unpublished' });
    });
    await this.deps.published.invalidate();
    return (await this.collect([id]))[0]!;
  }

  async versions(operator: OperatorRow | null, id: string) {
    this.deps.operators.requireRole(operator, 'editor');
    const rows = await this.deps.db
      .selectFrom('notice_versions')
      .selectAll()
      .where('notice_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      action: r.action,
      publishedBy: r.published_by,
      publishedAt: r.published_at,
      notice: JSON.parse(r.data) as NoticeInput,
    }));
  }

  /** Every notice the console knows (live or draft), newest first by id. */
  async consoleNotices(operator: OperatorRow | null): Promise<ConsoleNotice[]> {
    this.deps.operators.requireRole(operator, 'editor');
    return this.collect();
  }

  private stateOf(
    row: { status: string; publish_at: string | null; expire_at: string | null } | undefined,
  ): NoticeState {
    if (!row) return 'DRAFT';
    if (row.status !== 'published') return 'UNPUBLISHED';
    const now = this.deps.now().toISOString();
    if (row.publish_at && row.publish_at > now) return 'SCHEDULED';
    if (row.expire_at && row.expire_at <= now) return 'EXPIRED';
    return 'PUBLISHED';
  }

  private async collect(ids?: string[]): Promise<ConsoleNotice[]> {
    const live = await this.deps.db
      .selectFrom('home_notices')
      .selectAll()
      .$if(!!ids, (q) => q.where('id', 'in', ids!))
      .execute();
    const drafts = await this.deps.db
      .selectFrom('notice_drafts')
      .selectAll()
      .$if(!!ids, (q) => q.where('notice_id', 'in', ids!))
      .execute();
    const liveById = new Map(live.map((r) => [r.id, r]));
    const draftById = new Map(drafts.map((d) => [d.notice_id, d]));
    const list: ConsoleNotice[] = [];
    for (const id of new Set([...liveById.keys(), ...draftById.keys()])) {
      const row = liveById.get(id);
      const draft = draftById.get(id);
      const data = draft ? (JSON.parse(draft.data) as NoticeInput) : null;
      list.push({
        id,
        kind: (data?.kind ?? row!.kind) as NoticeInput['kind'],
        title: data?.title ?? row!.title,
        state: this.stateOf(row),
        revision: draft?.revision ?? 0,
        liveVersion: row?.live_version ?? null,
        publishAt: row?.publish_at ?? data?.publishAt ?? null,
        expireAt: row?.expire_at ?? data?.expireAt ?? null,
      });
    }
    return list.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  }
}
