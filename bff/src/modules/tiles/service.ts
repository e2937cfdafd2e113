import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db';
import type { Database } from '../../db/schema';
import { AppError } from '../../errors';
import type { OperatorRow, OperatorService } from '../operators/service';
import type { PublishedCache } from '../../publishedCache';
import { validateTile, type TileInput } from './validate';
import { auditActor, writeAudit } from '../audit/writer';

export type TileState = 'DRAFT' | 'PUBLISHED' | 'SCHEDULED' | 'EXPIRED' | 'UNPUBLISHED';

export interface ConsoleTile {
  id: string;
  title: string;
  state: TileState;
  revision: number | null;
  liveVersion: number | null;
  categoryId: string;
  platforms: string[];
}

/**
 * Publishing tiles from the console without a release. Editors save drafts; each
 * save names the revision it started from, and a stale one is refused as a conflict
 * (the refused edit is kept aside, never lost). Publishers publish a draft as a new
 * version (a snapshot), unpublish, or roll back to an earlier version. Every action
 * is in the audit log, written in the same transaction as the change. A publish
 * clears every instance's cache of live tiles.
 */
export class TilePublishing {
  constructor(
    private readonly deps: {
      db: Db;
      operators: OperatorService;
      cache: PublishedCache<unknown>;
      webAllowList: string[];
      inquiryCardPublished: (id: string, db: Db | Transaction<Database>) => Promise<boolean>;
      now: () => Date;
    },
  ) {}

  private lookups(db: Db | Transaction<Database>) {
    return {
      categoryExists: async (id: string) =>
        !!(await db.selectFrom('service_categories').select('id').where('id', '=', String(id)).executeTakeFirst()),
      serviceExists: async (id: string) =>
        !!(await db.selectFrom('catalogue_services').select('id').where('id', '=', String(id)).executeTakeFirst()),
      iconExists: async (id: string) =>
        !!(await db.selectFrom('tile_icons').select('id').where('id', '=', id).executeTakeFirst()),
      inquiryCardPublished: (id: string) => this.deps.inquiryCardPublished(id, db),
      webAllowList: this.deps.webAllowList,
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
      subject,
      detail: { before, after },
    });
  }

  /** The tile as it is live now, as a TileInput (or null when it never went live). */
  private async liveSnapshot(db: Db | Transaction<Database>, id: string): Promise<TileInput | null> {
    const row = await db.selectFrom('service_tiles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const platforms = (
      await db.selectFrom('tile_platforms').select('platform').where('tile_id', '=', id).execute()
    ).map((p) => p.platform);
    const regions = (
      await db.selectFrom('tile_regions').select('division_code').where('tile_id', '=', id).execute()
    ).map((r) => r.division_code);
    return {
      id: row.id,
      title: row.title,
      titleEn: row.title_en,
      icon: row.icon,
      categoryId: row.category_id,
      line: row.line as TileInput['line'],
      target: { kind: row.target_kind as TileInput['target']['kind'], value: row.target_value },
      platforms,
      regions,
      requiredLevel: row.required_level,
      order: row.sort_order,
      badge: row.badge as TileInput['badge'],
      agency: row.agency,
      publishAt: row.publish_at,
      expireAt: row.expire_at,
    };
  }

  /** The draft to edit: the saved draft, or the live tile as revision 0 when nobody has edited it yet. */
  async draft(
    operator: OperatorRow | null,
    id: string,
  ): Promise<{ tile: TileInput; revision: number; updatedBy: string; updatedAt: string } | null> {
    this.deps.operators.requireRole(operator, 'editor');
    const row = await this.deps.db.selectFrom('tile_drafts').selectAll().where('tile_id', '=', id).executeTakeFirst();
    if (row)
      return {
        tile: JSON.parse(row.data),
        revision: row.revision,
        updatedBy: row.updated_by,
        updatedAt: row.updated_at,
      };
    const live = await this.liveSnapshot(this.deps.db, id);
    return live ? { tile: live, revision: 0, updatedBy: 'system', updatedAt: '' } : null;
  }

  /** @throws TILE_INVALID / TILE_TARGET_* / TILE_SCHEDULE_INVALID, or TILE_CONFLICT when `expectedRevision` is stale. */
  async saveDraft(operator: OperatorRow | null, input: TileInput, expectedRevision: number) {
    const actor = this.deps.operators.requireRole(operator, 'editor');
    const tile = await validateTile(input, this.lookups(this.deps.db));
    const now = this.deps.now().toISOString();
    const conflict = await this.deps.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('tile_drafts').selectAll().where('tile_id', '=', tile.id).executeTakeFirst();
      const currentRevision = current?.revision ?? 0;
      if (expectedRevision !== currentRevision) {
        // Both versions kept: the saved draft stays, the stale edit goes aside with its author.
        await trx
          .insertInto('tile_draft_conflicts')
          .values({
            id: randomUUID(),
            tile_id: tile.id,
            data: JSON.stringify(tile),
            based_on_revision: expectedRevision,
            author: actor.username,
            at: now,
          })
          .execute();
        return currentRevision;
      }
      const before = current ? JSON.parse(current.data) : await this.liveSnapshot(trx, tile.id);
      const row = {
        tile_id: tile.id,
        data: JSON.stringify(tile),
        revision: currentRevision + 1,
        updated_by: actor.username,
        updated_at: now,
      };
      if (current) await trx.updateTable('tile_drafts').set(row).where('tile_id', '=', tile.id).execute();
      else await trx.insertInto('tile_drafts').values(row).execute();
      await this.audit(trx, actor, 'tile.draft', tile.id, before, tile);
      return null;
    });
    if (conflict !== null) throw new AppError('TILE_CONFLICT', undefined, { currentRevision: conflict });
    return (await this.draft(operator, tile.id))!;
  }

  /** Writes a snapshot as the live tile (row, platforms, regions). */
  private async makeLive(trx: Transaction<Database>, tile: TileInput, version: number): Promise<void> {
    const row = {
      title: tile.title,
      title_en: tile.titleEn,
      icon: tile.icon,
      category_id: tile.categoryId,
      line: tile.line,
      target_kind: tile.target.kind,
      target_value: tile.target.value,
      agency: tile.agency ?? null,
      required_level: tile.requiredLevel,
      badge: tile.badge ?? null,
      sort_order: tile.order,
      status: 'published',
      publish_at: tile.publishAt ?? null,
      expire_at: tile.expireAt ?? null,
      live_version: version,
    };
    await trx
      .insertInto('service_tiles')
      .values({ id: tile.id, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    await trx.deleteFrom('tile_platforms').where('tile_id', '=', tile.id).execute();
    await trx.deleteFrom('tile_regions').where('tile_id', '=', tile.id).execute();
    await trx
      .insertInto('tile_platforms')
      .values(tile.platforms.map((platform) => ({ tile_id: tile.id, platform })))
      .execute();
    if (tile.regions.length)
      await trx
        .insertInto('tile_regions')
        .values(tile.regions.map((division_code) => ({ tile_id: tile.id, division_code })))
        .execute();
  }

  private async nextVersion(trx: Transaction<Database>, id: string): Promise<number> {
    const row = await trx
      .selectFrom('tile_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('tile_id', '=', id)
      .executeTakeFirst();
    return Number(row?.v ?? 0) + 1;
  }

  /** Publishes the draft at `expectedRevision` as a new version. @throws TILE_NOT_FOUND, TILE_CONFLICT. */
  async publish(operator: OperatorRow | null, id: string, expectedRevision: number): Promise<ConsoleTile> {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    await this.deps.db.transaction().execute(async (trx) => {
      const draft = await trx.selectFrom('tile_drafts').selectAll().where('tile_id', '=', id).executeTakeFirst();
      if (!draft) throw new AppError('TILE_NOT_FOUND', undefined, { field: 'id' });
      if (draft.revision !== expectedRevision)
        throw new AppError('TILE_CONFLICT', undefined, { currentRevision: draft.revision });
      const tile = JSON.parse(draft.data) as TileInput;
      // The target may have gone since the draft was saved: check again at the moment it goes live.
      await validateTile(tile, this.lookups(trx));
      const before = await this.liveSnapshot(trx, id);
      const version = await this.nextVersion(trx, id);
      await trx
        .insertInto('tile_versions')
        .values({
          tile_id: id,
          version,
          data: draft.data,
          action: 'publish',
          published_by: actor.username,
          published_at: this.deps.now().toISOString(),
        })
        .execute();
      await this.makeLive(trx, tile, version);
      await this.audit(trx, actor, 'tile.publish', id, before, { version, tile });
    });
    await this.deps.cache.invalidate();
    return (await this.consoleTile(id))!;
  }

  async unpublish(operator: OperatorRow | null, id: string): Promise<ConsoleTile> {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    await this.deps.db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('service_tiles')
        .set({ status: 'unpublished' })
        .where('id', '=', id)
        .where('status', '=', 'published')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1)
        throw new AppError('TILE_NOT_FOUND', 'No published tile with that id', { field: 'id' });
      await this.audit(trx, actor, 'tile.unpublish', id, { status: 'published' }, { status: 'unpublished' });
    });
    await this.deps.cache.invalidate();
    return (await this.consoleTile(id))!;
  }

  /** Makes an earlier version live again, as a new version; the draft follows it. */
  async rollback(operator: OperatorRow | null, id: string, version: number): Promise<ConsoleTile> {
    const actor = this.deps.operators.requireRole(operator, 'publisher');
    await this.deps.db.transaction().execute(async (trx) => {
      const target = await trx
        .selectFrom('tile_versions')
        .selectAll()
        .where('tile_id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!target) throw new AppError('TILE_VERSION_NOT_FOUND', undefined, { field: 'version' });
      const before = await this.liveSnapshot(trx, id);
      const next = await this.nextVersion(trx, id);
      const now = this.deps.now().toISOString();
      await trx
        .insertInto('tile_versions')
        .values({
          tile_id: id,
          version: next,
          data: target.data,
          action: `rollback:${version}`,
          published_by: actor.username,
          published_at: now,
        })
        .execute();
      await this.makeLive(trx, JSON.parse(target.data), next);
      await trx
        .updateTable('tile_drafts')
        .set((eb) => ({
          data: target.data,
          revision: eb('revision', '+', 1),
          updated_by: actor.username,
          updated_at: now,
        }))
        .where('tile_id', '=', id)
        .execute();
      await this.audit(trx, actor, 'tile.rollback', id, before, { version: next, from: version });
    });
    await this.deps.cache.invalidate();
    return (await this.consoleTile(id))!;
  }

  async versions(operator: OperatorRow | null, id: string) {
    this.deps.operators.requireRole(operator, 'editor');
    const rows = await this.deps.db
      .selectFrom('tile_versions')
      .selectAll()
      .where('tile_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      version: r.version,
      action: r.action,
      publishedBy: r.published_by,
      publishedAt: r.published_at,
      tile: JSON.parse(r.data) as TileInput,
    }));
  }

  async auditLog(operator: OperatorRow | null, subject: string | null, limit: number) {
    this.deps.operators.requireRole(operator, 'editor');
    let query = this.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(limit, 1), 500));
    if (subject) query = query.where('subject', '=', subject);
    return (await query.execute()).map((r) => ({
      id: String(r.id),
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      detail: r.detail,
    }));
  }

  private stateOf(
    row: { status: string; publish_at: string | null; expire_at: string | null } | undefined,
    hasDraft: boolean,
  ): TileState {
    if (!row) return hasDraft ? 'DRAFT' : 'UNPUBLISHED';
    if (row.status !== 'published') return 'UNPUBLISHED';
    const now = this.deps.now().toISOString();
    if (row.publish_at && row.publish_at > now) return 'SCHEDULED';
    if (row.expire_at && row.expire_at <= now) return 'EXPIRED';
    return 'PUBLISHED';
  }

  /** One tile's console view, after an action on it (the caller's role already checked). */
  private async consoleTile(id: string): Promise<ConsoleTile | null> {
    return (await this.collect({ ids: [id] }))[0] ?? null;
  }

  /** Every tile the console knows (live or draft), by category and id. */
  async consoleTiles(
    operator: OperatorRow | null,
    filter: { state?: TileState | null; platform?: string | null; categoryId?: string | null },
  ): Promise<ConsoleTile[]> {
    this.deps.operators.requireRole(operator, 'editor');
    return this.collect(filter);
  }

  private async collect(filter: {
    state?: TileState | null;
    platform?: string | null;
    categoryId?: string | null;
    ids?: string[];
  }): Promise<ConsoleTile[]> {
    const ids = filter.ids;
    const live = await this.deps.db
      .selectFrom('service_tiles')
      .select(['id', 'title', 'status', 'publish_at', 'expire_at', 'live_version', 'category_id'])
      .$if(!!ids, (q) => q.where('id', 'in', ids!))
      .execute();
    const drafts = await this.deps.db
      .selectFrom('tile_drafts')
      .selectAll()
      .$if(!!ids, (q) => q.where('tile_id', 'in', ids!))
      .execute();
    const platforms = await this.deps.db
      .selectFrom('tile_platforms')
      .selectAll()
      .$if(!!ids, (q) => q.where('tile_id', 'in', ids!))
      .execute();
    const liveById = new Map(live.map((t) => [t.id, t]));
    const draftById = new Map(drafts.map((d) => [d.tile_id, d]));
    const platformsById = new Map<string, string[]>();
    for (const p of platforms) platformsById.set(p.tile_id, [...(platformsById.get(p.tile_id) ?? []), p.platform]);
    const tiles: ConsoleTile[] = [];
    for (const id of new Set([...liveById.keys(), ...draftById.keys()])) {
      const row = liveById.get(id);
      const draft = draftById.get(id);
      const data = draft ? (JSON.parse(draft.data) as TileInput) : null;
      const tile: ConsoleTile = {
        id,
        title: data?.title ?? row!.title,
        state: this.stateOf(row, !!draft),
        revision: draft?.revision ?? 0,
        liveVersion: row?.live_version ?? null,
        categoryId: data?.categoryId ?? row!.category_id,
        platforms: data?.platforms ?? platformsById.get(id) ?? [],
      };
      if (filter.state && tile.state !== filter.state) continue;
      if (filter.platform && !tile.platforms.includes(filter.platform)) continue;
      if (filter.categoryId && tile.categoryId !== filter.categoryId) continue;
      tiles.push(tile);
    }
    return tiles.sort((a, b) => a.categoryId.localeCompare(b.categoryId) || a.id.localeCompare(b.id));
  }
}
