/**
 * The platforms' own global APIs, used only inside src/platform/*.<platform>.ts for
 * what Taro does not wrap (face verification, Baidu's getLoginCode, Alipay's auth code).
 * Typed loosely on purpose: each call site says what it reads.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- typed loosely on purpose, as said above */
declare const wx: any;
declare const my: any;
declare const swan: any;
