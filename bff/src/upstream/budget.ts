/**
 * A retry budget per agency: over a sliding window, retries may add at most `percent`
 * of the agency's requests, plus a small floor so a quiet agency can still be retried.
 * When an agency fails for everyone, retries then add 10% to its load instead of
 * multiplying it by the retry count (the Finagle/Envoy retry budget).
 */
export class RetryBudget {
  private readonly windows = new Map<string, Array<{ second: number; requests: number; retries: number }>>();

  constructor(
    private readonly percent: number,
    private readonly minPerSecond = 1,
    private readonly windowS = 10,
    private readonly clock: () => number = Date.now,
  ) {}

  /** One request (not attempt) to the agency. */
  request(agency: string): void {
    this.bucket(agency).requests++;
  }

  /** Takes one retry from the budget; false when it is spent. */
  tryRetry(agency: string): boolean {
    const buckets = this.current(agency);
    const requests = buckets.reduce((n, b) => n + b.requests, 0);
    const retries = buckets.reduce((n, b) => n + b.retries, 0);
    if (retries >= this.minPerSecond * this.windowS + (requests * this.percent) / 100) return false;
    this.bucket(agency).retries++;
    return true;
  }

  private current(agency: string) {
    const now = Math.floor(this.clock() / 1000);
    const buckets = (this.windows.get(agency) ?? []).filter((b) => b.second > now - this.windowS);
    this.windows.set(agency, buckets);
    return buckets;
  }

  private bucket(agency: string) {
    const buckets = this.current(agency);
    const now = Math.floor(this.clock() / 1000);
    let last = buckets.at(-1);
    if (!last || last.second !== now) buckets.push((last = { second: now, requests: 0, retries: 0 }));
    return last;
  }
}
