import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors, type JWTVerifyResult } from 'jose';

export interface AccessClaims {
  /** Platform account id. */
  accountId: string;
  /** Session (refresh-token family) id: revoking it ends every token of the family. */
  sessionId: string;
}

export type AccessTokenProblem = 'EXPIRED' | 'INVALID';

/** Verified access tokens kept per instance; past this the oldest goes first. */
const VERIFIED_KEPT = 20_000;

/**
 * Short-lived access tokens (JWT, HS256) and opaque refresh tokens. Only the hash of
 * a refresh token is stored, so a database leak gives no usable token.
 */
export class TokenIssuer {
  /** `oldSecrets`: previous SESSION_SECRETs, still accepted while the tokens they signed live (key rotation). */
  constructor(
    private readonly secret: Uint8Array,
    private readonly accessTtlS: number,
    private readonly oldSecrets: Uint8Array[] = [],
  ) {}

  /**
   * Tokens already verified, by the exact token string, until they expire: a citizen's
   * requests present one token again and again, and verifying it (jose) was ~3% of a
   * request's CPU (issue 12). Only the signature check is saved: whether the session is
   * still live is asked on every request (identity.authenticate).
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  async issueAccess(claims: AccessClaims, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(now.getTime() + this.accessTtlS * 1000);
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.accountId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .setIssuer('citizen-bff')
      .sign(this.secret);
    return { token, expiresAt };
  }

  async verifyAccess(
    token: string,
  ): Promise<{ ok: true; claims: AccessClaims } | { ok: false; problem: AccessTokenProblem }> {
    const known = this.verified.get(token);
    if (known) {
      // The same instant jose calls expired: at `exp` itself.
      if (Date.now() < known.expiresAtMs) return { ok: true, claims: known.claims };
      this.verified.delete(token);
    }
    try {
      const { payload } = await verifyWithAny(token, [this.secret, ...this.oldSecrets]);
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return { ok: false, problem: 'INVALID' };
      const claims = Object.freeze({ accountId: payload.sub, sessionId: payload.sid });
      if (typeof payload.exp === 'number') {
        this.verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
        if (this.verified.size > VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value!);
      }
      return { ok: true, claims };
    } catch (error) {
      return { ok: false, problem: error instanceof joseErrors.JWTExpired ? 'EXPIRED' : 'INVALID' };
    }
  }

  static newRefreshToken(): string {
    return randomBytes(32).toString('base64url');
  }

  static hashRefreshToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}

/** Verifies with the current secret, then each previous one: only a bad signature moves on to the next. */
export async function verifyWithAny(token: string, secrets: Uint8Array[]): Promise<JWTVerifyResult> {
  for (let i = 0; ; i++) {
    try {
      return await jwtVerify(token, secrets[i], { issuer: 'citizen-bff', algorithms: ['HS256'] });
    } catch (error) {
      if (!(error instanceof joseErrors.JWSSignatureVerificationFailed) || i >= secrets.length - 1) throw error;
    }
  }
}
