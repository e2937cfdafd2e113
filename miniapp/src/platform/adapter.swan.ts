import type { PlatformAdapter } from './types';

/**
 * Baidu smart program. swan.getLoginCode replaces the deprecated swan.login and has
 * no Taro wrapper; face comparison runs swan.ai.facePersonVerify (Baidu App only),
 * whose score the BFF reads from the server side.
 */
export const adapter: PlatformAdapter = {
  name: 'BAIDU',
  bffUrl: process.env.TARO_APP_BFF_URL ?? '',
  getLoginCode() {
    return new Promise((resolve, reject) => {
      swan.getLoginCode({ success: (res: { code: string }) => resolve(res.code), fail: reject });
    });
  },
  verifyFace({ verifyId }) {
    return new Promise((resolve) => {
      swan.ai.facePersonVerify({
        verifyId,
        success: () => resolve('done'),
        fail: (error: { errCode?: number }) => resolve(error?.errCode === 10001 ? 'cancelled' : 'failed'),
      });
    });
  },
};
