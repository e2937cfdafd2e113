import { randomBytes } from 'node:crypto';

export type TokenCheck = 'ok' | 'missing' | 'invalid' | 'expired';

/**
 * The server credentials a platform issues to an app (WeChat's stable access_token, Baidu's
 * client-credentials tokens): one token per client while it is valid, as WeChat's
 * normal mode and Baidu's client credentials behave, and a check of the token each server
 * API call brings. `expireAll` (a dev route) ends every token at once, so a caller's
 * refresh-on-refusal path is exercised.
 */
export class IssuedTokens {
  private readonly byToken = new Map<string, { client: string; expiresAt: number }>();
  private readonly current = new Map<string, string>();

  constructor(
    private readonly prefix: string,
    private readonly lifetimeS: number,
  ) {}

  /** The client's token: the one it holds while valid (unless `forceRefresh`), else a new one. */
  issue(client: string, forceRefresh = false): { token: string; expiresInS: number } {
    const held = this.current.get(client);
    const entry = held ? this.byToken.get(held) : undefined;
    if (held && entry && !forceRefresh && entry.expiresAt > Date.now()) {
      return { token: held, expiresInS: Math.ceil((entry.expiresAt - Date.now()) / 1000) };
    }
    // A forced refresh ends the previous token, as WeChat's force_refresh does.
    if (held && forceRefresh) this.byToken.delete(held);
    const token = `${this.prefix}.${randomBytes(24).toString('base64url')}`;
    this.byToken.set(token, { client, expiresAt: Date.now() + this.lifetimeS * 1000 });
    this.current.set(client, token);
    return { token, expiresInS: this.lifetimeS };
  }

  /** Whether `token` was issued to one of `clients` and is still valid. */
  check(token: unknown, clients: readonly string[]): TokenCheck {
    if (typeof token !== 'string' || token === '') return 'missing';
    const entry = this.byToken.get(token);
    if (!entry || !clients.includes(entry.client)) return 'invalid';
    return entry.expiresAt > Date.now() ? 'ok' : 'expired';
  }

  expireAll(): void {
    for (const entry of this.byToken.values()) entry.expiresAt = 0;
  }
}
