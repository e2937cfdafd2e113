/**
 * The public half of the BFF's development Alipay app key
 * (bff/src/modules/identity/platforms/alipay.dev-key.ts): SPKI DER in base64, the form the
 * Alipay console shows the 应用公钥 in. The simulator checks each gateway call's RSA2
 * signature with it, as Alipay checks with the key uploaded to its console.
 */
export const DEV_ALIPAY_APP_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAovdyR3cBP+i+i5wNACv8opqGme3M+Z52qiKHijcz+l+ypZb17aLaE5B2' +
  'HC12ifDtXq79Yv+Z1ODCGkE0VJaS277KQZ0X0pcMWUpvNZM9Rp5npj/CNlV/MoBVcWE4DNtGwJ3U0FjBa8N1MNV3bpHFGEYJ1Jms' +
  'D81YYM8OTfPhaYGO0xbuuYHkFJpux5iAH1zuQsNEw1LgDIQRM32OZUmDdXRRkH5Ojk4nI/WHkdyeEUpKj1GQxk2Zor7GyDKzl0hT' +
  'w5hZbsSx0LkbnT+DMvqkTljkwNs9fnjbmIrJpfNidyos/8fxjYXGm7pTOkXDixjg8zp7GZsv06y/gSAeuK2LsQIDAQAB';
