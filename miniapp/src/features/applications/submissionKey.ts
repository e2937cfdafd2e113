import Taro from '@tarojs/taro';

/**
 * Idempotency keys that outlive the page: made once per submission, kept in storage
 * until the BFF has confirmed it, so a retry after a network error, a double tap or an
 * app killed mid-request sends the same key and the BFF answers with the first
 * application instead of making a second. (Car moving keeps its key in page state:
 * a lost car-moving request is cheap to send again; an application is not.)
 */
const PREFIX = 'citizen.submissionKey.';
/** The BFF accepts [A-Za-z0-9_-]{8,64}. */
const KEY_SHAPE = /^[A-Za-z0-9_-]{8,64}$/;

function newKey(): string {
  const random = () => Math.random().toString(36).slice(2, 10);
  return `k-${Date.now().toString(36)}-${random()}${random()}`;
}

/** The key of the submission in progress for `scope` (e.g. `apply:<serviceId>`), made and stored if there is none. */
export function heldKey(scope: string): string {
  let stored: unknown = '';
  try {
    stored = Taro.getStorageSync(PREFIX + scope);
  } catch {
    stored = '';
  }
  if (typeof stored === 'string' && KEY_SHAPE.test(stored)) return stored;
  const key = newKey();
  Taro.setStorageSync(PREFIX + scope, key);
  return key;
}

/** Forgets the key once the BFF confirmed the submission: the next one is a new application. */
export function releaseKey(scope: string): void {
  Taro.removeStorageSync(PREFIX + scope);
}

export const applyScope = (serviceId: string) => `apply:${serviceId}`;
export const moreInfoScope = (applicationId: string) => `more-info:${applicationId}`;
