import Taro from '@tarojs/taro';
import { chooseLocationOnMap } from './choose-location';
import type { PlatformAdapter } from './types';

/**
 * Alipay mini-program. Login codes come from my.getAuthCode with the silent
 * auth_base scope; face verification runs my.startAPVerify on the certify URL the
 * BFF got from alipay.user.certify.open.certify (9000 done, 6001 cancelled).
 */
export const adapter: PlatformAdapter = {
  name: 'ALIPAY',
  bffUrl: process.env.TARO_APP_BFF_URL ?? '',
  getLoginCode() {
    return new Promise((resolve, reject) => {
      my.getAuthCode({
        scopes: 'auth_base',
        success: (res: { authCode: string }) => resolve(res.authCode),
        fail: reject,
      });
    });
  },
  verifyFace({ verifyId, certifyUrl }) {
    return new Promise((resolve) => {
      my.startAPVerify({
        url: certifyUrl,
        certifyId: verifyId,
        success: (res: { resultStatus: string }) =>
          resolve(res.resultStatus === '9000' ? 'done' : res.resultStatus === '6001' ? 'cancelled' : 'failed'),
        fail: () => resolve('failed'),
      });
    });
  },
  templates: {
    CAR_MOVE_ALERT: 'ali-tmpl-car-move',
    APPLICATION_PROGRESS: 'ali-tmpl-application',
    APPOINTMENT_REMINDER: 'ali-tmpl-appointment',
  },
  requestSubscription(templateId) {
    return new Promise((resolve) => {
      my.requestSubscribeMessage({
        entityIds: [templateId],
        success: (res: { subscribeEntityIds?: string[] }) =>
          resolve((res.subscribeEntityIds ?? []).includes(templateId)),
        fail: () => resolve(false),
      });
    });
  },
  // Taro maps scanCode to my.scan (onlyFromCamera → hideAlbum, code → result).
  async scanCode() {
    try {
      return (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result || null;
    } catch {
      return null;
    }
  },
  // my.navigateToMiniProgram takes the target's appId, as WeChat's does.
  openMiniProgram(appId) {
    return new Promise((resolve) => {
      my.navigateToMiniProgram({ appId, success: () => resolve(true), fail: () => resolve(false) });
    });
  },
  async getLocation() {
    // my.getLocation (through Taro): Alipay asks the citizen itself.
    try {
      const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' });
      return { latitude, longitude };
    } catch {
      return null;
    }
  },
  // my.chooseLocation (through Taro): Alipay's own map picker, GCJ-02.
  pickLocation: chooseLocationOnMap,
  keepScreenOn(on) {
    Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined);
  },
  // Alipay asks for each permission itself (my.getLocation, my.chooseImage); no separate privacy-guide step.
  async allowPersonalData() {
    return true;
  },
  // Alipay's font size is not read here (not confirmed against its documentation): the citizen switches elder mode in the app.
  largeText() {
    return null;
  },
};
