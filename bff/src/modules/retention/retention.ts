import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { Db } from '../../db';
import type { Database } from '../../db/schema';
import type { Outbox } from '../../outbox/outbox';
import { purgeFinishedOutboxRows } from '../../outbox/retention';
import type { UpstreamClient } from '../../upstream/client';
import { purgeApplicationArchive, purgeOldDrafts, registerWithdrawals } from '../applications/forget';
import { registerRelayRelease } from '../car-move/forget';
import type { PersonToForget } from '../identity/store';
import type { PersonalDataVault } from '../identity/vault';
import { forgetPerson } from './deletion';

const DAY_MS = 86_400_000;

export interface PurgeCounts {
  outbox: number;
  drafts: number;
  archivedApplications: number;
}

/**
 * Deletion and retention (PIPL art. 19: kept no longer than the purpose needs).
 *
 * - `forget` is what deleteMyAccount runs in its transaction (deletion.ts).
 * - `purge` is the scheduled work, on a timer in every instance (running twice at once
 *   deletes nothing twice): delivered and given-up outbox rows older than
 *   OUTBOX_RETENTION_DAYS, drafts untouched for DRAFT_RETENTION_DAYS, and the anonymous
 *   archive of deleted citizens' finished applications older than
 *   APPLICATION_ARCHIVE_YEARS. Unused uploads have their own purge (uploads/purge.ts).
 */
export class Retention {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      vault: PersonalDataVault;
      outbox: Outbox;
      upstream: UpstreamClient;
      logger: Logger;
      config: Pick<
        Config,
        'OUTBOX_RETENTION_DAYS' | 'DRAFT_RETENTION_DAYS' | 'APPLICATION_ARCHIVE_YEARS' | 'RETENTION_PURGE_EVERY_MIN'
      >;
      now: () => Date;
    },
  ) {
    registerWithdrawals(deps.outbox, deps.upstream, deps.logger);
    registerRelayRelease(deps.outbox, deps.upstream, deps.logger);
  }

  /** For IdentityService: the person's rows in every other module, in the deletion's transaction. */
  readonly forget = (trx: Transaction<Database>, person: PersonToForget): Promise<Record<string, number>> =>
    forgetPerson(trx, { outbox: this.deps.outbox, vault: this.deps.vault }, person, this.deps.now());

  /** One pass as of `now` (tests move the clock). */
  async purge(now = this.deps.now()): Promise<PurgeCounts> {
    const { config, db } = this.deps;
    const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
    const counts: PurgeCounts = {
      outbox: await purgeFinishedOutboxRows(db, ago(config.OUTBOX_RETENTION_DAYS * DAY_MS)),
      drafts: await purgeOldDrafts(db, ago(config.DRAFT_RETENTION_DAYS * DAY_MS)),
      archivedApplications: await purgeApplicationArchive(db, ago(config.APPLICATION_ARCHIVE_YEARS * 365 * DAY_MS)),
    };
    if (counts.outbox || counts.drafts || counts.archivedApplications) this.deps.logger.info(counts, 'retention purge');
    return counts;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.deps.config.RETENTION_PURGE_EVERY_MIN * 60_000);
    this.timer.unref();
  }

  private runOnce(): Promise<unknown> {
    this.running ??= this.purge()
      .catch((err) => this.deps.logger.error({ err }, 'retention purge failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
