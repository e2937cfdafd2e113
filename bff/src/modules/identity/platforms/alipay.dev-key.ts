/**
 * The development app key for Alipay's gateway (RSA 2048, PKCS#8 DER in base64, the form
 * Alipay's key tool gives the 应用私钥 in). Its public half is what the Alipay simulator
 * checks signatures with (mock-data/src/platforms/alipay.dev-key.ts). Public in this
 * repository, so good for development and tests only: the BFF refuses to start in
 * production with it (config.ts); a real deployment sets ALIPAY_PRIVATE_KEY to the key
 * whose public half was uploaded to the Alipay open platform console.
 */
export const DEV_ALIPAY_PRIVATE_KEY =
  'MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCi93JHdwE/6L6LnA0AK/yimoaZ7cz5nnaqIoeKNzP6X7KllvXt' +
  'otoTkHYcLXaJ8O1erv1i/5nU4MIaQTRUlpLbvspBnRfSlwxZSm81kz1GnmemP8I2VX8ygFVxYTgM20bAndTQWMFrw3Uw1XdukcUY' +
  'RgnUmawPzVhgzw5N8+FpgY7TFu65geQUmm7HmIAfXO5Cw0TDUuAMhBEzfY5lSYN1dFGQfk6OTicj9YeR3J4RSkqPUZDGTZmivsbI' +
  'MrOXSFPDmFluxLHQuRudP4My+qROWOTA2z1+eNuYisml82J3Kiz/x/GNhcabulM6RcOLGODzOnsZmy/TrL+BIB64rYuxAgMBAAEC' +
  'ggEAC7HUKpq4pTxviBc/u5Zsf8K1DBDLl9IuU9E8hselXD9H06g8p7v7CFJil20Px6BZeGT4XAVZpbQnWbj6J2PS0CAl5YV/cyZR' +
  'xYqY5nBVgl7Vs1F5/2otQZOCDiva2NlXf3UUE4t6/d+95i47btzZFv/XrsEEXvHueKwDK8bnkymSpDQXEAN7qkLy772WApon+Lsh' +
  'Ks5KcRwDAZsMY0WVxqplAijFSC5AXn2ZiX+ocfEJ9xy4Io1PT0SFvYVRPkrimZAOT+pGKBsctSAjglRHToKNNqVCtWt3ezLJ5NR5' +
  '7QI9mM4RAQIENVz/k4mvdxmnD86eZtBj20jOrUk0vi68HQKBgQDOPQWgo7upLdrX8ZDoLtM75D2Ks+AoZ9w0XfCZTQlYW43qykCV' +
  'VcdvjvONdLpkGZhF21Pv2A7g6qCvLcjqsdEScLQ1JTpVwN5S4eK7VsDZVbM07CBvfXtVoAeuT9sH0OVJoI8LQBN1881PN1vRqFgG' +
  'G9W17P9l0UCJLq4PU306LwKBgQDKSZp2ah3GwSftWPfEWNK3Dn/2YEG2wB6vL3i1Y+obTUaaWNeVIlfEAcRpUNWyO4wjSVGNKBVc' +
  'GL7xOa6Z8Q2bHUsHDuJD+1GRXDioJ5Kzy0/cStMCHS1gKGYWuvChjLsVnIhUCT2OsHXrNwv3LW3xrakgi1V6qdLSNsy+mFSAHwKB' +
  'gAR0vRJjd0KIgxn3VjIuENJSdCHzEPzOgat//BrT10fZco+IHy0a1VxLsmd0BjLzep7HxmCAQpIJf79JNfYcMXA8jyg2zbPcnvEb' +
  'gFKb5T7M4zpZf7no9Ck9c+0IPKtGkC2vEmgj0kfSJLV5dLpq8LvxDgUIQdxpUQOlxoz+OM5xAoGAPrRgIBK21jRrxwQMEZ4i+0GQ' +
  'YvPlitu050ME3N1y5TGoEBI4CW+S2xxdIPRAubYBs7J3iBUDwf+duLLTr75sJEgJSM/RTZdq6m821NEnhXohcDz1ebNHrIX5V1Rt' +
  'YPZ5y7IxBDO1FDUY6Gew2tcHPKJDSeZHAfYAds8r2mznzKsCgYBilUOKQT4o0qWaAdNyHRbGAXbaMbvhFQqUlSFYCIlE93ciY4tX' +
  'myllNKo/TIyCCxvaw50Yj3uwlFrV/pz6nfCg7EW8urKMf9HF9ubEUhP+xZqCxUCo0Xm32H+z9vnvz2iL4REyYlwbCMAbJuL53niR' +
  'cEtsXi078z+VHi5D/HYWrg==';
