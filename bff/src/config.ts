import path from 'node:path';
import fs from 'node:fs';
import { z } from 'zod';

const REPO_ROOT = path.resolve(__dirname, '../..');
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Every setting of the BFF: env name, type, default and what it is for. Checked at
 * start; a bad value stops the process with the setting's name. Keep .env.example
 * and the README's settings table in step with this list.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development').describe('production turns off introspection and GraphiQL'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Address the BFF listens on'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000).describe('Port the BFF listens on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'data')).describe('Folder for the SQLite database and generated development keys'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional()
    .describe('postgres://… for PostgreSQL; sqlite:<file> or unset for SQLite under DATA_DIR'),
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional().describe('PostgreSQL schema to use (tests give each run its own)'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10).describe('PostgreSQL pool size per instance'),
  AGENCY_BASE_URL: z.string().url().default('http://127.0.0.1:4010').describe('Where the agencies are; each sits under /<agency>'),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3000).describe('Timeout of one agency call'),
  UPSTREAM_RETRIES: z.coerce.number().int().min(0).max(5).default(2).describe('Retries of an idempotent agency read (never of a write)'),
  UPSTREAM_MAX_SOCKETS: z.coerce.number().int().min(1).max(1024).default(64).describe('Keep-alive connections per agency host'),
  BREAKER_ERROR_PERCENT: z.coerce.number().min(1).max(100).default(50).describe('Failure share in the rolling window that opens an agency’s breaker'),
  BREAKER_WINDOW_MS: z.coerce.number().int().min(1000).default(10_000).describe('Rolling window of the breaker'),
  BREAKER_MIN_CALLS: z.coerce.number().int().min(1).default(5).describe('Calls in the window before the breaker may open'),
  BREAKER_RESET_MS: z.coerce.number().int().min(100).default(5000).describe('Pause before a half-open probe'),
  AGENCY_PROBE_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(800).describe('Timeout of an agency health probe (home screen, /readyz)'),
  SERVE_H5: bool.default(true).describe('Serve the H5 build at / from STATIC_DIR when it exists'),
  STATIC_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'miniapp/dist/h5')).describe('Folder of the H5 build'),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10).describe('Deepest selection a query may have'),
  // Secrets. Required in production; in development a key per setting is generated once under DATA_DIR.
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional().describe('Signs access tokens (HS256)'),
  DATA_ENCRYPTION_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64').optional().describe('AES-256-GCM key for personal data at rest'),
  ID_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional().describe('HMAC key that turns ID numbers and phones into lookup keys'),
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(1).max(3600).default(600).describe('Life of an access token, seconds'),
  REFRESH_TOKEN_TTL_S: z.coerce.number().int().min(60).default(30 * 24 * 3600).describe('Life of a refresh token, seconds'),
  REALNAME_MAX_FAILURES_PER_DAY: z.coerce.number().int().min(1).max(100).default(5).describe('Failed real-name checks per account per day before it is locked until the next day'),
  PHONE_CODE_TTL_S: z.coerce.number().int().min(1).max(3600).default(300).describe('Life of an SMS code, seconds'),
  PHONE_CODE_MAX_TRIES: z.coerce.number().int().min(1).max(20).default(5).describe('Wrong SMS codes before a new one is needed'),
  PHONE_CODE_RESEND_S: z.coerce.number().int().min(0).max(600).default(60).describe('Wait before another SMS code may be sent, seconds'),
  WECHAT_APPID: z.string().min(1).default('wx-citizen-dev').describe('WeChat mini-program app id'),
  WECHAT_SECRET: z.string().min(1).default('wechat-dev-secret').describe('WeChat mini-program app secret'),
  ALIPAY_APPID: z.string().min(1).default('alipay-citizen-dev').describe('Alipay mini-program app id'),
  BAIDU_CLIENT_ID: z.string().min(1).default('baidu-citizen-dev').describe('Baidu smart program client id (app key)'),
  BAIDU_SECRET: z.string().min(1).default('baidu-dev-secret').describe('Baidu smart program secret key'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional().describe('Redis for limits shared by several instances; unset: the database holds them'),
  REDIS_KEY_PREFIX: z.string().regex(/^[\w.-]{1,64}$/).default('citizen').describe('Prefix of every Redis key, so environments can share a Redis'),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(5 * 1024 * 1024).describe('Largest photo a citizen may upload'),
  OPERATOR_TOKEN_TTL_S: z.coerce.number().int().min(60).max(86_400).default(8 * 3600).describe('Life of an operator console session, seconds'),
  OPERATOR_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5).describe('Wrong passwords in a row before an operator is locked out'),
  OPERATOR_LOCKOUT_MIN: z.coerce.number().int().min(1).default(15).describe('Minutes an operator stays locked out'),
  TILE_WEB_ALLOWLIST: z.string().default('gov.cn').describe('Comma-separated domains a WEB tile may open (and their subdomains)'),
  TILE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(3000).describe('How long each instance caches the live tiles'),
  PUBLIC_URL: z.string().url().default('http://127.0.0.1:4000').describe('Where citizens open the H5 app: links in messages point here'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000).describe('How often each instance looks for messages to deliver'),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000).describe('How long a claimed outbox message is one instance\'s before another may retry it (after a crash)'),
  DEPARTMENT_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000).describe('How often each instance reads the departments\' progress feeds'),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(20).describe('Delivery attempts before a message is given up (dead)'),
  CAR_MOVE_MAX_PER_DAY: z.coerce.number().int().min(1).default(3).describe('Car-moving requests per requester per day'),
  CAR_MOVE_MAX_PER_MONTH: z.coerce.number().int().min(1).default(5).describe('Car-moving requests per requester per month (交管12123: 5)'),
  CAR_MOVE_MAX_PER_PLATE_PER_HOUR: z.coerce.number().int().min(1).default(2).describe('Requests for one plate per hour, from anyone'),
  CAR_MOVE_EXPIRY_MIN: z.coerce.number().int().min(1).default(30).describe('Minutes before an unanswered request expires'),
  CAR_MOVE_REMINDER_AFTER_MIN: z.coerce.number().int().min(0).default(10).describe('Minutes before the requester may send their one reminder'),
  CAR_MOVE_RELAY_MIN: z.coerce.number().int().min(1).max(120).default(30).describe('Minutes a relay number stays bound'),
  CAR_MOVE_REPORTS_TO_SUSPEND: z.coerce.number().int().min(1).default(3).describe('Owner reports within a year that suspend a requester'),
  CAR_MOVE_SUSPENSION_DAYS: z.coerce.number().int().min(1).default(365).describe('Length of a suspension'),
}).superRefine((config, ctx) => {
  if (config.NODE_ENV !== 'production') return;
  for (const key of ['SESSION_SECRET', 'DATA_ENCRYPTION_KEY', 'ID_HASH_KEY'] as const) {
    if (!config[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production (no generated development key)' });
  }
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings, the BFF will not start:\n  ${problems.join('\n  ')}`);
  }
}

/** Reads and checks the environment. Throws ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`));
  }
  return result.data;
}

/** The SQLite file when no PostgreSQL URL is set. */
export function sqlitePath(config: Config): string {
  if (config.DATABASE_URL?.startsWith('sqlite:')) return config.DATABASE_URL.slice('sqlite:'.length);
  fs.mkdirSync(config.DATA_DIR, { recursive: true });
  return path.join(config.DATA_DIR, 'bff.sqlite');
}
