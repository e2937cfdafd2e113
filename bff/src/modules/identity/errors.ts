import { AppError } from '../../errors';

/** A valid, unexpired access token is needed and none was given (or it was revoked). */
export class UnauthenticatedError extends AppError {
  constructor(reason = 'no valid session') {
    super('UNAUTHENTICATED', `Sign in first (${reason})`);
  }
}

/** The access token has expired: the app refreshes once and retries. */
export class TokenExpiredError extends AppError {
  constructor() {
    super('TOKEN_EXPIRED');
  }
}

/** The platform refused the login code: wrong, used or expired. */
export class LoginCodeInvalidError extends AppError {
  constructor(readonly reason: string) {
    super('LOGIN_CODE_INVALID', undefined, { reason });
  }
}

/** A refresh token was presented a second time: its whole family is revoked. */
export class RefreshTokenReusedError extends AppError {
  constructor() {
    super('REFRESH_TOKEN_REUSED');
  }
}

/** The account's assurance level is below what the operation needs. */
export class AssuranceLevelTooLowError extends AppError {
  constructor(
    readonly requiredLevel: number,
    readonly currentLevel: number,
  ) {
    super('ASSURANCE_LEVEL_TOO_LOW', `Level ${requiredLevel} needed, account is at ${currentLevel}`, {
      requiredLevel,
      currentLevel,
    });
  }
}

export class RealNameMismatchError extends AppError {
  constructor(readonly failuresLeft: number) {
    super('REALNAME_MISMATCH', undefined, { failuresLeft });
  }
}

export class RealNameLockedError extends AppError {
  constructor(readonly until: string) {
    super('REALNAME_LOCKED', undefined, { until });
  }
}

export class AccountAlreadyVerifiedError extends AppError {
  constructor() {
    super('ACCOUNT_ALREADY_VERIFIED');
  }
}

export class PhoneCodeError extends AppError {
  constructor(
    code: 'PHONE_CODE_WRONG' | 'PHONE_CODE_EXPIRED' | 'PHONE_CODE_TOO_MANY_TRIES',
    details: Record<string, unknown> = {},
  ) {
    super(code, undefined, details);
  }
}

export class PhoneCodeResendTooSoonError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('PHONE_CODE_RESEND_TOO_SOON', undefined, { retryAfterSeconds });
  }
}

export class FaceError extends AppError {
  constructor(code: 'FACE_CONSENT_REQUIRED' | 'FACE_FAILED' | 'FACE_CANCELLED' | 'FACE_PENDING') {
    super(code);
  }
}

/** A sensitive act needs a face pass newer than FACE_FRESH_MIN minutes: the app steps up and comes back. */
export class FaceStaleError extends AppError {
  constructor(readonly freshMinutes: number) {
    super('FACE_STALE', undefined, { requiredLevel: 3, freshMinutes });
  }
}

/** The day's face verifications for this account are used up. */
export class FaceLockedError extends AppError {
  constructor(readonly until: string) {
    super('FACE_LOCKED', undefined, { until });
  }
}

/**
 * The name and ID number are right, but belong to a citizen who already has accounts:
 * this account is not joined until it proves possession.
 */
export class LinkProofRequiredError extends AppError {
  constructor(
    readonly ways: string[],
    readonly maskedPhone: string | null,
  ) {
    super('REALNAME_LINK_PROOF_REQUIRED', undefined, { ways, maskedPhone });
  }
}
