import type { Logger } from 'pino';
import type { InvalidationBus } from './invalidation/bus';

/**
 * What operators publish (the live tiles per platform and region, service definitions,
 * home notices; and the seeded categories), cached for a few seconds in each instance. A
 * publish clears every instance's cache at once: locally, and through the invalidation
 * bus (Redis, or PostgreSQL's LISTEN/NOTIFY). The short life bounds how late a change
 * shows where no invalidation can reach (a bus connection down, a scheduled tile
 * appearing, the seed run beside a live instance). What is cached is shared by every request, so it
 * is frozen as it is loaded: code that changes it throws.
 */
export class PublishedCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    /** Null: nothing else publishes what this caches (the categories), so only the life bounds it. */
    private readonly bus: InvalidationBus | null,
    private readonly topic: string,
    private readonly logger: Logger,
  ) {}

  /** Listens for other instances' invalidations; a bus that was deaf and hears again clears the cache too. */
  async start(): Promise<void> {
    await this.bus?.listen(this.topic, {
      message: () => this.entries.clear(),
      hearing: () => this.entries.clear(),
    });
  }

  async stop(): Promise<void> {
    this.entries.clear();
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
    await this.bus
      ?.publish(this.topic, 'invalidate')
      .catch((error) => this.logger.warn({ err: error }, `${this.topic}: invalidation not published`));
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
