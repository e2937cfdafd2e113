import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { Echoes, Listeners, type InvalidationBus, type InvalidationListener } from './bus';

/**
 * Invalidations through Redis pub/sub, on channels `<REDIS_KEY_PREFIX>:<topic>:invalidate`.
 * One subscriber connection serves every topic. It queues its SUBSCRIBE until connected
 * (the main client fails fast instead) and subscribes anew on every reconnection; the
 * listeners hear only from the confirmation of that SUBSCRIBE until the connection drops.
 */
export class RedisBus implements InvalidationBus {
  private readonly listeners = new Listeners();
  private subscriber: Redis | null;
  private readonly echoes = new Echoes();
  /** The topics whose SUBSCRIBE Redis confirmed on the current connection. */
  private readonly subscribed = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.subscriber = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    const subscriber = this.subscriber;
    subscriber.on('error', () => undefined); // the main client logs Redis outages
    subscriber.on('message', (channel: string, message: string) => {
      const topic = this.topicOf(channel);
      if (!topic) return;
      // "<id> <message>"; a message without an id is from a release before ids (a rolling upgrade), and counts all the same.
      const space = message.indexOf(' ');
      if (space < 0) return this.listeners.deliver(topic, message);
      this.echoes.heard(message.slice(0, space));
      this.listeners.deliver(topic, message.slice(space + 1));
    });
    const down = () => {
      this.subscribed.clear();
      this.listeners.hearing(false);
    };
    subscriber.on('close', down);
    subscriber.on('reconnecting', down);
    subscriber.on('end', down);
    subscriber.on('ready', () => {
      for (const topic of this.listeners.topics()) void this.subscribe(topic);
    });
  }

  private channel(topic: string): string {
    return `${this.prefix}:${topic}:invalidate`;
  }

  private topicOf(channel: string): string | null {
    const head = `${this.prefix}:`;
    const tail = ':invalidate';
    return channel.startsWith(head) && channel.endsWith(tail) ? channel.slice(head.length, -tail.length) : null;
  }

  /** Subscribes on the current connection; its listeners hear once Redis confirmed it. */
  private async subscribe(topic: string): Promise<void> {
    const subscriber = this.subscriber;
    if (!subscriber) return; // stopped
    try {
      await subscriber.subscribe(this.channel(topic));
      if (this.subscriber !== subscriber || subscriber.status !== 'ready') return;
      this.subscribed.add(topic);
      this.listeners.hearing(true, topic);
    } catch (error) {
      this.logger.warn({ err: error, topic }, 'invalidations not subscribed; caches wait until they are');
    }
  }

  async listen(topic: string, listener: InvalidationListener): Promise<void> {
    this.listeners.add(topic, listener);
    listener.hearing(false);
    if (this.subscriber?.status !== 'ready') {
      // Not connected yet: the 'ready' handler subscribes; start-up waits for it only briefly.
      await new Promise<void>((resolve) => {
        this.subscriber?.once('ready', () => resolve());
        setTimeout(resolve, 1000).unref();
      });
      return;
    }
    await this.subscribe(topic);
  }

  async publish(topic: string, message: string): Promise<void> {
    await this.echoes.send(this.subscribed.has(topic), (id) =>
      this.redis.publish(this.channel(topic), `${id} ${message}`),
    );
  }

  async stop(): Promise<void> {
    this.subscribed.clear();
    this.listeners.hearing(false);
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber?.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
    else subscriber?.disconnect();
  }
}
