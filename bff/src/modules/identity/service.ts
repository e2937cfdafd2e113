import { randomInt, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { maskIdNumber, maskName, maskPhone, validateIdNumber, validatePhone, type Platform } from '@citizen/shared';
import type { Config } from '../../config';
import { chinaCalendar } from '../../time/chinaTime';
import { BadUserInputError, AppError } from '../../errors';
import type { UpstreamClient } from '../../upstream/client';
import type { AccountRow, IdentityStore } from './store';
import type { PersonalDataVault } from './vault';
import { TokenIssuer, type AccessClaims } from './tokens';
import type { PlatformAuth } from './platforms';
import {
  AccountAlreadyVerifiedError, AssuranceLevelTooLowError, FaceError, PhoneCodeError, PhoneCodeResendTooSoonError,
  RealNameLockedError, RealNameMismatchError, RefreshTokenReusedError, TokenExpiredError, UnauthenticatedError,
} from './errors';

export type AssuranceLevel = 1 | 2 | 3;

export interface SessionResult {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  account: AccountRow;
}

export interface MeView {
  accountId: string;
  platform: string;
  level: AssuranceLevel;
  realName: { maskedName: string; maskedIdNumber: string; verifiedAt: string } | null;
  maskedPhone: string | null;
  faceVerifiedAt: string | null;
  linkedPlatforms: Array<{ platform: string; linkedAt: string; current: boolean }>;
}

/** Names as on an ID card: Chinese characters (with the middle dot of minority names) or Latin letters. */
const NAME = /^(?:[\u3400-\u9fff·•]{2,30}|[A-Za-z][A-Za-z .'-]{1,29})$/;

/**
 * Who the citizen is and how sure we are: platform login, sessions, real-name
 * verification against the population register, phone binding by SMS code, and face
 * verification whose result only the platform's server can give. Levels: 1 logged
 * in, 2 real name, 3 face verified.
 */
export class IdentityService {
  constructor(
    private readonly deps: {
      store: IdentityStore;
      vault: PersonalDataVault;
      tokens: TokenIssuer;
      platforms: Record<Platform, PlatformAuth>;
      upstream: UpstreamClient;
      config: Config;
      logger: Logger;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  level(account: AccountRow): AssuranceLevel {
    if (!account.citizen_id) return 1;
    return account.face_verified_at ? 3 : 2;
  }

  /** @throws AssuranceLevelTooLowError when the account is below `required`. */
  requireLevel(account: AccountRow, required: AssuranceLevel): void {
    const level = this.level(account);
    if (level < required) throw new AssuranceLevelTooLowError(required, level);
  }

  // --- sessions ---

  /** Exchanges a platform login code for a session. @throws LoginCodeInvalidError, or an upstream error when the platform is down. */
  async login(platform: Platform, code: string): Promise<SessionResult> {
    if (!code || code.length > 512) throw new BadUserInputError('BAD_USER_INPUT', { field: 'code' });
    const { userId } = await this.deps.platforms[platform].exchangeCode(code);
    const account = await this.deps.store.upsertAccount(platform, userId, randomUUID(), this.now().toISOString());
    return this.openSession(account);
  }

  private async openSession(account: AccountRow): Promise<SessionResult> {
    const now = this.now();
    const sessionId = randomUUID();
    const refreshToken = TokenIssuer.newRefreshToken();
    await this.deps.store.createSession(sessionId, account.id, TokenIssuer.hashRefreshToken(refreshToken), this.refreshExpiry(now), now.toISOString());
    const access = await this.deps.tokens.issueAccess({ accountId: account.id, sessionId }, now);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), refreshToken, account };
  }

  private refreshExpiry(now: Date): string {
    return new Date(now.getTime() + this.deps.config.REFRESH_TOKEN_TTL_S * 1000).toISOString();
  }

  /**
   * Rotates a refresh token. A token presented twice means it was copied: the whole
   * session (every token descended from the same login) is revoked.
   * @throws RefreshTokenReusedError on reuse, UnauthenticatedError when unknown, expired or logged out.
   */
  async refresh(refreshToken: string): Promise<SessionResult> {
    const now = this.now();
    const hash = TokenIssuer.hashRefreshToken(refreshToken ?? '');
    const row = await this.deps.store.refreshToken(hash);
    if (!row) throw new UnauthenticatedError('unknown refresh token');
    if (row.revoked_at) throw new UnauthenticatedError('session ended');
    if (row.used_at) {
      await this.deps.store.revokeSession(row.session_id, 'refresh-reuse', now.toISOString());
      this.deps.logger.warn({ session: row.session_id }, 'refresh token reused; session revoked');
      throw new RefreshTokenReusedError();
    }
    if (row.expires_at <= now.toISOString()) throw new UnauthenticatedError('refresh token expired');
    const next = TokenIssuer.newRefreshToken();
    const rotated = await this.deps.store.rotateRefreshToken(hash, row.session_id, TokenIssuer.hashRefreshToken(next), this.refreshExpiry(now), now.toISOString());
    if (!rotated) {
      // Lost a race with another refresh of the same token: that is reuse too.
      await this.deps.store.revokeSession(row.session_id, 'refresh-reuse', now.toISOString());
      throw new RefreshTokenReusedError();
    }
    const account = await this.deps.store.accountForSession(row.account_id, row.session_id);
    if (!account) throw new UnauthenticatedError('session ended');
    const access = await this.deps.tokens.issueAccess({ accountId: account.id, sessionId: row.session_id }, now);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), refreshToken: next, account };
  }

  async logout(claims: AccessClaims): Promise<void> {
    await this.deps.store.revokeSession(claims.sessionId, 'logout', this.now().toISOString());
  }

  /** The account behind an access token. @throws TokenExpiredError or UnauthenticatedError. */
  async authenticate(accessToken: string): Promise<{ account: AccountRow; claims: AccessClaims }> {
    const verified = await this.deps.tokens.verifyAccess(accessToken);
    if (!verified.ok) throw verified.problem === 'EXPIRED' ? new TokenExpiredError() : new UnauthenticatedError('invalid token');
    const account = await this.deps.store.accountForSession(verified.claims.accountId, verified.claims.sessionId);
    if (!account) throw new UnauthenticatedError('session ended');
    return { account, claims: verified.claims };
  }

  // --- real name ---

  /**
   * Checks a name and ID number against the population register and joins the account
   * to that citizen (level 2). The ID number is checked locally first, so a malformed
   * one never reaches the register. Failed matches are counted per account per day.
   * @throws the validator's code, REALNAME_MISMATCH, REALNAME_LOCKED, ACCOUNT_ALREADY_VERIFIED.
   */
  async verifyRealName(account: AccountRow, rawName: string, rawIdNumber: string): Promise<AccountRow> {
    const name = String(rawName ?? '').trim();
    if (!NAME.test(name)) throw new BadUserInputError('NAME_FORMAT', { field: 'name' });
    const checked = validateIdNumber(rawIdNumber, this.now());
    if (!checked.ok) throw new BadUserInputError(checked.problem, { field: 'idNumber' });
    const idNumber = checked.facts.value;
    const idHash = this.deps.vault.hash('id', idNumber);

    if (account.citizen_id) {
      const citizen = await this.deps.store.citizen(account.citizen_id);
      if (citizen?.id_number_hash === idHash) return account; // already verified as this person
      throw new AccountAlreadyVerifiedError();
    }

    const now = this.now();
    const { day, nextDayStart } = chinaCalendar(now);
    const max = this.deps.config.REALNAME_MAX_FAILURES_PER_DAY;
    if ((await this.deps.store.realNameFailures(account.id, day)) >= max) throw new RealNameLockedError(nextDayStart);

    const { status, body } = await this.deps.upstream.request<{ match?: boolean }>('population', {
      method: 'POST', path: '/v1/identity-checks', body: { name, idNumber }, idempotent: true,
    });
    if (status !== 200 || typeof body?.match !== 'boolean') throw new AppError('AGENCY_UNAVAILABLE', 'population register gave no answer', { agency: 'population' });
    if (!body.match) {
      const failures = await this.deps.store.addRealNameFailure(account.id, day);
      if (failures >= max) throw new RealNameLockedError(nextDayStart);
      throw new RealNameMismatchError(max - failures);
    }

    await this.deps.store.linkCitizen(account.id, {
      id: randomUUID(),
      id_number_hash: idHash,
      id_number_enc: this.deps.vault.encrypt(idNumber),
      name_enc: this.deps.vault.encrypt(name),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    }, now.toISOString());
    return (await this.deps.store.accountById(account.id))!;
  }

  // --- phone ---

  /**
   * Sends a 6-digit code to a phone through the SMS gateway. Only a hash of the code
   * is kept. @throws PHONE_FORMAT, PHONE_CODE_RESEND_TOO_SOON, or an upstream error
   * (then no code is kept, so the citizen can ask again at once).
   */
  async sendPhoneCode(account: AccountRow, rawPhone: string): Promise<{ maskedPhone: string; expiresInSeconds: number; resendAfterSeconds: number }> {
    this.requireLevel(account, 2);
    const checked = validatePhone(rawPhone);
    if (!checked.ok) throw new BadUserInputError('PHONE_FORMAT', { field: 'phone' });
    const { config, store, vault } = this.deps;
    const now = this.now();
    const existing = await store.phoneCode(account.id);
    if (existing) {
      const waited = (now.getTime() - Date.parse(existing.sent_at)) / 1000;
      if (waited < config.PHONE_CODE_RESEND_S) throw new PhoneCodeResendTooSoonError(Math.ceil(config.PHONE_CODE_RESEND_S - waited));
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await store.savePhoneCode({
      account_id: account.id,
      phone_hash: vault.hash('phone', checked.value),
      code_hash: vault.hash('phone', `${account.id}:${code}`),
      sent_at: now.toISOString(),
      expires_at: new Date(now.getTime() + config.PHONE_CODE_TTL_S * 1000).toISOString(),
    });
    try {
      // A send is not retried: a retry after a lost answer could text the code twice.
      const { status } = await this.deps.upstream.request('sms', {
        method: 'POST', path: '/v1/messages',
        body: { phone: checked.value, templateId: 'VERIFY_CODE', params: { code, minutes: String(Math.round(config.PHONE_CODE_TTL_S / 60)) } },
      });
      if (status !== 200) throw new AppError('AGENCY_UNAVAILABLE', 'SMS gateway refused the message', { agency: 'sms' });
    } catch (error) {
      await store.deletePhoneCode(account.id);
      throw error;
    }
    return { maskedPhone: maskPhone(checked.value), expiresInSeconds: config.PHONE_CODE_TTL_S, resendAfterSeconds: config.PHONE_CODE_RESEND_S };
  }

  /** Binds the phone to the citizen (every linked platform sees it). @throws PHONE_CODE_WRONG / _EXPIRED / _TOO_MANY_TRIES. */
  async bindPhone(account: AccountRow, rawPhone: string, rawCode: string): Promise<void> {
    this.requireLevel(account, 2);
    const checked = validatePhone(rawPhone);
    if (!checked.ok) throw new BadUserInputError('PHONE_FORMAT', { field: 'phone' });
    if (!/^\d{6}$/.test(String(rawCode ?? '').trim())) throw new PhoneCodeError('PHONE_CODE_WRONG', { field: 'code', triesLeft: null });
    const { config, store, vault } = this.deps;
    const now = this.now();
    const row = await store.phoneCode(account.id);
    if (!row || row.phone_hash !== vault.hash('phone', checked.value)) throw new PhoneCodeError('PHONE_CODE_EXPIRED', { field: 'code' });
    if (row.expires_at <= now.toISOString()) {
      await store.deletePhoneCode(account.id);
      throw new PhoneCodeError('PHONE_CODE_EXPIRED', { field: 'code' });
    }
    if (row.tries >= config.PHONE_CODE_MAX_TRIES) throw new PhoneCodeError('PHONE_CODE_TOO_MANY_TRIES', { field: 'code' });
    if (row.code_hash !== vault.hash('phone', `${account.id}:${String(rawCode).trim()}`)) {
      const tries = await store.addPhoneCodeTry(account.id);
      if (tries >= config.PHONE_CODE_MAX_TRIES) throw new PhoneCodeError('PHONE_CODE_TOO_MANY_TRIES', { field: 'code' });
      throw new PhoneCodeError('PHONE_CODE_WRONG', { field: 'code', triesLeft: config.PHONE_CODE_MAX_TRIES - tries });
    }
    await store.bindPhone(account.id, account.citizen_id!, row.phone_hash, vault.encrypt(checked.value), now.toISOString());
  }

  // --- face ---

  /**
   * Starts face verification with the platform for the verified name and ID number.
   * Face data is sensitive personal information: explicit, separate consent first.
   */
  async startFace(account: AccountRow, consent: boolean): Promise<{ verifyId: string; certifyUrl: string | null }> {
    if (consent !== true) throw new FaceError('FACE_CONSENT_REQUIRED');
    this.requireLevel(account, 2);
    const citizen = (await this.deps.store.citizen(account.citizen_id!))!;
    const started = await this.deps.platforms[account.platform as Platform].startFace(this.deps.vault.decrypt(citizen.name_enc), this.deps.vault.decrypt(citizen.id_number_enc));
    await this.deps.store.saveFaceSession(started.verifyId, account.id, account.platform, this.now().toISOString());
    return started;
  }

  /** Asks the platform's server for the result; a pass raises the account to level 3. */
  async completeFace(account: AccountRow, verifyId: string): Promise<AccountRow> {
    this.requireLevel(account, 2);
    const session = await this.deps.store.faceSession(String(verifyId ?? ''), account.id);
    if (!session) throw new AppError('NOT_FOUND', 'No face verification with that id for this account', { field: 'verifyId' });
    if (session.outcome === 'pass') return account;
    const outcome = await this.deps.platforms[session.platform as Platform].faceResult(session.id);
    if (outcome === 'pending') throw new FaceError('FACE_PENDING');
    await this.deps.store.finishFaceSession(session.id, account.id, outcome, this.now().toISOString());
    if (outcome === 'cancel') throw new FaceError('FACE_CANCELLED');
    if (outcome === 'fail') throw new FaceError('FACE_FAILED');
    return (await this.deps.store.accountById(account.id))!;
  }

  // --- the person's own data ---

  /** The account's own view, masked. Nothing here ever holds another person's data. */
  async me(account: AccountRow): Promise<MeView> {
    const view: MeView = {
      accountId: account.id,
      platform: account.platform,
      level: this.level(account),
      realName: null,
      maskedPhone: null,
      faceVerifiedAt: account.citizen_id ? account.face_verified_at : null,
      linkedPlatforms: [],
    };
    if (!account.citizen_id) return view;
    const citizen = await this.deps.store.citizen(account.citizen_id);
    if (!citizen) return view;
    const { vault } = this.deps;
    view.realName = { maskedName: maskName(vault.decrypt(citizen.name_enc)), maskedIdNumber: maskIdNumber(vault.decrypt(citizen.id_number_enc)), verifiedAt: citizen.created_at };
    view.maskedPhone = citizen.phone_enc ? maskPhone(vault.decrypt(citizen.phone_enc)) : null;
    view.linkedPlatforms = (await this.deps.store.linkedAccounts(citizen.id)).map((a) => ({ platform: a.platform, linkedAt: a.linked_at ?? a.created_at, current: a.id === account.id }));
    return view;
  }

  /** Deletes the person's data on every platform (PIPL's right to deletion), leaving an anonymous audit record. */
  async deleteMyAccount(account: AccountRow, confirm: boolean): Promise<void> {
    if (confirm !== true) throw new BadUserInputError('BAD_USER_INPUT', { field: 'confirm' });
    const linked = account.citizen_id ? (await this.deps.store.linkedAccounts(account.citizen_id)).length : 1;
    await this.deps.store.deletePerson(account, { at: this.now().toISOString(), detail: { accounts: linked, level: this.level(account) } });
  }
}
