import type { Logger } from 'pino';
import type { InvalidationBus } from '../../invalidation/bus';
import type { AccountRow } from './store';

/** What ended or changed: one session, every session of an account, or every account of a citizen. */
export type SessionChange = { session: string } | { account: string } | { citizen: string };

interface Entry {
  /** The load itself, so an invalidation that comes while it runs drops it too. */
  value: Promise<AccountRow | undefined>;
  accountId: string;
  /** Known once the load is done; until then a citizen's invalidation drops the entry anyway. */
  citizenId?: string | null;
  expiresAt: number;
  /** Seen acting for no one since the entry was made (starting to act drops the entry). */
  notActing?: true;
}

/** What the cache knows of whom a session acts for: only ever "no one", never whom. */
export interface ActingHint {
  notActing: boolean;
  /** Notes that the session acts for no one, on the entry this hint came from (a dropped one takes it with it). */
  markNotActing(): void;
}

/** The bus topic of session invalidations. */
const TOPIC = 'sessions';

/** Most sessions kept per instance: beyond it the oldest goes first (a Map keeps insertion order). */
const MAX_ENTRIES = 20_000;

/**
 * The account behind a live session, kept for a few seconds in each instance, so an
 * authenticated request does not read the sessions and accounts tables every time.
 * Everything that ends or changes a session or an account (logout, refresh reuse,
 * unlinking, deletion, real-name and face levels, phone) calls `invalidate` after its
 * transaction committed: the entry goes here at once and, through the invalidation bus, on
 * every other instance, the publish returning once this instance heard its own message.
 * Through Redis the others have it by then; through PostgreSQL each listening connection
 * forwards it in its own time, so another instance may hear a few milliseconds later.
 *
 * A revoked session must never be served from a cache, so the cache is only used while
 * invalidations can reach it (invalidation/bus.ts): with Redis or, on PostgreSQL without
 * Redis, LISTEN/NOTIFY, only while this instance is listening (a lost connection clears
 * it and the database is read until it listens again); on SQLite always, its file being
 * this one instance's.
 *
 * Of whom a session acts for, only "no one" is kept (`actingHint`), the common case, so a
 * citizen's own request does not read the acting table; starting to act drops the
 * session's entry (family/service.ts). A session that does act is read, and its right
 * checked again, on every request (family.forSession), so ending a right needs no
 * invalidation here.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Whether an invalidation from anywhere would reach this instance now. */
  private live = false;

  constructor(
    private readonly options: {
      ttlMs: number;
      bus: InvalidationBus;
      logger: Logger;
    },
  ) {}

  /** Listens for other instances' invalidations; the cache stays off until the bus says it hears. */
  async start(): Promise<void> {
    const { bus, ttlMs } = this.options;
    if (ttlMs <= 0) return;
    await bus.listen(TOPIC, {
      message: (text) => this.received(text),
      // Messages missed while deaf cannot be known: start again from empty either way.
      hearing: (hearing) => {
        this.entries.clear();
        this.live = hearing;
      },
    });
  }

  async stop(): Promise<void> {
    this.live = false;
    this.entries.clear();
  }

  /** The account of a live session: from the cache, or `load` (the database) kept for the next requests. */
  account(
    accountId: string,
    sessionId: string,
    load: () => Promise<AccountRow | undefined>,
  ): Promise<AccountRow | undefined> {
    if (!this.live) return load();
    const now = Date.now();
    const key = `${accountId}/${sessionId}`;
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now)
      return this.unlessDroppedMeanwhile(key, hit, () => this.account(accountId, sessionId, load));
    if (hit) this.entries.delete(key);
    // Frozen: one row now serves many requests, and none may change it for the others.
    const entry: Entry = {
      value: load().then((account) => account && Object.freeze(account)),
      accountId,
      expiresAt: now + this.options.ttlMs,
    };
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    // An ended session is not kept (nor a failed read): the next request asks the database again.
    entry.value.then(
      (account) => {
        if (account) entry.citizenId = account.citizen_id;
        else if (this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  /**
   * A hit, once every event already waiting in this turn of the event loop was handled:
   * an invalidation that reached this instance together with the request (a logout on
   * another instance, answered just before this request was sent) is read first. Without
   * it the request, handled first, could still be served the ended session.
   */
  private unlessDroppedMeanwhile(
    key: string,
    hit: Entry,
    again: () => Promise<AccountRow | undefined>,
  ): Promise<AccountRow | undefined> {
    return new Promise((resolve) => setImmediate(() => resolve(this.entries.get(key) === hit ? hit.value : again())));
  }

  /** What is known of the session's acting, from the entry `account` keeps for it; null when nothing is kept. */
  actingHint(accountId: string, sessionId: string): ActingHint | null {
    if (!this.live) return null;
    const entry = this.entries.get(`${accountId}/${sessionId}`);
    if (!entry || entry.expiresAt <= Date.now()) return null;
    return {
      notActing: entry.notActing === true,
      markNotActing: () => {
        entry.notActing = true;
      },
    };
  }

  /**
   * Drops what `change` touches here and tells the other instances; call it after the
   * change committed. A failed publish is logged: the others then keep the entry until it
   * expires (the TTL, a few seconds), which is why the TTL stays short.
   */
  async invalidate(change: SessionChange): Promise<void> {
    this.drop(change);
    const { bus, logger, ttlMs } = this.options;
    if (ttlMs <= 0) return;
    await bus
      .publish(TOPIC, JSON.stringify(change))
      .catch((error) =>
        logger.error(
          { err: error, ttlMs },
          'session invalidation not published; other instances may serve the session until their entry expires',
        ),
      );
  }

  private received(message: string): void {
    const change = parseChange(message);
    // Not one we can read: drop everything rather than guess.
    if (change) this.drop(change);
    else this.entries.clear();
  }

  private drop(change: SessionChange): void {
    for (const [key, entry] of this.entries) {
      const gone =
        'session' in change
          ? key.endsWith(`/${change.session}`)
          : 'account' in change
            ? entry.accountId === change.account
            : entry.citizenId === undefined || entry.citizenId === change.citizen;
      if (gone) this.entries.delete(key);
    }
  }
}

function parseChange(message: string): SessionChange | null {
  try {
    const parsed: unknown = JSON.parse(message);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const [key, ...rest] = Object.keys(parsed);
    const value = (parsed as Record<string, unknown>)[key];
    if (rest.length || typeof value !== 'string' || !['session', 'account', 'citizen'].includes(key)) return null;
    return { [key]: value } as SessionChange;
  } catch {
    return null;
  }
}
