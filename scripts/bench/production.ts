import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * The settings a BFF is deployed with (NODE_ENV=production), for a bench's BFF processes:
 * the figures are meant to be a deployment's, and production differs in what runs per
 * request (graphql-js drops its development checks; introspection and suggestions are
 * off). Fresh keys for each bench run, shared by every instance started with them;
 * /metrics is then behind METRICS_TOKEN, which `metricsHeaders` presents.
 */
const METRICS_TOKEN = randomBytes(24).toString('base64url');

export const productionSettings: Readonly<Record<string, string>> = Object.freeze({
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://bench.invalid',
  SESSION_SECRET: randomBytes(32).toString('base64url'),
  DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ID_HASH_KEY: randomBytes(32).toString('base64url'),
  METRICS_TOKEN,
  // Production refuses the development Alipay key shipped in the repository; no bench signs in with Alipay.
  ALIPAY_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'der' })
    .toString('base64'),
});

export const metricsHeaders: Readonly<Record<string, string>> = Object.freeze({
  authorization: `Bearer ${METRICS_TOKEN}`,
});
