import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db';
import type { Database } from '../db/schema';

/**
 * Delivers one message. Throwing means "not acknowledged": it will be tried again.
 * `Payload` is what the topic's `enqueue` callers put in (stored as JSON, encrypted).
 */
export type OutboxHandler<Payload = unknown> = (payload: Payload, messageId: string) => Promise<void>;

/**
 * How payloads are sealed at rest: they carry plates, places and phone numbers. The
 * outbox needs only these two calls; the app passes identity's PersonalDataVault
 * (whose keys rotate), and nothing here knows about keys.
 */
export interface PayloadCipher {
  encrypt(plaintext: string): string;
  /** Throws when the text was not sealed with a key this cipher holds. */
  decrypt(sealed: string): string;
}

export interface OutboxOptions {
  pollMs: number;
  /** How long a claimed message is ours before another instance may take it. */
  leaseMs: number;
  maxAttempts: number;
  /** Due messages of a topic read at a time (default 500). */
  batchSize?: number;
  /** Deliveries in flight at once per topic (default 16): a topic whose agency hangs cannot hold back the others. */
  concurrency?: number;
  now?: () => Date;
}

/**
 * The transactional outbox. A feature writes its state change and the message that
 * must follow it in one transaction (`enqueue(trx, …)`); a worker in every BFF
 * instance claims due messages with a lease and hands each to its topic's handler,
 * retrying with backoff until the agency acknowledges. An agency outage delays a
 * message; it never loses one. The message id goes to the agency as an idempotency
 * key, so a retry after a lost acknowledgement is not delivered twice.
 *
 * Each topic has a lane of its own: up to `concurrency` deliveries in flight, fed in
 * batches, running until the topic has nothing due. An SMS gateway outage fills the
 * SMS lane, never the department hand-offs'. Each message is still claimed on its own
 * (one conditional update with a lease) just before it is sent, so leases cover only
 * messages actually in flight and of several instances exactly one sends each.
 */
export class Outbox {
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly giveUps = new Map<string, (payload: unknown) => Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  /** Topic → its lane while it is delivering. */
  private readonly lanes = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly db: Db,
    private readonly cipher: PayloadCipher,
    private readonly logger: Logger,
    private readonly options: OutboxOptions,
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** `onGiveUp` runs once when a message of the topic is given up (dead), e.g. to mark it failed for the citizen. */
  on<Payload>(topic: string, handler: OutboxHandler<Payload>, onGiveUp?: (payload: Payload) => Promise<void>): void {
    // One topic, one payload shape: what was enqueued under it comes back to its handler.
    this.handlers.set(topic, handler as OutboxHandler);
    if (onGiveUp) this.giveUps.set(topic, onGiveUp as (payload: unknown) => Promise<void>);
  }

  /**
   * Adds a message in the caller's transaction; payloads are encrypted (they carry plates
   * and places). `notBefore` holds it back until then (a reminder before an appointment).
   */
  async enqueue(
    trx: Transaction<Database>,
    topic: string,
    payload: unknown,
    options: { notBefore?: Date } = {},
  ): Promise<string> {
    const id = randomUUID();
    const now = this.now().toISOString();
    const due = options.notBefore && options.notBefore.toISOString() > now ? options.notBefore.toISOString() : now;
    await trx
      .insertInto('outbox')
      .values({
        id,
        topic,
        payload_enc: this.cipher.encrypt(JSON.stringify(payload)),
        status: 'pending',
        attempts: 0,
        next_attempt_at: due,
        locked_until: null,
        last_error: null,
        created_at: now,
        sent_at: null,
      })
      .execute();
    return id;
  }

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(
      () => void this.drain().catch((err) => this.logger.error({ err }, 'outbox pass failed')),
      this.options.pollMs,
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Lanes finish the deliveries in flight and take no more.
    this.stopping = true;
    await Promise.all(this.lanes.values());
  }

  /**
   * Starts a lane for every topic with due messages (a topic already delivering keeps
   * its lane) and resolves when those lanes have nothing due left. Deliveries are not
   * bound to the request that may have called this (car moving drains at once): their
   * agency calls pass no deadline (null) and keep the per-call timeout.
   */
  drain(): Promise<void> {
    return (async () => {
      const now = this.now().toISOString();
      const topics = await this.db
        .selectFrom('outbox')
        .select('topic')
        .distinct()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
        .execute();
      await Promise.all(
        topics.map(({ topic }) => {
          let lane = this.lanes.get(topic);
          if (!lane) {
            lane = this.lane(topic).finally(() => this.lanes.delete(topic));
            this.lanes.set(topic, lane);
          }
          return lane;
        }),
      );
    })();
  }

  /** Delivers the topic's due messages, `concurrency` at a time, oldest first, until none is due. */
  private async lane(topic: string): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const queue: string[] = [];
    // Queued or being delivered: a refill must not queue them again.
    const taken = new Set<string>();
    let refilling: Promise<void> | null = null;
    const refill = () =>
      (refilling ??= (async () => {
        const now = this.now().toISOString();
        const due = await this.db
          .selectFrom('outbox')
          .select('id')
          .where('topic', '=', topic)
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
          .orderBy('created_at')
          .limit(batchSize)
          .execute();
        for (const { id } of due) {
          if (taken.has(id)) continue;
          taken.add(id);
          queue.push(id);
        }
      })().finally(() => (refilling = null)));
    const worker = async () => {
      while (!this.stopping) {
        if (queue.length === 0) await refill();
        const id = queue.shift();
        if (!id) return;
        try {
          await this.deliver(id);
        } catch (err) {
          // The database failed us mid-delivery: the lease lapses and the message is tried again.
          this.logger.error({ outbox: id, topic, err }, 'outbox delivery could not be recorded');
        } finally {
          taken.delete(id);
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 16 }, worker));
  }

  private async deliver(id: string): Promise<void> {
    const now = this.now();
    // Claim with a lease: of several instances, exactly one wins this update.
    const row = await this.db
      .updateTable('outbox')
      .set({ locked_until: new Date(now.getTime() + this.options.leaseMs).toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
      .returningAll()
      .executeTakeFirst();
    if (!row) return;
    const handler = this.handlers.get(row.topic);
    try {
      if (!handler) throw new Error(`no handler for topic ${row.topic}`);
      await handler(JSON.parse(this.cipher.decrypt(row.payload_enc)), row.id);
      await this.db
        .updateTable('outbox')
        .set({
          status: 'sent',
          sent_at: this.now().toISOString(),
          attempts: row.attempts + 1,
          locked_until: null,
          last_error: null,
        })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      const attempts = row.attempts + 1;
      const dead = attempts >= this.options.maxAttempts;
      // 1 s, 2 s, 4 s … capped at 5 minutes.
      const delayMs = Math.min(1000 * 2 ** (attempts - 1), 300_000);
      await this.db
        .updateTable('outbox')
        .set({
          status: dead ? 'dead' : 'pending',
          attempts,
          locked_until: null,
          next_attempt_at: new Date(this.now().getTime() + delayMs).toISOString(),
          last_error: String((error as Error).message ?? error).slice(0, 500),
        })
        .where('id', '=', id)
        .execute();
      this.logger[dead ? 'error' : 'warn'](
        { outbox: id, topic: row.topic, attempts, err: error },
        dead ? 'outbox message gave up' : 'outbox delivery failed; will retry',
      );
      const giveUp = this.giveUps.get(row.topic);
      if (dead && giveUp)
        await giveUp(JSON.parse(this.cipher.decrypt(row.payload_enc))).catch((err) =>
          this.logger.error({ outbox: id, err }, 'outbox give-up handler failed'),
        );
    }
  }
}
