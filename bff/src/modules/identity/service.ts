import { randomInt, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { maskIdNumber, maskName, maskPhone, validateIdNumber, validatePhone, type Platform } from '@citizen/shared';
import type { Config } from '../../config';
import { chinaCalendar } from '../../time/chinaTime';
import { BadUserInputError, AppError } from '../../errors';
import type { UpstreamClient } from '../../upstream/client';
import type { Deadline } from '../../upstream/deadline';
import type { AccountRow, CitizenRow, IdentityStore, PersonForgetter } from './store';
import type { AttemptLimiter } from '../../limits/attempts';
import type { Messages } from '../messages/service';
import type { PersonalDataVault } from './vault';
import type { ActingHint, SessionCache, SessionChange } from './session-cache';
import { TokenIssuer, type AccessClaims } from './tokens';
import type { FaceEvidence, PlatformAuth } from './platforms';
import { PhoneFromPlatformError } from './platforms/types';
import { auditActor } from '../audit/writer';
import {
  AccountAlreadyVerifiedError,
  AssuranceLevelTooLowError,
  FaceError,
  FaceLockedError,
  FaceStaleError,
  LinkProofRequiredError,
  PhoneCodeError,
  PhoneCodeResendTooSoonError,
  RealNameLockedError,
  RealNameMismatchError,
  RefreshTokenReusedError,
  TokenExpiredError,
  UnauthenticatedError,
} from './errors';

/** How a new platform account may prove it is the person who already holds an identity. */
export type LinkProof = 'FACE' | 'PHONE_CODE';

const PLATFORM_NAMES: Record<string, { zh: string; en: string }> = {
  WECHAT: { zh: '微信', en: 'WeChat' },
  ALIPAY: { zh: '支付宝', en: 'Alipay' },
  BAIDU: { zh: '百度', en: 'Baidu' },
  H5: { zh: '网页版', en: 'the web app' },
};

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
  linkedPlatforms: Array<{ accountId: string; platform: string; linkedAt: string; current: boolean }>;
  /** Set while the account proved a name and ID number held by a citizen with other accounts, and must prove possession. */
  pendingLink: { ways: LinkProof[]; maskedPhone: string | null } | null;
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
      attempts: AttemptLimiter;
      /** For the notice every existing account gets when a new platform joins the citizen. */
      messages: Messages;
      vault: PersonalDataVault;
      tokens: TokenIssuer;
      platforms: Record<Platform, PlatformAuth>;
      upstream: UpstreamClient;
      config: Config;
      logger: Logger;
      now?: () => Date;
      /** Everything else of the person that deleteMyAccount removes (modules/retention). */
      forget?: PersonForgetter;
      /** The account of each live session, kept briefly; every change below that touches a session or an account clears it. */
      sessions?: SessionCache;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** After a change committed: no instance may serve the old session or account from its cache. */
  private async changed(change: SessionChange): Promise<void> {
    await this.deps.sessions?.invalidate(change);
  }

  /** After a session started acting for someone (family): no instance may keep it as acting for no one. */
  async sessionChanged(sessionId: string): Promise<void> {
    await this.changed({ session: sessionId });
  }

  /** What this instance's session cache knows of the session's acting (only ever "for no one"). */
  actingHint(accountId: string, sessionId: string): ActingHint | null {
    return this.deps.sessions?.actingHint(accountId, sessionId) ?? null;
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

  /**
   * Sensitive acts (full licences, level-3 services, rebinding the phone, unlinking a
   * platform, deletion) need a face pass of at most FACE_FRESH_MIN minutes: a stolen
   * session alone is not enough. @throws ASSURANCE_LEVEL_TOO_LOW below level 3, FACE_STALE when older.
   */
  requireFreshFace(account: AccountRow): void {
    this.requireLevel(account, 3);
    const freshSince = this.now().getTime() - this.deps.config.FACE_FRESH_MIN * 60_000;
    if (Date.parse(account.face_verified_at!) < freshSince) throw new FaceStaleError(this.deps.config.FACE_FRESH_MIN);
  }

  /** A day's window for attempt limits, and seconds until it is over (plus an hour of slack). */
  private dayWindow(now: Date): { day: string; nextDayStart: string; ttl: number } {
    const { day, nextDayStart } = chinaCalendar(now);
    return { day, nextDayStart, ttl: Math.ceil((Date.parse(nextDayStart) - now.getTime()) / 1000) + 3600 };
  }

  // --- sessions ---

  /** Exchanges a platform login code for a session. @throws LoginCodeInvalidError, or an upstream error when the platform is down. */
  async login(platform: Platform, code: string, deadline: Deadline): Promise<SessionResult> {
    if (!code || code.length > 512) throw new BadUserInputError('BAD_USER_INPUT', { field: 'code' });
    const { userId } = await this.deps.platforms[platform].exchangeCode(code, deadline);
    const account = await this.deps.store.upsertAccount(platform, userId, randomUUID(), this.now().toISOString());
    return this.openSession(account);
  }

  private async openSession(account: AccountRow): Promise<SessionResult> {
    const now = this.now();
    const sessionId = randomUUID();
    const refreshToken = TokenIssuer.newRefreshToken();
    await this.deps.store.createSession(
      sessionId,
      account.id,
      TokenIssuer.hashRefreshToken(refreshToken),
      this.refreshExpiry(now),
      now.toISOString(),
    );
    const access = await this.deps.tokens.issueAccess({ accountId: account.id, sessionId }, now);
    return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt.toISOString(), refreshToken, account };
  }

  private refreshExpiry(now: Date): string {
    return new Date(now.getTime() + this.deps.config.REFRESH_TOKEN_TTL_S * 1000).toISOString();
  }

  /**
   * Rotates a refresh token. A token presented twice means it was copied: the whole
   * session (every token descended from the same login) is revoked.
   * @param requestId the request's id, on the warning a reuse writes (the one line an incident starts from).
   * @throws RefreshTokenReusedError on reuse, UnauthenticatedError when unknown, expired or logged out.
   */
  async refresh(refreshToken: string, requestId?: string): Promise<SessionResult> {
    const now = this.now();
    const hash = TokenIssuer.hashRefreshToken(refreshToken ?? '');
    const row = await this.deps.store.refreshToken(hash);
    if (!row) throw new UnauthenticatedError('unknown refresh token');
    if (row.revoked_at) throw new UnauthenticatedError('session ended');
    if (row.used_at) {
      await this.deps.store.revokeSession(row.session_id, 'refresh-reuse', now.toISOString());
      await this.changed({ session: row.session_id });
      this.deps.logger.warn({ session: row.session_id, requestId }, 'refresh token reused; session revoked');
      throw new RefreshTokenReusedError();
    }
    if (row.expires_at <= now.toISOString()) throw new UnauthenticatedError('refresh token expired');
    const next = TokenIssuer.newRefreshToken();
    const rotated = await this.deps.store.rotateRefreshToken(
      hash,
      row.session_id,
      TokenIssuer.hashRefreshToken(next),
      this.refreshExpiry(now),
      now.toISOString(),
    );
    if (!rotated) {
      // Lost a race with another refresh of the same token: that is reuse too.
      await this.deps.store.revokeSession(row.session_id, 'refresh-reuse', now.toISOString());
      await this.changed({ session: row.session_id });
      this.deps.logger.warn(
        { session: row.session_id, requestId },
        'refresh token used twice at once; session revoked',
      );
      throw new RefreshTokenReusedError();
    }
    const account = await this.deps.store.accountForSession(row.account_id, row.session_id);
    if (!account) throw new UnauthenticatedError('session ended');
    const access = await this.deps.tokens.issueAccess({ accountId: account.id, sessionId: row.session_id }, now);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken: next,
      account,
    };
  }

  async logout(claims: AccessClaims): Promise<void> {
    await this.deps.store.revokeSession(claims.sessionId, 'logout', this.now().toISOString());
    await this.changed({ session: claims.sessionId });
  }

  /** The account behind an access token. @throws TokenExpiredError or UnauthenticatedError. */
  async authenticate(accessToken: string): Promise<{ account: AccountRow; claims: AccessClaims }> {
    const verified = await this.deps.tokens.verifyAccess(accessToken);
    if (!verified.ok)
      throw verified.problem === 'EXPIRED' ? new TokenExpiredError() : new UnauthenticatedError('invalid token');
    const { accountId, sessionId } = verified.claims;
    const read = () => this.deps.store.accountForSession(accountId, sessionId);
    const account = await (this.deps.sessions ? this.deps.sessions.account(accountId, sessionId, read) : read());
    if (!account) throw new UnauthenticatedError('session ended');
    return { account, claims: verified.claims };
  }

  /**
   * The citizen an ID number belongs to, made from the register's name if they never
   * signed in (a child a parent acts for, issue 17). Their own first sign-in later joins
   * it, as any citizen without accounts. Safe under a concurrent creation (unique hash).
   */
  async citizenOfPerson(idNumber: string, name: string): Promise<string> {
    const hash = this.deps.vault.hash('id', idNumber);
    const existing = await this.deps.store.citizenByIdHash(hash);
    if (existing) return existing.id;
    const now = this.now().toISOString();
    await this.deps.store.db
      .insertInto('citizens')
      .values({
        id: randomUUID(),
        id_number_hash: hash,
        id_number_enc: this.deps.vault.encrypt(idNumber),
        name_enc: this.deps.vault.encrypt(name),
        phone_hash: null,
        phone_enc: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id_number_hash').doNothing())
      .execute();
    return (await this.deps.store.citizenByIdHash(hash))!.id;
  }

  // --- real name ---

  /**
   * Checks a name and ID number against the population register. A new identity joins
   * the account to a new citizen (level 2). An identity that a citizen with accounts
   * already holds is NOT joined: knowing a name and ID number proves nothing, so the
   * account must prove possession first (`proveLinkWithCode`, or a face pass) and
   * meanwhile sees none of the citizen's data.
   *
   * Failures are limited per account and per ID number (hashed, across every account)
   * per day; each attempt is taken atomically before the register is asked and given
   * back when it matched or the register did not answer.
   * @throws the validator's code, REALNAME_MISMATCH, REALNAME_LOCKED, ACCOUNT_ALREADY_VERIFIED,
   * REALNAME_LINK_PROOF_REQUIRED (with the ways and the masked bound phone).
   */
  async verifyRealName(
    account: AccountRow,
    rawName: string,
    rawIdNumber: string,
    deadline: Deadline,
  ): Promise<AccountRow> {
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

    // Step 1: take an attempt on both counters before anything is evaluated.
    const now = this.now();
    const { day, nextDayStart, ttl } = this.dayWindow(now);
    const { attempts, config } = this.deps;
    const byAccount = `realname:account:${account.id}`;
    const byId = `realname:id:${idHash}`;
    const accountCount = await attempts.take(byAccount, day, config.REALNAME_MAX_FAILURES_PER_DAY, ttl);
    if (accountCount === null) throw new RealNameLockedError(nextDayStart);
    const idCount = await attempts.take(byId, day, config.REALNAME_MAX_FAILURES_PER_ID_PER_DAY, ttl);
    if (idCount === null) {
      await attempts.giveBack(byAccount, day);
      throw new RealNameLockedError(nextDayStart);
    }
    const giveBack = () => Promise.all([attempts.giveBack(byAccount, day), attempts.giveBack(byId, day)]);

    // Step 2: the register's word.
    let match: boolean;
    try {
      const { status, body } = await this.deps.upstream.request<{ match?: boolean }>('population', {
        method: 'POST',
        path: '/v1/identity-checks',
        body: { name, idNumber },
        idempotent: true,
        deadline,
      });
      if (status !== 200 || typeof body?.match !== 'boolean')
        throw new AppError('AGENCY_UNAVAILABLE', 'population register gave no answer', { agency: 'population' });
      match = body.match;
    } catch (error) {
      await giveBack(); // not the citizen's failure
      throw error;
    }
    if (!match) {
      const left = Math.min(
        config.REALNAME_MAX_FAILURES_PER_DAY - accountCount,
        config.REALNAME_MAX_FAILURES_PER_ID_PER_DAY - idCount,
      );
      if (left <= 0) throw new RealNameLockedError(nextDayStart);
      throw new RealNameMismatchError(left);
    }
    await giveBack(); // only failures count

    // Step 3: a new identity is linked; a held one waits for proof of possession.
    const linked = await this.deps.store.linkOrRequireProof(
      account.id,
      {
        id: randomUUID(),
        id_number_hash: idHash,
        id_number_enc: this.deps.vault.encrypt(idNumber),
        name_enc: this.deps.vault.encrypt(name),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      },
      now.toISOString(),
    );
    if ('pending' in linked)
      throw new LinkProofRequiredError(this.linkWays(linked.pending), this.maskedPhoneOf(linked.pending));
    await this.changed({ account: account.id });
    return (await this.deps.store.accountById(account.id))!;
  }

  private linkWays(citizen: CitizenRow): LinkProof[] {
    return citizen.phone_enc ? ['FACE', 'PHONE_CODE'] : ['FACE'];
  }

  private maskedPhoneOf(citizen: CitizenRow): string | null {
    return citizen.phone_enc ? maskPhone(this.deps.vault.decrypt(citizen.phone_enc)) : null;
  }

  /** The citizen a pending account asks to join. @throws NO_PENDING_LINK. */
  private async pendingCitizen(account: AccountRow): Promise<CitizenRow> {
    const request = account.citizen_id ? undefined : await this.deps.store.linkRequest(account.id);
    const citizen = request ? await this.deps.store.citizen(request.citizen_id) : undefined;
    if (!citizen) throw new AppError('NO_PENDING_LINK');
    return citizen;
  }

  /**
   * Sends a 6-digit code to the phone the citizen bound, for an account waiting to join
   * them. @throws NO_PENDING_LINK, LINK_CODE_UNAVAILABLE (no bound phone: use face), PHONE_CODE_RESEND_TOO_SOON.
   */
  async sendLinkCode(
    account: AccountRow,
    deadline: Deadline,
  ): Promise<{ maskedPhone: string; expiresInSeconds: number; resendAfterSeconds: number }> {
    const citizen = await this.pendingCitizen(account);
    if (!citizen.phone_enc) throw new AppError('LINK_CODE_UNAVAILABLE');
    const { config, store, vault } = this.deps;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const saved = await store.saveLinkCode(
      account.id,
      vault.hash('phone', `link:${account.id}:${code}`),
      this.now(),
      config.PHONE_CODE_TTL_S,
      config.PHONE_CODE_RESEND_S,
    );
    if (!saved) throw new PhoneCodeResendTooSoonError(config.PHONE_CODE_RESEND_S);
    const phone = vault.decrypt(citizen.phone_enc);
    try {
      const { status } = await this.deps.upstream.request('sms', {
        method: 'POST',
        path: '/v1/messages',
        body: {
          phone,
          templateId: 'LINK_CODE',
          params: {
            code,
            platform: PLATFORM_NAMES[account.platform]?.zh ?? account.platform,
            minutes: String(Math.round(config.PHONE_CODE_TTL_S / 60)),
          },
        },
        deadline,
      });
      if (status !== 200)
        throw new AppError('AGENCY_UNAVAILABLE', 'SMS gateway refused the message', { agency: 'sms' });
    } catch (error) {
      await store.clearLinkCode(account.id);
      throw error;
    }
    return {
      maskedPhone: maskPhone(phone),
      expiresInSeconds: config.PHONE_CODE_TTL_S,
      resendAfterSeconds: config.PHONE_CODE_RESEND_S,
    };
  }

  /**
   * Joins the account to the citizen with the code sent to their bound phone. Each try
   * is taken atomically before the code is compared.
   * @throws NO_PENDING_LINK, PHONE_CODE_WRONG / _EXPIRED / _TOO_MANY_TRIES.
   */
  async proveLinkWithCode(account: AccountRow, rawCode: string): Promise<AccountRow> {
    const code = String(rawCode ?? '').trim();
    if (!/^\d{6}$/.test(code)) throw new PhoneCodeError('PHONE_CODE_WRONG', { field: 'code', triesLeft: null });
    const request = account.citizen_id ? undefined : await this.deps.store.linkRequest(account.id);
    if (!request) throw new AppError('NO_PENDING_LINK');
    if (!request.code_hash) throw new PhoneCodeError('PHONE_CODE_EXPIRED', { field: 'code' });
    const max = this.deps.config.PHONE_CODE_MAX_TRIES;
    const tried = await this.deps.store.takeLinkCodeTry(account.id, max);
    if (!tried) throw new PhoneCodeError('PHONE_CODE_TOO_MANY_TRIES', { field: 'code' });
    const now = this.now();
    if (!tried.code_expires_at || tried.code_expires_at <= now.toISOString())
      throw new PhoneCodeError('PHONE_CODE_EXPIRED', { field: 'code' });
    if (tried.code_hash !== this.deps.vault.hash('phone', `link:${account.id}:${code}`)) {
      if (tried.code_tries >= max) throw new PhoneCodeError('PHONE_CODE_TOO_MANY_TRIES', { field: 'code' });
      throw new PhoneCodeError('PHONE_CODE_WRONG', { field: 'code', triesLeft: max - tried.code_tries });
    }
    await this.deps.store.db.transaction().execute(async (trx) => {
      if (!(await this.deps.store.completeLink(trx, account.id, tried.citizen_id, now.toISOString(), null)))
        throw new AppError('NO_PENDING_LINK');
      await this.noticeNewLink(trx, account, tried.citizen_id);
    });
    await this.changed({ account: account.id });
    return (await this.deps.store.accountById(account.id))!;
  }

  /** Tells the citizen, in Messages and by text, that a new platform account joined them, and how to undo it. */
  private async noticeNewLink(
    trx: Parameters<Messages['post']>[0],
    account: AccountRow,
    citizenId: string,
  ): Promise<void> {
    const where = PLATFORM_NAMES[account.platform] ?? { zh: account.platform, en: account.platform };
    await this.deps.messages.post(trx, {
      citizenId,
      kind: 'SECURITY',
      eventKey: `account-linked:${account.id}:${this.now().toISOString()}`,
      topic: 'ACCOUNT_SECURITY',
      title: `你的账户已在${where.zh}登录`,
      titleEn: `Your account was signed in on ${where.en}`,
      body: `你的身份已关联到${where.zh}上的新账户。如非本人操作，请在“我的-已关联平台”中解除关联，并重新进行人脸识别。`,
      bodyEn: `Your identity was joined to a new account on ${where.en}. If this was not you, unlink it in Me › Linked platforms.`,
      link: '/pages/me/index',
      params: { platform: where.zh },
    });
  }

  /**
   * Separates another platform account from the citizen (after the notice of a link the
   * citizen did not make). A sensitive act: fresh face. @throws FACE_STALE, NOT_FOUND, BAD_USER_INPUT for the current account.
   */
  async unlinkPlatform(account: AccountRow, accountId: string): Promise<void> {
    this.requireFreshFace(account);
    if (accountId === account.id) throw new BadUserInputError('BAD_USER_INPUT', { field: 'accountId' });
    const done = await this.deps.store.unlinkAccount(
      account.citizen_id!,
      String(accountId ?? ''),
      this.now().toISOString(),
      { actor: auditActor.citizen(account.citizen_id!) },
    );
    if (!done) throw new AppError('NOT_FOUND', 'No linked account with that id', { field: 'accountId' });
    await this.changed({ account: String(accountId) });
  }

  // --- phone ---

  /**
   * Sends a 6-digit code to a phone through the SMS gateway. Only a hash of the code
   * is kept. @throws PHONE_FORMAT, PHONE_CODE_RESEND_TOO_SOON, or an upstream error
   * (then no code is kept, so the citizen can ask again at once).
   */
  async sendPhoneCode(
    account: AccountRow,
    rawPhone: string,
    deadline: Deadline,
  ): Promise<{ maskedPhone: string; expiresInSeconds: number; resendAfterSeconds: number }> {
    this.requireLevel(account, 2);
    const checked = validatePhone(rawPhone);
    if (!checked.ok) throw new BadUserInputError('PHONE_FORMAT', { field: 'phone' });
    const { config, store, vault } = this.deps;
    const now = this.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const saved = await store.savePhoneCode(
      {
        account_id: account.id,
        phone_hash: vault.hash('phone', checked.value),
        code_hash: vault.hash('phone', `${account.id}:${code}`),
        sent_at: now.toISOString(),
        expires_at: new Date(now.getTime() + config.PHONE_CODE_TTL_S * 1000).toISOString(),
      },
      config.PHONE_CODE_RESEND_S,
    );
    if (!saved) {
      const existing = await store.phoneCode(account.id);
      const waited = existing ? (now.getTime() - Date.parse(existing.sent_at)) / 1000 : 0;
      throw new PhoneCodeResendTooSoonError(Math.max(1, Math.ceil(config.PHONE_CODE_RESEND_S - waited)));
    }
    try {
      // A send is not retried: a retry after a lost answer could text the code twice.
      const { status } = await this.deps.upstream.request('sms', {
        method: 'POST',
        path: '/v1/messages',
        body: {
          phone: checked.value,
          templateId: 'VERIFY_CODE',
          params: { code, minutes: String(Math.round(config.PHONE_CODE_TTL_S / 60)) },
        },
        deadline,
      });
      if (status !== 200)
        throw new AppError('AGENCY_UNAVAILABLE', 'SMS gateway refused the message', { agency: 'sms' });
    } catch (error) {
      await store.deletePhoneCode(account.id);
      throw error;
    }
    return {
      maskedPhone: maskPhone(checked.value),
      expiresInSeconds: config.PHONE_CODE_TTL_S,
      resendAfterSeconds: config.PHONE_CODE_RESEND_S,
    };
  }

  /** Binds the phone to the citizen (every linked platform sees it). @throws PHONE_CODE_WRONG / _EXPIRED / _TOO_MANY_TRIES. */
  async bindPhone(account: AccountRow, rawPhone: string, rawCode: string): Promise<void> {
    this.requireLevel(account, 2);
    const checked = validatePhone(rawPhone);
    if (!checked.ok) throw new BadUserInputError('PHONE_FORMAT', { field: 'phone' });
    if (!/^\d{6}$/.test(String(rawCode ?? '').trim()))
      throw new PhoneCodeError('PHONE_CODE_WRONG', { field: 'code', triesLeft: null });
    const { config, store, vault } = this.deps;
    const now = this.now();
    if (!(await store.phoneCode(account.id))) throw new PhoneCodeError('PHONE_CODE_EXPIRED', { field: 'code' });
    // Replacing a bound phone moves where codes and notices go: a sensitive act.
    const citizen = (await store.citizen(account.citizen_id!))!;
    if (citizen.phone_enc) this.requireFreshFace(account);
    // Take a try before comparing, atomically: parallel guesses get exactly PHONE_CODE_MAX_TRIES comparisons.
    const row = await store.takePhoneCodeTry(account.id, config.PHONE_CODE_MAX_TRIES);
    if (!row) {
      if (await store.phoneCode(account.id)) throw new PhoneCodeError('PHONE_CODE_TOO_MANY_TRIES', { field: 'code' });
      throw new PhoneCodeError('PHONE_CODE_EXPIRED', { field: 'code' });
    }
    if (row.phone_hash !== vault.hash('phone', checked.value))
      throw new PhoneCodeError('PHONE_CODE_EXPIRED', { field: 'code' });
    if (row.expires_at <= now.toISOString()) {
      await store.deletePhoneCode(account.id);
      throw new PhoneCodeError('PHONE_CODE_EXPIRED', { field: 'code' });
    }
    if (row.code_hash !== vault.hash('phone', `${account.id}:${String(rawCode).trim()}`)) {
      if (row.tries >= config.PHONE_CODE_MAX_TRIES)
        throw new PhoneCodeError('PHONE_CODE_TOO_MANY_TRIES', { field: 'code' });
      throw new PhoneCodeError('PHONE_CODE_WRONG', {
        field: 'code',
        triesLeft: config.PHONE_CODE_MAX_TRIES - row.tries,
      });
    }
    await store.bindPhone(
      account.id,
      account.citizen_id!,
      row.phone_hash,
      vault.encrypt(checked.value),
      now.toISOString(),
    );
    // The cached row holds no phone; cleared anyway, so no cached view of the citizen outlives a rebinding.
    await this.changed({ citizen: account.citizen_id! });
  }

  /**
   * Binds the phone number the platform holds for this account (WeChat's getPhoneNumber
   * code, Alipay's encrypted my.getPhoneNumber answer), the fast path before an SMS code.
   * @throws PHONE_FROM_PLATFORM_FAILED where the platform has none or the proof is not good
   * (the citizen binds by SMS instead); FACE_STALE when replacing a bound phone.
   */
  async bindPhoneFromPlatform(account: AccountRow, proof: string, deadline: Deadline): Promise<void> {
    this.requireLevel(account, 2);
    const platform = this.deps.platforms[account.platform as Platform];
    if (!platform.phoneNumber || typeof proof !== 'string' || !proof)
      throw new PhoneFromPlatformError('this platform gives no phone number');
    const citizen = (await this.deps.store.citizen(account.citizen_id!))!;
    // Replacing a bound phone moves where codes and notices go: a sensitive act.
    if (citizen.phone_enc) this.requireFreshFace(account);
    const checked = validatePhone(await platform.phoneNumber(proof, deadline));
    if (!checked.ok) throw new PhoneFromPlatformError('not a mainland mobile number');
    const { store, vault } = this.deps;
    await store.bindPhone(
      account.id,
      account.citizen_id!,
      vault.hash('phone', checked.value),
      vault.encrypt(checked.value),
      this.now().toISOString(),
    );
    await this.changed({ citizen: account.citizen_id! });
  }

  // --- face ---

  /**
   * Starts face verification with the platform for the verified name and ID number —
   * the account's own citizen, or the one a pending account asks to join (a pass then
   * proves possession). Face data is sensitive personal information: explicit,
   * separate consent first. Attempts are limited per account per day, taken atomically.
   * @throws FACE_CONSENT_REQUIRED, ASSURANCE_LEVEL_TOO_LOW (neither verified nor pending), FACE_LOCKED.
   */
  async startFace(
    account: AccountRow,
    consent: boolean,
    deadline: Deadline,
  ): Promise<{ verifyId: string; certifyUrl: string | null }> {
    if (consent !== true) throw new FaceError('FACE_CONSENT_REQUIRED');
    let citizen: CitizenRow;
    if (account.citizen_id) citizen = (await this.deps.store.citizen(account.citizen_id))!;
    else {
      const request = await this.deps.store.linkRequest(account.id);
      if (!request) this.requireLevel(account, 2);
      citizen = (await this.deps.store.citizen(request!.citizen_id))!;
    }
    const now = this.now();
    const { day, nextDayStart, ttl } = this.dayWindow(now);
    if (
      (await this.deps.attempts.take(`face:account:${account.id}`, day, this.deps.config.FACE_MAX_PER_DAY, ttl)) ===
      null
    )
      throw new FaceLockedError(nextDayStart);
    const started = await this.deps.platforms[account.platform as Platform].startFace(
      this.deps.vault.decrypt(citizen.name_enc),
      this.deps.vault.decrypt(citizen.id_number_enc),
      deadline,
    );
    await this.deps.store.saveFaceSession(
      started.verifyId,
      account.id,
      account.platform,
      citizen.id,
      now.toISOString(),
    );
    return started;
  }

  /**
   * Asks the platform's server for the result (never the client's word). A pass raises
   * the account to level 3 — or, for a pending account, completes its link to the
   * citizen it was started for, and tells the citizen's other accounts.
   */
  async completeFace(
    account: AccountRow,
    verifyId: string,
    faceImage: string | null | undefined,
    deadline: Deadline,
  ): Promise<AccountRow> {
    const session = await this.deps.store.faceSession(String(verifyId ?? ''), account.id);
    if (!session) {
      if (!account.citizen_id && !(await this.deps.store.linkRequest(account.id))) this.requireLevel(account, 2);
      throw new AppError('NOT_FOUND', 'No face verification with that id for this account', { field: 'verifyId' });
    }
    if (session.outcome === 'pass') return (await this.deps.store.accountById(account.id))!;
    if (session.outcome) throw new FaceError(session.outcome === 'cancel' ? 'FACE_CANCELLED' : 'FACE_FAILED');
    // Baidu checks the photo in this one call, for the person the session was started for (the BFF's copy, never the client's).
    let evidence: FaceEvidence | undefined;
    if (faceImage && session.citizen_id) {
      const citizen = await this.deps.store.citizen(session.citizen_id);
      if (citizen)
        evidence = {
          image: faceImage,
          name: this.deps.vault.decrypt(citizen.name_enc),
          idNumber: this.deps.vault.decrypt(citizen.id_number_enc),
        };
    }
    const outcome = await this.deps.platforms[session.platform as Platform].faceResult(session.id, evidence, deadline);
    if (outcome === 'pending') throw new FaceError('FACE_PENDING');
    const now = this.now().toISOString();
    await this.deps.store.finishFaceSession(session.id, account.id, outcome, now, async (trx) => {
      // A pending account proved it is the person: it joins the citizen now, face-verified.
      if (account.citizen_id || !session.citizen_id) return;
      if (await this.deps.store.completeLink(trx, account.id, session.citizen_id, now, now))
        await this.noticeNewLink(trx, account, session.citizen_id);
    });
    // A pass raised the level (face_verified_at) or joined a citizen; either way the cached row is old.
    await this.changed({ account: account.id });
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
      pendingLink: null,
    };
    if (!account.citizen_id) {
      const request = await this.deps.store.linkRequest(account.id);
      const citizen = request ? await this.deps.store.citizen(request.citizen_id) : undefined;
      // Only the ways and a masked phone: nothing else of the citizen until proof.
      if (citizen) view.pendingLink = { ways: this.linkWays(citizen), maskedPhone: this.maskedPhoneOf(citizen) };
      return view;
    }
    const citizen = await this.deps.store.citizen(account.citizen_id);
    if (!citizen) return view;
    const { vault } = this.deps;
    view.realName = {
      maskedName: maskName(vault.decrypt(citizen.name_enc)),
      maskedIdNumber: maskIdNumber(vault.decrypt(citizen.id_number_enc)),
      verifiedAt: citizen.created_at,
    };
    view.maskedPhone = citizen.phone_enc ? maskPhone(vault.decrypt(citizen.phone_enc)) : null;
    view.linkedPlatforms = (await this.deps.store.linkedAccounts(citizen.id)).map((a) => ({
      accountId: a.id,
      platform: a.platform,
      linkedAt: a.linked_at ?? a.created_at,
      current: a.id === account.id,
    }));
    return view;
  }

  /** Deletes the person's data on every platform (PIPL's right to deletion), leaving an anonymous audit record. @throws FACE_STALE without a fresh face pass. */
  async deleteMyAccount(account: AccountRow, confirm: boolean): Promise<void> {
    if (confirm !== true) throw new BadUserInputError('BAD_USER_INPUT', { field: 'confirm' });
    // Deleting a citizen ends them on every platform: a sensitive act, whoever holds this session.
    if (account.citizen_id) this.requireFreshFace(account);
    const linked = account.citizen_id ? (await this.deps.store.linkedAccounts(account.citizen_id)).length : 1;
    // One transaction: every module's rows of the person, the withdrawals that leave through the outbox, the accounts and citizen.
    await this.deps.store.deletePerson(
      account,
      { at: this.now().toISOString(), detail: { accounts: linked, level: this.level(account) } },
      this.deps.forget,
    );
    if (account.citizen_id) await this.changed({ citizen: account.citizen_id });
    await this.changed({ account: account.id });
  }
}
