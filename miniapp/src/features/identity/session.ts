import Taro from '@tarojs/taro';
import {
  LoginDocument,
  LogoutDocument,
  RefreshSessionDocument,
  isErrorCode,
  type ErrorCode,
  type MeFieldsFragment,
  type TypedDocumentString,
} from '@citizen/shared';
import { failure, graphql, type ApiResult } from '../../api/client';
import { platform } from '../../platform';

/**
 * The signed-in session on this device: tokens in platform storage, a silent login
 * with the platform's code when there is none, one refresh when the access token has
 * expired, and a fresh login when the session was ended elsewhere.
 */
const STORAGE_KEY = 'citizen.session';
const SIGNED_OUT_KEY = 'citizen.signedOut';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  me: MeFieldsFragment;
}

let pending: Promise<StoredSession> | null = null;
const listeners = new Set<(me: MeFieldsFragment | null) => void>();

/** Storage is the one copy (synchronous and cheap), so every page sees the same session. */
function load(): StoredSession | null {
  try {
    return (Taro.getStorageSync(STORAGE_KEY) as StoredSession) || null;
  } catch {
    return null;
  }
}

function save(session: StoredSession | null): void {
  if (session) Taro.setStorageSync(STORAGE_KEY, session);
  else Taro.removeStorageSync(STORAGE_KEY);
  for (const listener of listeners) listener(session?.me ?? null);
}

/** The last known account view (level, masked identity), without a request. */
export function cachedMe(): MeFieldsFragment | null {
  return load()?.me ?? null;
}

/** Called whenever the account view changes (sign-in, verification, sign-out). */
export function onMeChange(listener: (me: MeFieldsFragment | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps the stored view in step after a mutation returned a fresh one. */
export function updateMe(me: MeFieldsFragment): void {
  const session = load();
  if (session) save({ ...session, me });
}

/** Only one login or refresh at a time: concurrent callers share it. */
function once(run: () => Promise<StoredSession>): Promise<StoredSession> {
  if (!pending) pending = run().finally(() => (pending = null));
  return pending;
}

class SessionError extends Error {
  constructor(readonly result: ApiResult<unknown>) {
    super(result.errors[0]?.code ?? 'NETWORK_ERROR');
  }
}

async function login(): Promise<StoredSession> {
  let code: string;
  try {
    code = await platform.getLoginCode();
  } catch {
    throw new SessionError(failure('LOGIN_CODE_INVALID'));
  }
  const result = await graphql(LoginDocument, { platform: platform.name, code });
  if (!result.data) throw new SessionError(result);
  const { accessToken, refreshToken, me } = result.data.login;
  const session = { accessToken, refreshToken, me };
  save(session);
  return session;
}

async function refresh(session: StoredSession): Promise<StoredSession> {
  const result = await graphql(RefreshSessionDocument, { refreshToken: session.refreshToken });
  if (!result.data) {
    save(null);
    return login();
  }
  const { accessToken, refreshToken, me } = result.data.refreshSession;
  const next = { accessToken, refreshToken, me };
  save(next);
  return next;
}

/** A session, signing in silently if there is none (unless the citizen signed out here). */
export function ensureSession(): Promise<StoredSession> {
  const session = load();
  if (session) return Promise.resolve(session);
  if (Taro.getStorageSync(SIGNED_OUT_KEY)) return Promise.reject(new SessionError(failure('UNAUTHENTICATED')));
  return once(login);
}

const codeListeners = new Map<ErrorCode, Set<() => void>>();

/**
 * Hears every answer to `authed` that carries `code`, whichever page asked: a session
 * whose acting for a family member ended (ACTING_RIGHT_ENDED) is told so by whatever
 * request comes next, and the app has to drop the banner wherever that was.
 * @returns a function that stops listening.
 */
export function onErrorCode(code: ErrorCode, listener: () => void): () => void {
  const set = codeListeners.get(code) ?? new Set();
  codeListeners.set(code, set);
  set.add(listener);
  return () => void set.delete(listener);
}

function noticed<T>(result: ApiResult<T>): ApiResult<T> {
  for (const code of new Set(result.errors.map((e) => e.code)))
    for (const listener of [...(codeListeners.get(code) ?? [])]) listener();
  return result;
}

/**
 * Runs an operation as the signed-in citizen. An expired access token is refreshed
 * once and the operation retried; a session ended elsewhere leads to one fresh login.
 */
export async function authed<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<ApiResult<TResult>> {
  return noticed(await authedOnce(document, variables));
}

async function authedOnce<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<ApiResult<TResult>> {
  let session: StoredSession;
  try {
    session = await ensureSession();
  } catch (error) {
    return error instanceof SessionError ? (error.result as ApiResult<TResult>) : failure('NETWORK_ERROR');
  }
  const first = await graphql(document, variables, { accessToken: session.accessToken });
  const code = first.errors[0]?.code;
  if (code !== 'TOKEN_EXPIRED' && code !== 'UNAUTHENTICATED') return first;
  try {
    const renewed = await once(() => {
      if (code === 'TOKEN_EXPIRED') return refresh(session);
      save(null);
      return login();
    });
    return graphql(document, variables, { accessToken: renewed.accessToken });
  } catch (error) {
    return error instanceof SessionError ? (error.result as ApiResult<TResult>) : first;
  }
}

/**
 * Ends the session here (the BFF revokes it) and forgets it. Until the citizen taps
 * "sign in" again, nothing signs in silently on this device.
 */
export async function signOut(): Promise<void> {
  const session = load();
  Taro.setStorageSync(SIGNED_OUT_KEY, true);
  save(null);
  if (session) await graphql(LogoutDocument, {}, { accessToken: session.accessToken });
}

/** Signs in with the platform on the citizen's request (after a sign-out). */
export async function signIn(): Promise<ApiResult<MeFieldsFragment>> {
  Taro.removeStorageSync(SIGNED_OUT_KEY);
  try {
    const session = await once(login);
    return { data: session.me, errors: [] };
  } catch (error) {
    return error instanceof SessionError ? (error.result as ApiResult<MeFieldsFragment>) : failure('NETWORK_ERROR');
  }
}

/** Forgets the session without asking the BFF: the account was deleted. */
export function forgetSession(): void {
  Taro.setStorageSync(SIGNED_OUT_KEY, true);
  save(null);
}

/**
 * Uploads a photo (Taro.uploadFile: multipart, as every platform sends files) as the
 * signed-in citizen, refreshing an expired token once. `onProgress` hears the percentage
 * sent, where the platform's upload task reports it. @returns the upload id, or a coded error.
 */
export async function authedUpload(
  filePath: string,
  onProgress?: (percent: number) => void,
): Promise<ApiResult<{ id: string }>> {
  const attempt = async (accessToken: string) => {
    const task = Taro.uploadFile({
      url: `${platform.bffUrl}/uploads`,
      filePath,
      name: 'file',
      header: { authorization: `Bearer ${accessToken}` },
    });
    // Taro attaches the task's onProgressUpdate to the promise as progress() on every platform we build for.
    if (onProgress && typeof task.progress === 'function') task.progress((update) => onProgress(update.progress));
    const response = await task;
    const body = JSON.parse(String(response.data || '{}')) as { id?: string; error?: string };
    return { status: response.statusCode, body };
  };
  try {
    let session = await ensureSession();
    let result = await attempt(session.accessToken);
    if (result.body.error === 'TOKEN_EXPIRED') {
      session = await once(() => refresh(session));
      result = await attempt(session.accessToken);
    }
    if (result.body.id) return { data: { id: result.body.id }, errors: [] };
    return failure(isErrorCode(result.body.error) ? result.body.error : 'INTERNAL_SERVER_ERROR');
  } catch (error) {
    return error instanceof SessionError ? (error.result as ApiResult<{ id: string }>) : failure('NETWORK_ERROR');
  }
}
