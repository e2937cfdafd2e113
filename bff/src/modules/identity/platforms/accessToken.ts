/**
 * A platform's server credential: WeChat's stable access_token (POST /cgi-bin/stable_token,
 * 7,200 s) and Baidu's client-credentials tokens (/oauth/2.0/token, about a month). Every
 * server API of the platform takes it as `access_token` in the query.
 *
 * One token per instance, shared by every call until five minutes before it expires
 * (WeChat's normal mode hands out the next token five minutes early, so instances that
 * fetch at different times agree); callers arriving while it is being fetched share that
 * one fetch. When the platform refuses a token anyway (revoked in its console, refreshed
 * by force elsewhere) the call drops it and is made once more with a fresh one.
 */
export interface IssuedToken {
  token: string;
  expiresInS: number;
}

/** Refetched this long before the platform's stated expiry. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class AccessTokenCache {
  private current: { token: string; refreshAt: number } | null = null;
  private fetching: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return this.current.token;
    this.fetching ??= this.fetchToken()
      .then(({ token, expiresInS }) => {
        this.current = { token, refreshAt: this.now() + Math.max(0, expiresInS * 1000 - REFRESH_MARGIN_MS) };
        return token;
      })
      .finally(() => {
        this.fetching = null;
      });
    return this.fetching;
  }

  /** Forgets `token` if it is still the one held (another caller may have replaced it already). */
  drop(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  /**
   * Makes `call` with the token; when `refused(answer)` says the platform did not accept
   * the token, once more with a fresh one. The second answer is returned whatever it is.
   */
  async use<T>(call: (token: string) => Promise<T>, refused: (answer: T) => boolean): Promise<T> {
    const token = await this.get();
    const answer = await call(token);
    if (!refused(answer)) return answer;
    this.drop(token);
    return call(await this.get());
  }
}
