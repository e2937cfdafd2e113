/**
 * The time budget of one GraphQL request. Every agency call made while resolving it
 * gets what is left, retries and Retry-After waits included, so a slow agency costs a
 * request at most its budget. A read starts with the read budget; once the operation
 * is known to be a mutation it gets the (longer) write budget, so a submission's own
 * agency calls are not cut short and work is not lost.
 *
 * It is handed on explicitly (the context's `deadline`, a service method's `deadline`
 * argument, UpstreamRequest.deadline), not through an AsyncLocalStorage: on Node 20 an
 * AsyncLocalStorage runs promise hooks on every promise in the process, and with the
 * request id's scope it cost about a fifth of the dashboard's CPU (issue 12).
 */
export class Deadline {
  constructor(
    private readonly startedAt: number,
    private budgetMs: number,
    /** The id of the request this budget is for: sent to every agency called within it (X-Request-Id). */
    readonly requestId?: string,
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
