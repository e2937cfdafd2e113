import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import type { PersonalDataVault } from '../modules/identity/vault';

/** Delivers one message. Throwing means "not acknowledged": it will be tried again. */
export type OutboxHandler = (payload: any, messageId: string) => Promise<void>;

export interface OutboxOptions {
  pollMs: number;
  /** How long a claimed message is ours before another instance may take it. */
  leaseMs: number;
  maxAttempts: number;
  now?: () => Date;
}

/**
 * The transactional outbox. A feature writes its state change and the message that
 * must follow it in one transaction (`enqueue(trx, …)`); a worker in every BFF
 * instance claims due messages with a lease and hands each to its topic's handler,
 * retrying with backoff until the agency acknowledges. An agency outage delays a
 * message; it never loses one. The message id goes to the agency as an idempotency
 * key, so a retry after a lost acknowledgement is not delivered twice.
 */
export class Outbox {
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly giveUps = new Map<string, (payload: any) => Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly db: Db, private readonly vault: PersonalDataVault, private readonly logger: Logger, private readonly options: OutboxOptions) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** `onGiveUp` runs once when a message of the topic is given up (dead), e.g. to mark it failed for the citizen. */
  on(topic: string, handler: OutboxHandler, onGiveUp?: (payload: any) => Promise<void>): void {
    this.handlers.set(topic, handler);
    if (onGiveUp) this.giveUps.set(topic, onGiveUp);
  }

  /**
   * Adds a message in the caller's transaction; payloads are encrypted (they carry plates
   * and places). `notBefore` holds it back until then (a reminder before an appointment).
   */
  async enqueue(trx: Transaction<Database>, topic: string, payload: unknown, options: { notBefore?: Date } = {}): Promise<string> {
    const id = randomUUID();
    const now = this.now().toISOString();
    const due = options.notBefore && options.notBefore.toISOString() > now ? options.notBefore.toISOString() : now;
    await trx.insertInto('outbox').values({
      id, topic, payload_enc: this.vault.encrypt(JSON.stringify(payload)), status: 'pending', attempts: 0,
      next_attempt_at: due, locked_until: null, last_error: null, created_at: now, sent_at: null,
    }).execute();
    return id;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.drain(), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Delivers every due message once; concurrent calls share one pass. */
  drain(): Promise<void> {
    if (!this.running) this.running = this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    const now = this.now();
    const due = await this.db
      .selectFrom('outbox')
      .select(['id'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now.toISOString())
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
      .orderBy('created_at')
      .limit(50)
      .execute();
    for (const { id } of due) await this.deliver(id);
  }

  private async deliver(id: string): Promise<void> {
    const now = this.now();
    // Claim with a lease: of several instances, exactly one wins this update.
    const claimed = await this.db
      .updateTable('outbox')
      .set({ locked_until: new Date(now.getTime() + this.options.leaseMs).toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    const row = await this.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const handler = this.handlers.get(row.topic);
    try {
      if (!handler) throw new Error(`no handler for topic ${row.topic}`);
      await handler(JSON.parse(this.vault.decrypt(row.payload_enc)), row.id);
      await this.db.updateTable('outbox').set({ status: 'sent', sent_at: this.now().toISOString(), attempts: row.attempts + 1, locked_until: null, last_error: null }).where('id', '=', id).execute();
    } catch (error) {
      const attempts = row.attempts + 1;
      const dead = attempts >= this.options.maxAttempts;
      // 1 s, 2 s, 4 s … capped at 5 minutes.
      const delayMs = Math.min(1000 * 2 ** (attempts - 1), 300_000);
      await this.db.updateTable('outbox').set({
        status: dead ? 'dead' : 'pending', attempts, locked_until: null,
        next_attempt_at: new Date(this.now().getTime() + delayMs).toISOString(),
        last_error: String((error as Error).message ?? error).slice(0, 500),
      }).where('id', '=', id).execute();
      this.logger[dead ? 'error' : 'warn']({ outbox: id, topic: row.topic, attempts, err: error }, dead ? 'outbox message gave up' : 'outbox delivery failed; will retry');
      const giveUp = this.giveUps.get(row.topic);
      if (dead && giveUp) await giveUp(JSON.parse(this.vault.decrypt(row.payload_enc))).catch((err) => this.logger.error({ outbox: id, err }, 'outbox give-up handler failed'));
    }
  }
}
