/**
 * Type anchor for the platform files. Taro's build picks adapter.weapp.ts,
 * adapter.alipay.ts, adapter.swan.ts or adapter.h5.ts for `./adapter`; this file is
 * what TypeScript and jest (a browser-like environment) see, so it is the H5 one.
 */
export { adapter } from './adapter.h5';
