import { resultOf, type ApiResult } from '../../api/client';

declare global {
  interface Window {
    /** Set by index.html's inline script (config/homePreload.ts): the home query, already on its way. */
    __citizenHomePreload?: { key: string; result: Promise<unknown> };
  }
}

/**
 * H5: the home query index.html started while the scripts were loading, taken once
 * (a later visit to home asks again, so it never shows an old answer). A preload for
 * other variables, or one that failed, gives null and the app asks the usual way.
 */
export function takeHomePreload<T>(variablesKey: string): Promise<ApiResult<T> | null> | null {
  const preload = typeof window !== 'undefined' ? window.__citizenHomePreload : undefined;
  if (!preload) return null;
  delete window.__citizenHomePreload;
  if (preload.key !== variablesKey) return null;
  // Only an answer with data is used: a failed one is asked again, with the app's own error handling.
  return preload.result.then((body) => ((body as { data?: unknown } | null)?.data ? resultOf<T>(body, 200) : null));
}
