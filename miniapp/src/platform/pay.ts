/**
 * Type anchor, as adapter.ts is: Taro's build picks pay.weapp.ts, pay.alipay.ts,
 * pay.swan.ts or pay.h5.ts for `./pay`; TypeScript and jest see the H5 one.
 */
export { requestPayment } from './pay.h5';
export type { PayClientOutcome, StartedPayment } from './pay.types';
