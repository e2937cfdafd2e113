import type { PlatformAdapter } from '../../src/platform/types';

/**
 * The platform in jsdom component tests: H5 by name, with the SDK calls answered
 * locally (the real H5 adapter calls the simulator over HTTP, which the browser
 * tests exercise).
 */
export const adapter: PlatformAdapter = {
  name: 'H5',
  bffUrl: '',
  getLoginCode: async () => 'stand-in-login-code',
  verifyFace: async () => 'done',
  templates: {
    CAR_MOVE_ALERT: null as string | null,
    APPLICATION_PROGRESS: null as string | null,
    APPOINTMENT_REMINDER: null as string | null,
  },
  requestSubscription: async () => false,
  // The camera answers with the next queued code (null: the scan was cancelled); a test may set scanCode to null, as H5 has.
  scanCode: async () => scannedCodes.shift() ?? null,
  keepScreenOn: (on) => void screenOn.push(on),
  openMiniProgram: async () => false,
  getLocation: async () => locations.shift() ?? null,
  pickLocation: null,
  allowPersonalData: async () => true,
  largeText: () => null,
};

/** Where the next getLocation calls find the phone (null: refused). */
export const locations: Array<{ latitude: number; longitude: number } | null> = [];

/** What the next scans read. */
export const scannedCodes: string[] = [];
/** Every keepScreenOn call, in order. */
export const screenOn: boolean[] = [];
