import { randomUUID } from 'node:crypto';

/**
 * How one instance tells the others that something they cache changed (a session ended,
 * a tile published). What the caches need of it is small: a message on a topic reaches
 * every instance, and each instance knows whether it could miss one right now, because a
 * cache that could miss an invalidation must not serve (sessions) or must start again
 * from empty once it can hear again (published things).
 *
 * Three kinds, chosen at start (app.ts, `invalidations`):
 * - Redis pub/sub, when REDIS_URL is set (redis.ts);
 * - PostgreSQL LISTEN/NOTIFY, on PostgreSQL without Redis (postgres.ts), so instances
 *   sharing only their database still hear each other;
 * - this process only, on SQLite: its file belongs to one instance, nobody else to tell.
 */
export interface InvalidationListener {
  /** A message published on the topic, by another instance or this one. */
  message(text: string): void;
  /**
   * Whether a message published from now on is sure to reach this instance. False while
   * the connection is down or not yet listening; true again once listening anew (what
   * was published in between is lost, so a cache starts again from empty).
   */
  hearing(hearing: boolean): void;
}

export interface InvalidationBus {
  /**
   * Listens on `topic`. Resolves once listening, or after a short wait if the connection
   * is not up (start-up is never held up by it; `hearing(true)` comes when it is).
   */
  listen(topic: string, listener: InvalidationListener): Promise<void>;
  /** Sends `message` to every instance listening on `topic`; call it after the change committed. */
  publish(topic: string, message: string): Promise<void>;
  stop(): Promise<void>;
}

/** One instance alone on its own SQLite file: every listener always hears, and there is no one else to tell. */
export class ThisProcessBus implements InvalidationBus {
  private readonly listeners = new Listeners();

  async listen(topic: string, listener: InvalidationListener): Promise<void> {
    this.listeners.add(topic, listener);
    listener.hearing(true);
  }

  async publish(topic: string, message: string): Promise<void> {
    this.listeners.deliver(topic, message);
  }

  async stop(): Promise<void> {
    this.listeners.clear();
  }
}

/** The listeners of each topic, and telling all of them at once whether they can hear. */
export class Listeners {
  private readonly byTopic = new Map<string, Set<InvalidationListener>>();

  add(topic: string, listener: InvalidationListener): void {
    let set = this.byTopic.get(topic);
    if (!set) this.byTopic.set(topic, (set = new Set()));
    set.add(listener);
  }

  topics(): string[] {
    return [...this.byTopic.keys()];
  }

  deliver(topic: string, message: string): void {
    for (const listener of this.byTopic.get(topic) ?? []) listener.message(message);
  }

  hearing(hearing: boolean, topic?: string): void {
    for (const [each, set] of this.byTopic)
      if (topic === undefined || each === topic) for (const listener of set) listener.hearing(hearing);
  }

  clear(): void {
    this.byTopic.clear();
  }
}

/** Longest a publish waits to hear its own message back. */
export const ECHO_WAIT_MS = 200;

/**
 * Neither Redis nor PostgreSQL has handed a message to the other instances when the
 * publish returns: Redis answers the publisher before it writes to the subscribers, and
 * each PostgreSQL connection forwards notifications in its own time. So a publish waits
 * (briefly) until this instance hears its own message: by then the others were sent it
 * too, and the caller's answer, which may be followed at once by a request to another
 * instance, goes out after every cache was told. Each message carries an id for this.
 */
export class Echoes {
  private readonly waiting = new Map<string, (echoed: boolean) => void>();

  /**
   * Sends with a fresh id (`send`) and waits until that id came back, at most `waitMs`;
   * not at all when not `hearing`. @returns whether it came back (false when not waited for).
   */
  async send(hearing: boolean, send: (id: string) => Promise<unknown>, waitMs = ECHO_WAIT_MS): Promise<boolean> {
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    const echoed = hearing
      ? new Promise<boolean>((resolve) => {
          this.waiting.set(id, resolve);
          timer = setTimeout(() => resolve(false), waitMs);
        })
      : Promise.resolve(false);
    try {
      await send(id);
      return await echoed;
    } finally {
      clearTimeout(timer);
      this.waiting.delete(id);
    }
  }

  /** A message came back: its publish, if it was this instance's, may return. */
  heard(id: string): void {
    this.waiting.get(id)?.(true);
  }
}
