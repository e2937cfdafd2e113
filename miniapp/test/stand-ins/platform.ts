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
  templates: { CAR_MOVE_ALERT: null },
  requestSubscription: async () => false,
};
