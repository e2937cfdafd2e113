import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import createSubscriber, { type Subscriber } from 'pg-listen';
import type { Logger } from 'pino';
import type { Db } from '../db';
import { Echoes, Listeners, type InvalidationBus, type InvalidationListener } from './bus';

/** The NOTIFY channel of the instances on one schema and key prefix. */
export function notifyChannel(schema: string, prefix: string): string {
  const digest = createHash('sha256').update(`${schema}\0${prefix}`).digest('hex');
  return `bff_${digest.slice(0, 32)}`;
}

/** How long to wait before starting a listening connection anew after it failed for good. */
const RESTART_MS = 1000;
/** How long a new or restored connection has to hear a message of its own before it counts as listening. */
const CONFIRM_MS = 2000;
/** The topic of those messages: no listener has it. */
const PING = '-';

/**
 * Invalidations through PostgreSQL's LISTEN/NOTIFY, for instances that share a database
 * and no Redis. One connection of its own (pg-listen) listens, and comes back by itself
 * after a drop, listening again before it says so; a NOTIFY goes through the ordinary
 * pool, so publishing does not depend on that connection.
 *
 * Channels are database-wide while tables are per schema (DATABASE_SCHEMA), so the one
 * channel is named from the schema and the key prefix (instances on other schemas of the
 * same server never hear each other) and each message starts with its topic. A hash keeps
 * the name inside PostgreSQL's 63 bytes and in lower case, the same quoted or not.
 *
 * A LISTEN that succeeds does not prove notifications arrive (a transaction-mode pooler
 * accepts it and delivers nothing; a connection can die without a reset), so the bus
 * counts as hearing only once it heard a message of its own, sent through the pool, after
 * each (re)connection; and a publish whose own message does not come back makes it deaf
 * and starts a new connection. The listening connection names itself in
 * `application_name` (`bff-listen <channel>`), for operators and for the tests.
 */
export class PostgresBus implements InvalidationBus {
  private readonly listeners = new Listeners();
  private readonly channel: string;
  private subscriber: Subscriber | null = null;
  /** Whether the current connection is listening (false while reconnecting). */
  private listening = false;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | null = null;
  /** The connection a confirmation runs for, so a burst of slow publishes starts one. */
  private confirming: Subscriber | null = null;
  /** Whether an outage was logged and its end is still to be. */
  private down = false;
  private readonly echoes = new Echoes();

  constructor(
    private readonly options: {
      connectionString: string;
      schema: string;
      prefix: string;
      db: Db;
      logger: Logger;
    },
  ) {
    this.channel = notifyChannel(options.schema, options.prefix);
  }

  /** Connects (again) and listens; on failure, tries again later. */
  private async connect(): Promise<void> {
    if (this.stopped) return;
    const subscriber = createSubscriber(
      {
        connectionString: this.options.connectionString,
        connectionTimeoutMillis: 5_000,
        application_name: `bff-listen ${this.channel}`,
      },
      // Never give up reconnecting (pg-listen's default stops after 3 s); payloads are plain text.
      { retryLimit: Infinity, retryTimeout: 0, retryInterval: 500, parse: (text) => text, serialize: (text) => text },
    );
    this.subscriber = subscriber;
    subscriber.notifications.on(this.channel, (payload: unknown) => {
      // "<topic> <id> <message>"
      const [topic, id, ...message] = (typeof payload === 'string' ? payload : '').split(' ');
      if (!topic || !id) return;
      this.echoes.heard(id);
      this.listeners.deliver(topic, message.join(' '));
    });
    // A reconnection attempt: what is published until it succeeds is lost.
    subscriber.events.on('reconnect', () => {
      if (this.subscriber === subscriber) this.deaf();
    });
    // Emitted once connected, and again once a reconnection listens anew.
    subscriber.events.on('connected', () => {
      // A connection that came back after it was given up (restarted, stopped) is closed, not kept.
      if (this.subscriber !== subscriber) void subscriber.close().catch(() => undefined);
      else if (subscriber.getSubscribedChannels().length) void this.confirm(subscriber);
    });
    // A reconnection that connected but could not listen again: start over with a new connection.
    subscriber.events.on('error', (error) => {
      if (this.subscriber !== subscriber) return;
      this.deaf(error);
      this.restart(subscriber);
    });
    try {
      await subscriber.connect();
      await subscriber.listenTo(this.channel);
      await this.confirm(subscriber);
    } catch (error) {
      if (this.subscriber !== subscriber) return;
      this.deaf(error);
      this.restart(subscriber);
    }
  }

  /** Hears once a message of its own came back on `subscriber`; else deaf, and a new connection. */
  private async confirm(subscriber: Subscriber): Promise<void> {
    if (this.confirming === subscriber) return;
    this.confirming = subscriber;
    try {
      const echoed = await this.echoes.send(true, (id) => this.notify(PING, id, 'ping'), CONFIRM_MS).catch(() => false);
      if (this.subscriber !== subscriber) return;
      if (echoed) {
        if (!this.listening) this.heard();
        return;
      }
      this.deaf(new Error('no notification came back'));
      this.restart(subscriber);
    } finally {
      if (this.confirming === subscriber) this.confirming = null;
    }
  }

  private notify(topic: string, id: string, message: string) {
    return sql`select pg_notify(${this.channel}, ${`${topic} ${id} ${message}`})`.execute(this.options.db);
  }

  private heard(): void {
    if (this.down) this.options.logger.info('invalidations: listening on PostgreSQL again');
    this.down = false;
    this.listening = true;
    this.listeners.hearing(true);
  }

  private deaf(error?: unknown): void {
    // Once per outage; an error's code or message, never the connection string (it may hold a password).
    if (!this.down)
      this.options.logger.warn(
        { reason: (error as { code?: string } | undefined)?.code ?? (error as Error | undefined)?.message },
        'invalidations: not listening on PostgreSQL; caches wait until it is back',
      );
    this.down = true;
    this.listening = false;
    this.listeners.hearing(false);
  }

  private restart(failed: Subscriber): void {
    if (this.stopped || this.restartTimer) return;
    this.subscriber = null;
    void failed.close().catch(() => undefined);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      void this.connect();
    }, RESTART_MS);
    this.restartTimer.unref();
  }

  async listen(topic: string, listener: InvalidationListener): Promise<void> {
    const first = this.listeners.topics().length === 0;
    this.listeners.add(topic, listener);
    listener.hearing(this.listening);
    // The first listener opens the connection; later ones hear on it.
    if (first) await this.connect();
  }

  async publish(topic: string, message: string): Promise<void> {
    const subscriber = this.subscriber;
    const waited = this.listening;
    const echoed = await this.echoes.send(waited, (id) => this.notify(topic, id, message));
    // Listening, yet our own message did not come back in time: slow, or a connection that
    // hears nothing. A ping given longer tells which; if it does not come back either, the
    // bus goes deaf (caches stop serving) and connects anew.
    if (waited && !echoed && subscriber && this.subscriber === subscriber) void this.confirm(subscriber);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.listening = false;
    this.listeners.hearing(false);
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = null;
    await subscriber?.close().catch(() => undefined);
  }
}
