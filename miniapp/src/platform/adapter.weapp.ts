import Taro from '@tarojs/taro';
import { chooseLocationOnMap } from './choose-location';
import type { PlatformAdapter } from './types';

/**
 * WeChat mini-program. Mini-programs may only call absolute HTTPS URLs on domains
 * registered with the platform, so the BFF address comes from the build
 * (TARO_APP_BFF_URL). Face verification uses wx.requestFacialVerify with the verifyId
 * the BFF obtained (city-service API; Taro has no wrapper for it). It exists from base
 * library 3.8.12 (project.config.json pins that): older clients are told to upgrade
 * WeChat instead of waiting on a call that never answers.
 */
/**
 * WeChat's font size (我-设置-通用-字体大小, fontSizeSetting in px; the standard is about
 * 16 px on Android and 17 px on iOS): from these sizes on, the citizen asked WeChat for
 * larger text, and elder mode follows at its 'large' or 'larger' size.
 */
const LARGE_TEXT_PX = 20;
const LARGER_TEXT_PX = 24;

/** What the citizen can do instead, when they do not agree to the privacy guide. */
const WITHOUT_CONSENT = {
  location: '未同意隐私保护指引，无法获取您的位置。您可以手动填写位置。',
  photo: '未同意隐私保护指引，无法使用相机或相册。您可以不添加照片继续。',
  phone: '未同意隐私保护指引，无法获取微信绑定的手机号。您可以输入手机号并用短信验证码绑定。',
} as const;

/**
 * WeChat's privacy rule (base library 2.32.3): APIs that touch personal data go through
 * the citizen's consent to the privacy guide declared for the mini-program. The app
 * registers no wx.onNeedPrivacyAuthorization listener, so wx.requirePrivacyAuthorize shows
 * WeChat's own unified privacy popup (and answers at once once agreed); a refusal fails
 * the API with "privacy permission is not authorized", so the citizen is told what still
 * works instead. Base libraries without the step have nothing to ask.
 */
function privacyAgreed(use: keyof typeof WITHOUT_CONSENT): Promise<boolean> {
  if (typeof wx.requirePrivacyAuthorize !== 'function' || !wx.canIUse('requirePrivacyAuthorize'))
    return Promise.resolve(true);
  return new Promise((resolve) => {
    wx.requirePrivacyAuthorize({
      success: () => resolve(true),
      fail: () => {
        void Taro.showModal({
          title: '需要您同意隐私保护指引',
          content: WITHOUT_CONSENT[use],
          showCancel: false,
        }).catch(() => undefined);
        resolve(false);
      },
    });
  });
}

export const adapter: PlatformAdapter = {
  name: 'WECHAT',
  bffUrl: process.env.TARO_APP_BFF_URL ?? '',
  async getLoginCode() {
    const { code } = await Taro.login();
    return code;
  },
  async verifyFace({ verifyId }) {
    if (typeof wx.requestFacialVerify !== 'function' || !wx.canIUse('requestFacialVerify')) {
      await Taro.showModal({
        title: '请升级微信',
        content: '当前微信版本过低，无法进行人脸识别。请将微信升级到最新版本后再试。',
        showCancel: false,
      }).catch(() => undefined);
      return 'unsupported';
    }
    return new Promise((resolve) => {
      wx.requestFacialVerify({
        verifyId,
        success: () => resolve('done'),
        fail: (error: { errCode?: number }) => resolve(error?.errCode === 10003 ? 'cancelled' : 'failed'),
      });
    });
  },
  templates: {
    CAR_MOVE_ALERT: 'wx-tmpl-car-move',
    APPLICATION_PROGRESS: 'wx-tmpl-application',
    APPOINTMENT_REMINDER: 'wx-tmpl-appointment',
  },
  async requestSubscription(templateId) {
    try {
      const result = (await Taro.requestSubscribeMessage({
        tmplIds: [templateId],
        entityIds: [],
      } as never)) as unknown as Record<string, string>;
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
  async openMiniProgram(appId) {
    try {
      await Taro.navigateToMiniProgram({ appId });
      return true;
    } catch {
      return false;
    }
  },
  // wx.getLocation: needs requiredPrivateInfos and the scope.userLocation purpose in app.config, and the privacy guide agreed.
  async getLocation() {
    if (!(await privacyAgreed('location'))) return null;
    return new Promise((resolve) => {
      wx.getLocation({
        type: 'gcj02',
        success: ({ latitude, longitude }: { latitude: number; longitude: number }) => resolve({ latitude, longitude }),
        fail: () => resolve(null),
      });
    });
  },
  allowPersonalData(use) {
    return privacyAgreed(use);
  },
  // wx.chooseLocation: needs requiredPrivateInfos 'chooseLocation' in app.config, and the privacy guide agreed.
  async pickLocation() {
    return (await privacyAgreed('location')) ? chooseLocationOnMap() : null;
  },
  // wx.getAppBaseInfo (base library 2.20.1) replaces getSystemInfoSync for this; either carries fontSizeSetting.
  largeText() {
    try {
      const info = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
      const px = Number(info?.fontSizeSetting);
      return px >= LARGER_TEXT_PX ? 'larger' : px >= LARGE_TEXT_PX ? 'large' : null;
    } catch {
      return null;
    }
  },
  keepScreenOn(on) {
    Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined);
  },
};
