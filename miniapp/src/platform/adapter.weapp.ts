import Taro from '@tarojs/taro';
import type { PlatformAdapter } from './types';

/**
 * WeChat mini-program. Mini-programs may only call absolute HTTPS URLs on domains
 * registered with the platform, so the BFF address comes from the build
 * (TARO_APP_BFF_URL). Face verification uses wx.requestFacialVerify with the verifyId
 * the BFF obtained (city-service API; Taro has no wrapper for it).
 */
export const adapter: PlatformAdapter = {
  name: 'WECHAT',
  bffUrl: process.env.TARO_APP_BFF_URL ?? '',
  async getLoginCode() {
    const { code } = await Taro.login();
    return code;
  },
  verifyFace({ verifyId }) {
    return new Promise((resolve) => {
      wx.requestFacialVerify({
        verifyId,
        success: () => resolve('done'),
        fail: (error: { errCode?: number }) => resolve(error?.errCode === 10003 ? 'cancelled' : 'failed'),
      });
    });
  },
  templates: { CAR_MOVE_ALERT: 'wx-tmpl-car-move', APPLICATION_PROGRESS: 'wx-tmpl-application', APPOINTMENT_REMINDER: 'wx-tmpl-appointment' },
  async requestSubscription(templateId) {
    try {
      const result = (await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] } as never)) as unknown as Record<string, string>;
      return result[templateId] === 'accept';
    } catch {
      return false;
    }
  },
  // Camera only: a code read from the album would be a screenshot.
  async scanCode() {
    try {
      return (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result || null;
    } catch {
      return null;
    }
  },
  keepScreenOn(on) {
    Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined);
  },
};
