import type { Platform } from '@citizen/shared';

/**
 * What the client's face step reported. The BFF asks the platform for the real result
 * either way. `unsupported`: this client cannot run it (too old); the citizen was told.
 */
export type FaceClientOutcome = 'done' | 'cancelled' | 'failed' | 'unsupported';

/**
 * The client's face step: its outcome, or on Baidu the camera photo (base64 JPEG) the BFF
 * itself checks with Baidu's person/verify (Baidu keeps no face session to ask about).
 */
export type FaceClientResult = FaceClientOutcome | { outcome: 'done'; faceImage: string };

/** What differs between WeChat, Alipay, Baidu and H5, behind one interface. */
export interface PlatformAdapter {
  /** The GraphQL Platform this build is. */
  name: Platform;
  /** Base URL of the BFF; empty means the page's own origin. */
  bffUrl: string;
  /** A one-time login code from the platform, for the BFF to exchange (wx.login and its kin). */
  getLoginCode(): Promise<string>;
  /** Runs the platform's face verification for a session the BFF started. */
  verifyFace(started: { verifyId: string; certifyUrl: string | null }): Promise<FaceClientResult>;
  /**
   * Asks the citizen to allow one message from a template (must run inside a tap
   * handler on WeChat). @returns whether they accepted.
   */
  requestSubscription(templateId: string): Promise<boolean>;
  /** The template id of a topic on this platform, or null where the platform has none. */
  templates: {
    CAR_MOVE_ALERT: string | null;
    APPLICATION_PROGRESS: string | null;
    APPOINTMENT_REMINDER: string | null;
  };
  /**
   * Scans a QR code with the camera (a counter clerk reading a licence code).
   * @returns its text, or null when the scan was cancelled. Null itself where the
   * platform has no scanner (a browser: H5's scanCode exists only inside WeChat's JS-SDK).
   */
  scanCode: (() => Promise<string | null>) | null;
  /**
   * Opens another mini-program (a tile's target) by its id on this platform
   * (navigateToMiniProgram; navigateToSmartProgram with an app key on Baidu).
   * @returns false where the platform cannot (H5) or the jump failed or was cancelled.
   */
  openMiniProgram(appId: string): Promise<boolean>;
  /** Keeps the screen from dimming while a code is shown, where the platform allows; never fails. */
  keepScreenOn(on: boolean): void;
  /**
   * Where the phone is, in GCJ-02 (a browser's WGS-84 converted), after
   * the platform's own permission prompt. @returns null when refused or unavailable; never fails.
   */
  getLocation(): Promise<{ latitude: number; longitude: number } | null>;
  /**
   * A place picked on the platform's map (chooseLocation), GCJ-02, with its name.
   * @returns null when cancelled or refused. Null itself where the platform has no map
   * picker (a browser: Taro's H5 chooseLocation needs a Tencent map key we do not ship).
   */
  pickLocation: (() => Promise<{ latitude: number; longitude: number; name: string } | null>) | null;
  /**
   * Asks, where the platform requires it, for the citizen's consent to the app's privacy
   * guide before an API that touches personal data (WeChat from base library 2.32.3:
   * location, photos, phone number). On a refusal the citizen has been told what still
   * works. @returns whether the API may be called.
   */
  allowPersonalData(use: 'location' | 'photo' | 'phone'): Promise<boolean>;
  /**
   * The large-text setting the citizen chose in the platform itself, where the platform
   * exposes it: 'large' or 'larger' when it is above standard, null when standard or unknown.
   * Elder mode starts from it until the citizen chooses in the app.
   */
  largeText(): 'large' | 'larger' | null;
}
