import type { AccountRow } from './store';
import type { IdentityService } from './service';
import type { AccessClaims } from './tokens';
import { UnauthenticatedError } from './errors';
import { checkActing, type Acting } from '../family/guard';

/** Finds whether a session acts for someone, checking the right again (issue 17). @throws ACTING_RIGHT_ENDED */
export interface ActingLookup {
  forSession(actor: AccountRow, sessionId: string): Promise<Acting | null>;
}

/** The account a resolver works on: the principal's citizen while acting (never face-verified: face steps are the person's own). */
export type EffectiveAccount = AccountRow & { acting?: Acting };

interface Resolved {
  caller?: Promise<{ account: AccountRow; claims: AccessClaims }>;
  acting?: Promise<Acting | null>;
}

/**
 * The request's caller, worked out once per request and only when a resolver asks:
 * anonymous queries (the home screen) never pay for it and never fail on an expired
 * token. Each root operation gets its own view (`forOperation`) sharing that work: while
 * the session acts for someone else, the view checks the operation against the acting
 * table (family/scopes.ts) before handing out an account.
 */
export class RequestAuth {
  constructor(
    private readonly identity: IdentityService,
    private readonly token: string | null,
    private readonly lookup: ActingLookup | null = null,
    private readonly state: Resolved = {},
    private readonly operation: { field: string; args: Record<string, unknown> } | null = null,
  ) {}

  private resolve() {
    if (!this.state.caller) {
      this.state.caller = this.token
        ? this.identity.authenticate(this.token)
        : Promise.reject(new UnauthenticatedError('no token'));
      this.state.caller.catch(() => undefined); // rejection is reported to whoever awaits it
    }
    return this.state.caller;
  }

  /** The session's acting, if any, checked for this request. @throws ACTING_RIGHT_ENDED once, when the right ended since the last request. */
  async acting(): Promise<Acting | null> {
    if (!this.lookup) return null;
    const { account, claims } = await this.resolve();
    if (!account.citizen_id) return null;
    const lookup = this.lookup;
    this.state.acting ??= (async () => {
      // Most sessions act for no one: once seen, the cache says so until acting starts.
      const hint = this.identity.actingHint(account.id, claims.sessionId);
      if (hint?.notActing) return null;
      const acting = await lookup.forSession(account, claims.sessionId);
      if (!acting) hint?.markNotActing();
      return acting;
    })();
    return this.state.acting;
  }

  /** The same caller, seen by one root operation. */
  forOperation(field: string, args: Record<string, unknown>): RequestAuth {
    return new RequestAuth(this.identity, this.token, this.lookup, this.state, { field, args });
  }

  /** The person holding the phone, whoever they act for. @throws UnauthenticatedError or TokenExpiredError. */
  async actor(): Promise<AccountRow> {
    return (await this.resolve()).account;
  }

  /**
   * The account to work on: the caller's, or while acting the principal's (after the
   * operation's check). @throws UnauthenticatedError, TokenExpiredError, ACTING_NOT_ALLOWED,
   * ACTING_OUT_OF_SCOPE, ACTING_RIGHT_ENDED.
   */
  async account(): Promise<EffectiveAccount> {
    const account = await this.actor();
    const acting = await this.acting();
    if (!acting) return account;
    if (this.operation && (await checkActing(this.operation.field, this.operation.args, acting)) === 'ACTOR')
      return account;
    return { ...account, citizen_id: acting.principalCitizenId, face_verified_at: null, acting };
  }

  async claims(): Promise<AccessClaims> {
    return (await this.resolve()).claims;
  }
}
