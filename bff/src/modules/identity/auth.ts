import type { AccountRow } from './store';
import type { IdentityService } from './service';
import type { AccessClaims } from './tokens';
import { UnauthenticatedError } from './errors';

/**
 * The request's caller, worked out once per request and only when a resolver asks:
 * anonymous queries (the home screen) never pay for it and never fail on an expired
 * token.
 */
export class RequestAuth {
  private resolved?: Promise<{ account: AccountRow; claims: AccessClaims }>;

  constructor(private readonly identity: IdentityService, private readonly token: string | null) {}

  private resolve() {
    if (!this.resolved) {
      this.resolved = this.token ? this.identity.authenticate(this.token) : Promise.reject(new UnauthenticatedError('no token'));
      this.resolved.catch(() => undefined); // rejection is reported to whoever awaits it
    }
    return this.resolved;
  }

  /** @throws UnauthenticatedError or TokenExpiredError. */
  async account(): Promise<AccountRow> {
    return (await this.resolve()).account;
  }

  async claims(): Promise<AccessClaims> {
    return (await this.resolve()).claims;
  }
}
