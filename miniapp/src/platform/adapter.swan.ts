import Taro from '@tarojs/taro';
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
  templates: { CAR_MOVE_ALERT: 'bd-tmpl-car-move', APPLICATION_PROGRESS: 'bd-tmpl-application', APPOINTMENT_REMINDER: 'bd-tmpl-appointment' },
  requestSubscription(templateId) {
    // Baidu grants subscriptions through a <form report-submit report-type="subscribe">
    // submit rather than an API call; swan.subscribeService is its programmatic form.
    return new Promise((resolve) => {
      swan.subscribeService({ templateId, subscribeId: templateId, type: 'subscribe', success: () => resolve(true), fail: () => resolve(false) });
    });
  },
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
