import type { PlatformAdapter } from './types';

/**
 * BAIDU mini-program. Mini-programs may only call absolute HTTPS URLs on domains
 * registered with the platform, so the BFF address comes from the build
 * (TARO_APP_BFF_URL) instead of the page's origin.
 */
export const adapter: PlatformAdapter = {
  name: 'BAIDU',
  bffUrl: process.env.TARO_APP_BFF_URL ?? '',
};
