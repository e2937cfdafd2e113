import type { Platform } from '@citizen/shared';

/** What the client's face step reported. The BFF asks the platform for the real result either way. */
export type FaceClientOutcome = 'done' | 'cancelled' | 'failed';

/** What differs between WeChat, Alipay, Baidu and H5, behind one interface. */
export interface PlatformAdapter {
  /** The GraphQL Platform this build is. */
  name: Platform;
  /** Base URL of the BFF; empty means the page's own origin. */
  bffUrl: string;
  /** A one-time login code from the platform, for the BFF to exchange (wx.login and its kin). */
  getLoginCode(): Promise<string>;
  /** Runs the platform's face verification for a session the BFF started. */
  verifyFace(started: { verifyId: string; certifyUrl: string | null }): Promise<FaceClientOutcome>;
  /**
   * Asks the citizen to allow one message from a template (must run inside a tap
   * handler on WeChat). @returns whether they accepted.
   */
  requestSubscription(templateId: string): Promise<boolean>;
  /** The template id of a topic on this platform, or null where the platform has none. */
  templates: { CAR_MOVE_ALERT: string | null; APPLICATION_PROGRESS: string | null; APPOINTMENT_REMINDER: string | null };
  /**
   * Scans a QR code with the camera (a counter clerk reading a licence code).
   * @returns its text, or null when the scan was cancelled. Null itself where the
   * platform has no scanner (a browser: H5's scanCode exists only inside WeChat's JS-SDK).
   */
  scanCode: (() => Promise<string | null>) | null;
  /** Keeps the screen from dimming while a code is shown, where the platform allows; never fails. */
  keepScreenOn(on: boolean): void;
}
