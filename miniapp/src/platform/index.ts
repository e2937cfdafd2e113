export { adapter as platform } from './adapter';
export type { PlatformAdapter } from './types';
