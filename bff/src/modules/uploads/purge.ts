import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../db';
import type { PersonalDataVault } from '../identity/vault';
import { DELIVER_SUPPLEMENT } from '../applications/service';
import { forgetOldQuota } from './quota';

/** An upload nothing uses this long after it came is deleted: the citizen gave up on it. */
export const UNUSED_UPLOAD_MS = 24 * 3600_000;

const PAGE = 500;

/**
 * Deletes uploads older than a day that nothing uses: no car-moving request's photo, no
 * submitted application's attachment, no saved draft's answer, no answer to a
 * department's request for more information. Called on a timer (UploadPurge) and by
 * tests with a moved clock. Answers how many were deleted.
 *
 * Requests and applications are asked in SQL, inside the DELETE itself, so a photo
 * attached at this very moment is not deleted under it. Drafts and supplement hand-offs
 * keep their answers encrypted, so they are read and decrypted here, only for the
 * citizens and the days that have candidates.
 */
export async function purgeUnusedUploads(deps: { db: Db; vault: PersonalDataVault }, now: Date): Promise<number> {
  const { db, vault } = deps;
  const cutoff = new Date(now.getTime() - UNUSED_UPLOAD_MS).toISOString();
  let deleted = 0;
  let after: { created_at: string; id: string } | null = null;
  for (;;) {
    // Step 1: a page of old uploads no request or application names (keyset order, so the
    // ones a draft keeps are passed over, not found again and again).
    const page: Array<{ id: string; citizen_id: string; created_at: string }> = await db
      .selectFrom('uploads')
      .select(['id', 'citizen_id', 'created_at'])
      .where('created_at', '<', cutoff)
      .where(notUsedInSql)
      .$if(after !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb('created_at', '>', after!.created_at),
            eb.and([eb('created_at', '=', after!.created_at), eb('id', '>', after!.id)]),
          ]),
        ),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    after = page[page.length - 1]!;

    // Step 2: what drafts and answers to requests for more information still name.
    const kept = new Set<string>();
    const citizens = [...new Set(page.map((u) => u.citizen_id))];
    const drafts = await db
      .selectFrom('application_drafts')
      .select('answers_enc')
      .where('citizen_id', 'in', citizens)
      .execute();
    for (const draft of drafts) collectStrings(JSON.parse(vault.decrypt(draft.answers_enc)), kept);
    const supplements = await db
      .selectFrom('outbox')
      .select('payload_enc')
      .where('topic', '=', DELIVER_SUPPLEMENT)
      .where('created_at', '>=', page[0]!.created_at)
      .execute();
    for (const supplement of supplements)
      collectStrings((JSON.parse(vault.decrypt(supplement.payload_enc)) as { uploadIds?: unknown }).uploadIds, kept);

    // Step 3: delete the rest, asking requests and applications once more in the same statement.
    const unused = page.map((u) => u.id).filter((id) => !kept.has(id));
    if (unused.length) {
      const result = await db
        .deleteFrom('uploads')
        .where('id', 'in', unused)
        .where('created_at', '<', cutoff)
        .where(notUsedInSql)
        .executeTakeFirst();
      deleted += Number(result.numDeletedRows);
    }
    if (page.length < PAGE) break;
  }
  return deleted;
}

/** No car-moving request (any of its 1-3 photos) or 12345 consultation has it as its photo, and no application of its citizen lists it among its attachments. */
const notUsedInSql = sql<boolean>`not exists (select 1 from car_move_requests r where r.photo_id = uploads.id)
  and not exists (select 1 from car_move_photos p where p.upload_id = uploads.id)
  and not exists (select 1 from consultations c where c.photo_id = uploads.id)
  and not exists (select 1 from applications a where a.citizen_id = uploads.citizen_id and a.attachments like '%"' || uploads.id || '"%')`;

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collectStrings(item, into);
}

/** Runs the purge (and forgets old quota days) every `everyMs` on each instance; running twice at once deletes nothing twice. */
export class UploadPurge {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: { db: Db; vault: PersonalDataVault; logger: Logger; everyMs: number; now: () => Date },
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.deps.everyMs);
    this.timer.unref();
  }

  /** One purge as of `now` (tests move the clock); answers how many uploads were deleted. */
  async purge(now = this.deps.now()): Promise<number> {
    const uploads = await purgeUnusedUploads(this.deps, now);
    const quotaDays = await forgetOldQuota(this.deps.db, now);
    if (uploads || quotaDays) this.deps.logger.info({ uploads, quotaDays }, 'purged unused uploads');
    return uploads;
  }

  private async runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await this.purge();
      } catch (err) {
        this.deps.logger.error({ err }, 'upload purge failed');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
