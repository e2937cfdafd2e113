import type Redis from 'ioredis';
import type { Logger } from 'pino';

/**
 * What operators publish (the live tiles per platform and region, service definitions,
 * home notices; and the seeded categories), cached for a few seconds in each instance. A
 * publish clears every instance's cache at once: locally, and through Redis pub/sub when
 * Redis is configured. The short life bounds how late a change shows where no
 * invalidation can reach (several instances without Redis, a scheduled tile appearing,
 * the seed run beside a live instance). What is cached is shared by every request, so it
 * is frozen as it is loaded: code that changes it throws.
 */
export class PublishedCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expiresAt: number }>();
  private subscriber: Redis | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly redis: Redis | null,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  /** Subscribes to other instances' invalidations. */
  async start(): Promise<void> {
    if (!this.redis) return;
    // The subscriber queues its SUBSCRIBE until connected (the main client fails fast
    // instead) and resubscribes after every reconnect, so Redis down at start or later
    // only delays invalidations from other instances.
    this.subscriber = this.redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    this.subscriber.on('error', () => undefined);
    this.subscriber
      .subscribe(this.channel)
      .catch((error) => this.logger.warn({ err: error }, `${this.channel}: invalidations not subscribed`));
    this.subscriber.on('message', () => this.entries.clear());
  }

  async stop(): Promise<void> {
    if (this.subscriber?.status === 'ready') await this.subscriber.quit().catch(() => this.subscriber?.disconnect());
    else this.subscriber?.disconnect();
  }

  /** The value under `key`, loaded when missing or expired; frozen all the way down, since every request shares it. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = load().then(deepFreeze);
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  /** Clears this instance's cache and tells the others. */
  async invalidate(): Promise<void> {
    this.entries.clear();
    if (this.redis)
      await this.redis
        .publish(this.channel, 'invalidate')
        .catch((error) => this.logger.warn({ err: error }, `${this.channel}: invalidation not published`));
  }
}

/** Freezes a value all the way down, so code changing what many requests share fails loudly. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
