import type { PlatformAdapter } from './types';

/**
 * H5 (browser). The BFF serves the H5 build itself, so GraphQL is on the same
 * origin and no cross-origin setup is needed; TARO_APP_BFF_URL is ignored here.
 */
export const adapter: PlatformAdapter = {
  name: 'H5',
  bffUrl: '',
};
