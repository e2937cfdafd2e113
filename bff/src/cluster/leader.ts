import { Client } from 'pg';
import type { Logger } from 'pino';

/** Background work that must run on one instance at a time (feed polling, purges). */
export interface LeaderJob {
  start(): void;
  /** Resolves when the work in progress has finished; nothing new starts after. */
  stop(): Promise<void>;
}

export interface LeaderOptions {
  /** PostgreSQL URL, or undefined for SQLite (one machine: this instance always leads). */
  databaseUrl?: string;
  /** Schema whose work this lease guards: instances of another schema have a lease of their own. */
  schema?: string;
  /** How often a follower tries to take the lease, and the leader checks it still holds it. */
  retryMs: number;
  logger: Logger;
  /** Told each time this instance starts or stops leading (a metric). */
  onChange?: (leading: boolean) => void;
}

/**
 * One leader among the instances sharing a database, for work that must not run
 * twice at once: department and hotline feeds, the retention and upload purges.
 * The lease is a PostgreSQL session advisory lock held on a connection of its own:
 * the server drops it the moment that connection ends, so a leader killed with -9
 * (its socket closed by the kernel) or cut off is replaced by the next follower's
 * try, within `retryMs`. A leader that stops cleanly unlocks at once. Work applied
 * by a feed is still recorded with its event id (applied once), so the short overlap
 * a network partition could cause changes nothing twice; the lease is what keeps
 * every instance from polling every department.
 *
 * On SQLite there is one machine and one file: the instance leads from the start.
 */
export class Leadership {
  private client: Client | null = null;
  private leading = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private checking: Promise<void> | null = null;
  private readonly jobs: LeaderJob[] = [];
  /** Ids of this lease's lock: the schema's name hashed by PostgreSQL, so test schemas on one server do not share a leader. */
  private readonly lockName: string;

  constructor(private readonly options: LeaderOptions) {
    this.lockName = `citizen-bff:leader:${options.schema ?? 'public'}`;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Work started while this instance leads and stopped when it no longer does. */
  add(...jobs: LeaderJob[]): void {
    this.jobs.push(...jobs);
    if (this.leading) for (const job of jobs) job.start();
  }

  /** Takes the lease if free (the first try is awaited, so a lone instance starts leading), then keeps trying. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.retryMs);
    this.timer.unref();
  }

  /** Stops the work, then hands the lease back so a follower takes over on its next try. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
    await this.resign('shutting down');
  }

  private check(): Promise<void> {
    this.checking ??= this.tryLead()
      .catch((err) => this.options.logger.warn({ err }, 'leader lease check failed'))
      .finally(() => (this.checking = null));
    return this.checking;
  }

  private async tryLead(): Promise<void> {
    if (this.stopped) return;
    if (!this.options.databaseUrl) {
      if (!this.leading) this.elected();
      return;
    }
    if (this.leading) {
      // Still ours while our connection lives; a failed ping means the server may have given it away.
      try {
        await this.client!.query('select 1');
      } catch (err) {
        this.options.logger.warn({ err }, 'leader connection lost');
        await this.resign('connection lost');
      }
      return;
    }
    if (!this.client) this.client = await this.connect();
    const { rows } = await this.client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock(hashtext($1)) as locked',
      [this.lockName],
    );
    if (rows[0]?.locked && !this.stopped) this.elected();
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      application_name: 'citizen-bff-leader',
    });
    // An 'error' without a listener would end the process; the next check notices and resigns.
    client.on('error', (err) => this.options.logger.warn({ err }, 'leader connection error'));
    client.on('end', () => {
      if (this.client === client) this.client = null;
      if (this.leading) void this.resign('connection ended');
    });
    await client.connect();
    return client;
  }

  private elected(): void {
    this.leading = true;
    this.options.logger.info({ lease: this.lockName }, 'leading the background work');
    this.options.onChange?.(true);
    for (const job of this.jobs) job.start();
  }

  private async resign(reason: string): Promise<void> {
    const wasLeading = this.leading;
    this.leading = false;
    if (wasLeading) {
      await Promise.all(
        this.jobs.map((job) =>
          job.stop().catch((err) => this.options.logger.error({ err }, 'background job did not stop cleanly')),
        ),
      );
      this.options.logger.info({ reason }, 'no longer leading the background work');
      this.options.onChange?.(false);
    }
    const client = this.client;
    this.client = null;
    // Closing the session releases its advisory lock: no separate unlock that could fail halfway.
    if (client) await client.end().catch(() => undefined);
  }
}
