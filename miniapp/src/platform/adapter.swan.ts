import Taro from '@tarojs/taro';
import { chooseLocationOnMap } from './choose-location';
import type { PlatformAdapter } from './types';

/**
 * Baidu smart program. swan.getLoginCode replaces the deprecated swan.login and has
 * no Taro wrapper.
 *
 * Face: swan.ai.facePersonVerify takes a photo plus the person's name and full
 * id_card_number and returns the score to the client, with no server query documented:
 * the BFF could not know the result without trusting the client, and the client would
 * have to be given the full ID number. So on Baidu the app only takes a photo with the
 * camera and hands it to the BFF, which runs the same comparison itself through Baidu AI
 * Cloud's documented server API (person/verify) with the name and ID number it holds
 * (bff/src/modules/identity/platforms/baidu.ts).
 */
export const adapter: PlatformAdapter = {
  name: 'BAIDU',
  bffUrl: process.env.TARO_APP_BFF_URL ?? '',
  getLoginCode() {
    return new Promise((resolve, reject) => {
      swan.getLoginCode({ success: (res: { code: string }) => resolve(res.code), fail: reject });
    });
  },
  async verifyFace() {
    let photo: string;
    try {
      photo = (await Taro.chooseImage({ count: 1, sourceType: ['camera'], sizeType: ['compressed'] })).tempFilePaths[0];
    } catch {
      return 'cancelled';
    }
    // swan.getFileSystemManager().readFile with encoding base64: the photo as the BFF passes it on.
    return new Promise((resolve) => {
      swan.getFileSystemManager().readFile({
        filePath: photo,
        encoding: 'base64',
        success: ({ data }: { data: string }) => resolve({ outcome: 'done', faceImage: data }),
        fail: () => resolve('failed'),
      });
    });
  },
  templates: {
    CAR_MOVE_ALERT: 'bd-tmpl-car-move',
    APPLICATION_PROGRESS: 'bd-tmpl-application',
    APPOINTMENT_REMINDER: 'bd-tmpl-appointment',
  },
  // Baidu grants a subscription message only through a tapped
  // <form report-submit report-type="subscribe" template-id subscribe-id> whose submit
  // carries a formId, and the server then sends with that subscribe_id (one message
  // each). There is no API call that asks for it: swan.subscribeService only queries or
  // cancels, so no consent is claimed here; SubscribeButton.swan.tsx renders the form and
  // records Baidu's answer.
  async requestSubscription() {
    return false;
  },
  async scanCode() {
    try {
      return (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result || null;
    } catch {
      return null;
    }
  },
  // Baidu has no navigateToMiniProgram (Taro maps none): swan.navigateToSmartProgram takes the target's app key.
  openMiniProgram(appKey) {
    return new Promise((resolve) => {
      swan.navigateToSmartProgram({ appKey, success: () => resolve(true), fail: () => resolve(false) });
    });
  },
  // swan.chooseLocation (through Taro): Baidu's own map picker, GCJ-02.
  pickLocation: chooseLocationOnMap,
  async getLocation() {
    // swan.getLocation (through Taro): Baidu asks the citizen itself.
    try {
      const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' });
      return { latitude, longitude };
    } catch {
      return null;
    }
  },
  keepScreenOn(on) {
    Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined);
  },
  // Baidu asks for each permission itself (swan.getLocation, swan.chooseImage); no separate privacy-guide step.
  async allowPersonalData() {
    return true;
  },
  // Baidu's font size is not read here (not confirmed against its documentation): the citizen switches elder mode in the app.
  largeText() {
    return null;
  },
};
