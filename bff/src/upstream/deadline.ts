import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The time budget of one GraphQL request. Every agency call made while resolving it
 * gets what is left, retries and Retry-After waits included, so a slow agency costs a
 * request at most its budget. A read starts with the read budget; once the operation
 * is known to be a mutation it gets the (longer) write budget, so a submission's own
 * agency calls are not cut short and work is not lost.
 */
export class Deadline {
  constructor(
    private readonly startedAt: number,
    private budgetMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Epoch ms after which no agency call is started or awaited for this request. */
  get at(): number {
    return this.startedAt + this.budgetMs;
  }

  remaining(): number {
    return Math.max(0, this.at - this.clock());
  }

  expired(): boolean {
    return this.remaining() <= 0;
  }

  /** Gives the request a different budget, counted from when it started. */
  setBudget(budgetMs: number): void {
    this.budgetMs = budgetMs;
  }
}

// Carries the request's deadline to every agency call made while resolving it, also
// those made by services that take no context (identity, car moving), without
// threading a parameter through every module.
const scope = new AsyncLocalStorage<Deadline>();

export function runWithDeadline<T>(deadline: Deadline, fn: () => T): T {
  return scope.run(deadline, fn);
}

/** Work that is not bound to the request that happened to start it (the outbox, a background refresh). */
export function runUnbound<T>(fn: () => T): T {
  return scope.exit(fn);
}

export function currentDeadline(): Deadline | undefined {
  return scope.getStore();
}
