import Taro from '@tarojs/taro';
import gcoord from 'gcoord';
import type { FaceClientOutcome, PlatformAdapter } from './types';

/**
 * H5 (browser). The BFF serves the H5 build itself, so GraphQL is on the same origin.
 * The browser has no platform SDK: the platform simulator in mock-data stands in for
 * it (TARO_APP_SIMULATOR_URL, or localStorage `citizen.simulatorUrl` when a test or a
 * demo runs the simulator elsewhere). The browser keeps one simulated platform user.
 */
function simulatorUrl(): string {
  return (
    (typeof localStorage !== 'undefined' && localStorage.getItem('citizen.simulatorUrl')) ||
    process.env.TARO_APP_SIMULATOR_URL ||
    'http://127.0.0.1:4010'
  );
}

function browserUser(): string {
  let user = localStorage.getItem('citizen.simulatedUser');
  if (!user) {
    user = `browser-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
    localStorage.setItem('citizen.simulatedUser', user);
  }
  return user;
}

async function post<T = unknown>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${simulatorUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator answered ${response.status}`);
  return (await response.json()) as T;
}

/** The screen wake lock while a licence code is shown (the browser also releases it when the tab hides). */
let wakeLock: Promise<WakeLockSentinel | null> | null = null;

export const adapter: PlatformAdapter = {
  name: 'H5',
  bffUrl: '',
  async getLoginCode() {
    return (await post<{ code: string }>('/wechat/dev/login-code', { user: browserUser() })).code;
  },
  async verifyFace({ verifyId }) {
    // The simulated camera: the person chooses what the scan would have found.
    let outcome: FaceClientOutcome = 'cancelled';
    try {
      const { tapIndex } = await Taro.showActionSheet({
        itemList: ['模拟：本人，识别通过', '模拟：非本人，识别不通过'],
      });
      outcome = tapIndex === 0 ? 'done' : 'failed';
    } catch {
      outcome = 'cancelled';
    }
    await post(`/wechat/dev/face/${verifyId}/complete`, {
      outcome: outcome === 'done' ? 'pass' : outcome === 'failed' ? 'fail' : 'cancel',
    });
    return outcome;
  },
  // The browser has no platform messages: SMS reaches H5 users.
  templates: { CAR_MOVE_ALERT: null, APPLICATION_PROGRESS: null, APPOINTMENT_REMINDER: null },
  async requestSubscription() {
    return false;
  },
  // A browser cannot open a mini-program: the tile shows its service page instead.
  async openMiniProgram() {
    return false;
  },
  // Taro's H5 chooseLocation needs a Tencent map key we do not ship: the browser's location is used instead.
  pickLocation: null,
  // A browser has no scanner API (Taro's H5 scanCode needs WeChat's JS-SDK): the clerk pastes the code.
  scanCode: null,
  // Taro's H5 getLocation cannot give GCJ-02 (type 'gcj02' fails in a browser). The
  // Geolocation API, which asks the person itself, answers WGS-84; the mini-program
  // platforms, the registers and maps in mainland China use GCJ-02, so it is converted
  // (gcoord; outside China it is left as it is). Refused or unavailable: null, and the
  // page asks for the place to be typed.
  getLocation() {
    return new Promise((resolve) => {
      if (typeof navigator === 'undefined' || !navigator.geolocation) return resolve(null);
      navigator.geolocation.getCurrentPosition(
        ({ coords }) => {
          const [longitude, latitude] = gcoord.transform(
            [coords.longitude, coords.latitude],
            gcoord.WGS84,
            gcoord.GCJ02,
          );
          resolve({ latitude, longitude });
        },
        () => resolve(null),
        { timeout: 10_000, maximumAge: 60_000 },
      );
    });
  },
  // Taro's H5 setKeepScreenOn is a stub; browsers offer the Screen Wake Lock API instead.
  keepScreenOn(on) {
    if (typeof navigator === 'undefined' || !navigator.wakeLock) return;
    const previous = wakeLock;
    wakeLock = null;
    // A lock the browser released (the tab was hidden) is asked for again.
    if (on)
      wakeLock = (previous ?? Promise.resolve(null))
        .then((lock) => (lock && !lock.released ? lock : navigator.wakeLock.request('screen')))
        .catch(() => null);
    else void previous?.then((lock) => lock?.release()).catch(() => undefined);
  },
  // The browser asks for location itself; photos are picked from a file input.
  async allowPersonalData() {
    return true;
  },
  // A browser's zoom and font size already scale the page: elder mode is the citizen's choice.
  largeText() {
    return null;
  },
};
