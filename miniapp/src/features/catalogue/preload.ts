import type { ApiResult } from '../../api/client';

/**
 * The home query the page started before the app loaded, when the variables match.
 * Mini-programs have no page of their own to start it from (no index.html): always
 * null here; preload.h5.ts takes the browser's.
 */
export function takeHomePreload<T>(_variablesKey: string): Promise<ApiResult<T> | null> | null {
  return null;
}
