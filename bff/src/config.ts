import path from 'node:path';
import fs from 'node:fs';
import { z } from 'zod';
import { secretProblems } from './modules/identity/keys';
import { alipayPrivateKey } from './modules/identity/platforms/alipay';
import { DEV_ALIPAY_PRIVATE_KEY } from './modules/identity/platforms/alipay.dev-key';

const REPO_ROOT = path.resolve(__dirname, '../..');
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** How long an instance keeps something it caches: 0 (off) to a minute, a few seconds by default. */
const cacheMs = (describe: string) => z.coerce.number().int().min(0).max(60_000).default(3000).describe(describe);
/** Marks a setting whose value must never be printed (FormSG's `sensitive: true`): a bad one is reported as `<redacted>`. */
const sensitive = <T extends z.ZodType>(schema: T): T =>
  schema.meta({ ...z.globalRegistry.get(schema), sensitive: true }) as T;

/**
 * Every setting of the BFF: env name, type, default and what it is for. Checked at
 * start; a bad value stops the process with the setting's name. Keep .env.example
 * and the README's settings table in step with this list.
 */
export const configSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'production', 'test'])
      .default('development')
      .describe('production turns off introspection and GraphiQL'),
    HOST: z.string().min(1).default('127.0.0.1').describe('Address the BFF listens on'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000).describe('Port the BFF listens on'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info')
      .describe('pino log level'),
    DATA_DIR: z
      .string()
      .min(1)
      .default(path.join(REPO_ROOT, 'data'))
      .describe('Folder for the SQLite database and generated development keys'),
    DATABASE_URL: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
      .optional()
      .describe('postgres://… for PostgreSQL; sqlite:<file> or unset for SQLite under DATA_DIR'),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .optional()
      .describe('PostgreSQL schema to use (tests give each run its own)'),
    DATABASE_POOL_MAX: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(10)
      .describe('PostgreSQL pool size per instance'),
    AGENCY_BASE_URL: z
      .string()
      .url()
      .default('http://127.0.0.1:4010')
      .describe('Where the agencies are; each sits under /<agency>'),
    UPSTREAM_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(50)
      .max(60_000)
      .default(3000)
      .describe('Timeout of one agency call'),
    UPSTREAM_RETRIES: z.coerce
      .number()
      .int()
      .min(0)
      .max(5)
      .default(2)
      .describe('Retries of an idempotent agency read (never of a write)'),
    UPSTREAM_MAX_SOCKETS: z.coerce
      .number()
      .int()
      .min(1)
      .max(1024)
      .default(64)
      .describe(
        "Keep-alive connections per agency: each agency has a pool of its own, so one hanging agency cannot take the others' sockets",
      ),
    UPSTREAM_RETRY_BUDGET_PERCENT: z.coerce
      .number()
      .min(0)
      .max(100)
      .default(10)
      .describe(
        "Retries may add at most this share of an agency's requests (over 10 s, plus 10 retries), so retries cannot multiply an outage",
      ),
    REQUEST_DEADLINE_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(1500)
      .describe(
        'Budget of a GraphQL query: agency calls get what is left; what misses it is partial data with AGENCY_TIMEOUT',
      ),
    REQUEST_DEADLINE_WRITE_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(120_000)
      .default(10_000)
      .describe("Budget of a GraphQL mutation (longer, so a submission's own agency reads are not cut short)"),
    AGENCY_STATUS_REFRESH_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(2000)
      .describe(
        "How often each instance checks every agency in the background (home tiles and the operators' board read that status)",
      ),
    BREAKER_ERROR_PERCENT: z.coerce
      .number()
      .min(1)
      .max(100)
      .default(50)
      .describe('Failure share in the rolling window that opens an agency’s breaker'),
    BREAKER_WINDOW_MS: z.coerce.number().int().min(1000).default(10_000).describe('Rolling window of the breaker'),
    BREAKER_MIN_CALLS: z.coerce
      .number()
      .int()
      .min(1)
      .default(5)
      .describe('Calls in the window before the breaker may open'),
    BREAKER_RESET_MS: z.coerce.number().int().min(100).default(5000).describe('Pause before a half-open probe'),
    AGENCY_PROBE_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(50)
      .max(10_000)
      .default(800)
      .describe('Timeout of an agency health probe (home screen, /readyz)'),
    SERVE_H5: bool.default(true).describe('Serve the H5 build at / from STATIC_DIR when it exists'),
    STATIC_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'miniapp/dist/h5')).describe('Folder of the H5 build'),
    GRAPHQL_MAX_DEPTH: z.coerce
      .number()
      .int()
      .min(2)
      .max(50)
      .default(10)
      .describe('Deepest selection a query may have'),
    GRAPHQL_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(10_000)
      .max(25_000_000)
      .default(1_000_000)
      .describe('Largest POST /graphql body (photos and files go to /uploads, not through GraphQL)'),
    // Secrets. Required in production; in development a key per setting is generated once under DATA_DIR.
    SESSION_SECRET: sensitive(
      z.string().min(32, 'must be at least 32 characters').optional().describe('Signs access tokens (HS256)'),
    ),
    DATA_ENCRYPTION_KEY: sensitive(
      z
        .string()
        .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64')
        .optional()
        .describe('AES-256-GCM key for personal data at rest'),
    ),
    ID_HASH_KEY: sensitive(
      z
        .string()
        .min(32, 'must be at least 32 characters')
        .optional()
        .describe('HMAC key that turns ID numbers and phones into lookup keys'),
    ),
    ACCESS_TOKEN_TTL_S: z.coerce
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(600)
      .describe('Life of an access token, seconds'),
    REFRESH_TOKEN_TTL_S: z.coerce
      .number()
      .int()
      .min(60)
      .default(30 * 24 * 3600)
      .describe('Life of a refresh token, seconds'),
    REALNAME_MAX_FAILURES_PER_DAY: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('Failed real-name checks per account per day before it is locked until the next day'),
    REALNAME_MAX_FAILURES_PER_ID_PER_DAY: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe(
        'Failed real-name checks of one ID number per day, across every account, before that number is locked until the next day',
      ),
    FACE_FRESH_MIN: z.coerce
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(15)
      .describe(
        'Minutes a face pass stays fresh for sensitive acts (full licences, level-3 services, phone rebinding, unlinking, deletion)',
      ),
    FACE_MAX_PER_DAY: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('Face verifications an account may start per day'),
    PHONE_CODE_TTL_S: z.coerce.number().int().min(1).max(3600).default(300).describe('Life of an SMS code, seconds'),
    PHONE_CODE_MAX_TRIES: z.coerce
      .number()
      .int()
      .min(1)
      .max(20)
      .default(5)
      .describe('Wrong SMS codes before a new one is needed'),
    PHONE_CODE_RESEND_S: z.coerce
      .number()
      .int()
      .min(0)
      .max(600)
      .default(60)
      .describe('Wait before another SMS code may be sent, seconds'),
    WECHAT_APPID: z.string().min(1).default('wx-citizen-dev').describe('WeChat mini-program app id'),
    WECHAT_SECRET: sensitive(z.string().min(1).default('wechat-dev-secret').describe('WeChat mini-program app secret')),
    ALIPAY_APPID: z.string().min(1).default('alipay-citizen-dev').describe('Alipay mini-program app id'),
    BAIDU_CLIENT_ID: z.string().min(1).default('baidu-citizen-dev').describe('Baidu smart program client id (app key)'),
    BAIDU_SECRET: sensitive(z.string().min(1).default('baidu-dev-secret').describe('Baidu smart program secret key')),
    BAIDU_AI_API_KEY: z
      .string()
      .min(1)
      .default('baidu-ai-dev-key')
      .describe(
        'Baidu AI Cloud application API key: the token for face person/verify (Baidu smart programs compare a camera photo on the server)',
      ),
    BAIDU_AI_SECRET_KEY: sensitive(
      z.string().min(1).default('baidu-ai-dev-secret').describe('Baidu AI Cloud application secret key'),
    ),
    WECHAT_PAY_KEY: sensitive(
      z
        .string()
        .min(1)
        .default('wechat-pay-dev-key')
        .describe('WeChat Pay merchant key: checks payment notifications, signs wx.requestPayment parameters'),
    ),
    ALIPAY_PAY_KEY: sensitive(
      z.string().min(1).default('alipay-pay-dev-key').describe('Alipay key that checks payment notifications'),
    ),
    ALIPAY_PRIVATE_KEY: sensitive(
      z
        .string()
        .min(1)
        .default(DEV_ALIPAY_PRIVATE_KEY)
        .refine((text) => {
          try {
            return Boolean(alipayPrivateKey(text));
          } catch {
            return false;
          }
        }, "must be an RSA private key: PKCS#8 in base64 as Alipay's key tool gives it, or PEM")
        .describe(
          "The app's private key that signs every call to Alipay's gateway (RSA2); its public half is uploaded to the Alipay console. The default is a development key, refused in production",
        ),
    ),
    ALIPAY_AES_KEY: sensitive(
      z
        .string()
        .regex(/^[A-Za-z0-9+/]{22}==$/, 'a base64 128-bit key')
        .default('ZGV2LWFsaXBheS1hZXMxNg==')
        .describe(
          "The mini-program's AES key (base64, 128 bits, from the Alipay console) that decrypts my.getPhoneNumber answers",
        ),
    ),
    BAIDU_PAY_KEY: sensitive(
      z
        .string()
        .min(1)
        .default('baidu-pay-dev-key')
        .describe('Baidu polymer payment key that checks payment notifications'),
    ),
    FINANCE_KEY: sensitive(
      z
        .string()
        .min(1)
        .default('finance-dev-key')
        .describe("Key that checks the finance bureau's signed payment confirmations (electronic receipts)"),
    ),
    UTILITY_KEY: sensitive(
      z
        .string()
        .min(1)
        .default('utility-dev-key')
        .describe("Key of the utilities' payment gateway: signs our notices of bills paid, checks their confirmations"),
    ),
    PAYMENT_EXPIRE_MIN: z.coerce
      .number()
      .int()
      .min(1)
      .max(43_200)
      .default(1440)
      .describe('Minutes an application with a fee waits for its payment before it expires'),
    PAYMENT_NOTIFY_URL: z
      .string()
      .url()
      .optional()
      .describe(
        'Base URL the payment platforms send notifications to (…/payments/notify/<platform>); unset: PUBLIC_URL in production, the address the app called otherwise',
      ),
    DOCUMENT_SIGNING_KEY: sensitive(
      z
        .string()
        .min(16)
        .default('document-signing-dev-key')
        .describe(
          "Key of the HMAC tag in issued documents' verification codes (/verify/<code>); changing it makes every issued code fail",
        ),
    ),
    DOCUMENT_FONT_PATH: z
      .string()
      .min(1)
      .default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')
      .describe('CJK font (TTF, OTF or a TTC collection) issued PDFs are set in (Debian: fonts-noto-cjk)'),
    DOCUMENT_FONT_NAME: z
      .string()
      .min(1)
      .default('NotoSansCJKsc-Regular')
      .describe('PostScript name of the face to use when DOCUMENT_FONT_PATH is a collection'),
    RATING_FOLLOWUP_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(720)
      .default(24)
      .describe(
        'Hours operators have to contact a citizen who rated a case 2 or less (好差评 follow-up); past it the case is flagged overdue',
      ),
    // URLs may carry a password.
    REDIS_URL: sensitive(
      z
        .string()
        .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
        .optional()
        .describe(
          'Redis for limits shared by several instances and for telling instances what changed; unset: the database holds the limits and, on PostgreSQL, its LISTEN/NOTIFY carries invalidations',
        ),
    ),
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[\w.-]{1,64}$/)
      .default('citizen')
      .describe(
        'Prefix of every Redis key and channel, so environments can share a Redis; without Redis it names the PostgreSQL NOTIFY channel, with DATABASE_SCHEMA',
      ),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(5 * 1024 * 1024)
      .describe('Largest photo a citizen may upload'),
    UPLOAD_MAX_PIXELS: z.coerce
      .number()
      .int()
      .min(1024)
      .max(268_402_689)
      .default(40_000_000)
      .describe('Most pixels an uploaded image may declare (width × height); larger is refused before decoding'),
    UPLOAD_MAX_PER_DAY: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(30)
      .describe('Uploads a citizen may make per day (China time), refused ones included'),
    UPLOAD_MAX_BYTES_PER_DAY: z.coerce
      .number()
      .int()
      .min(1024)
      .default(100 * 1024 * 1024)
      .describe('Bytes a citizen may upload per day (China time), refused ones included'),
    UPLOAD_PURGE_EVERY_MIN: z.coerce
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(60)
      .describe('How often each instance deletes uploads that nothing uses 24 hours after they came'),
    OPERATOR_TOKEN_TTL_S: z.coerce
      .number()
      .int()
      .min(60)
      .max(86_400)
      .default(8 * 3600)
      .describe('Life of an operator console session, seconds'),
    OPERATOR_MAX_FAILURES: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe('Wrong passwords in a row before an operator is locked out'),
    OPERATOR_LOCKOUT_MIN: z.coerce.number().int().min(1).default(15).describe('Minutes an operator stays locked out'),
    TILE_WEB_ALLOWLIST: z
      .string()
      .default('gov.cn')
      .describe('Comma-separated domains a WEB tile may open (and their subdomains)'),
    INQUIRY_UNMASKED_FIELDS: z
      .string()
      .regex(
        /^$|^[a-z-]+:[A-Za-z0-9]+(,[A-Za-z0-9]+)*(;[a-z-]+:[A-Za-z0-9]+(,[A-Za-z0-9]+)*)*$/,
        'agency:field,field;agency:field',
      )
      .default(
        'social-insurance:insuredCity,status,firstPaidOn,pensionMonths;provident-fund:employer,status,balanceCents,monthlyDepositCents,openedOn;population:sex,ethnicity',
      )
      .describe(
        'Per agency, the record fields an inquiry card may show unmasked (agency:field,field;agency:field); every other field is shown masked',
      ),
    TILE_CACHE_MS: cacheMs(
      'How long each instance caches the live tiles, the published home notices and the categories',
    ),
    SERVICE_CACHE_MS: cacheMs(
      'How long each instance caches a service definition (a publish clears it at once on every instance, through Redis or PostgreSQL LISTEN/NOTIFY)',
    ),
    // Kept short: it bounds how long another instance could serve a revoked session should an invalidation be lost.
    SESSION_CACHE_MS: cacheMs(
      'How long each instance keeps the account of a live session (0: off); logout, revocation and account changes clear it on every instance through Redis, or PostgreSQL LISTEN/NOTIFY without Redis',
    ),
    PUBLIC_URL: z
      .string()
      .url()
      .default('http://127.0.0.1:4000')
      .describe('Where citizens open the H5 app: links in messages point here; required in production'),
    CORS_ORIGINS: z
      .string()
      .default('')
      .refine(
        (v) =>
          v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean)
            .every((o) => /^https?:\/\/[^/\s]+$/.test(o)),
        'must be comma-separated origins such as https://app.example.gov.cn (no path, no *)',
      )
      .describe(
        "Origins besides PUBLIC_URL's that browsers may call the BFF from (credentials allowed); never a wildcard",
      ),
    METRICS_TOKEN: sensitive(
      z
        .string()
        .min(16, 'must be at least 16 characters')
        .optional()
        .describe('Bearer token /metrics asks for; in production /metrics is off without it'),
    ),
    OUTBOX_POLL_MS: z.coerce
      .number()
      .int()
      .min(50)
      .max(60_000)
      .default(1000)
      .describe('How often each instance looks for messages to deliver'),
    OUTBOX_LEASE_MS: z.coerce
      .number()
      .int()
      .min(1000)
      .max(600_000)
      .default(30_000)
      .describe("How long a claimed outbox message is one instance's before another may retry it (after a crash)"),
    DEPARTMENT_POLL_MS: z.coerce
      .number()
      .int()
      .min(50)
      .max(600_000)
      .default(2000)
      .describe("How often each instance reads the departments' progress feeds"),
    HOTLINE_POLL_MS: z.coerce
      .number()
      .int()
      .min(50)
      .max(600_000)
      .default(2000)
      .describe("How often each instance reads the 12345 hotline's ticket feed"),
    ASK_MAX_PER_DAY: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe('Consultations (12345, legal aid) a citizen may open per day, China time'),
    PROGRESS_MAX_FAILURES_PER_NUMBER: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe('Wrong query codes for one application number per day before lookups of it are refused'),
    PROGRESS_MAX_FAILURES_PER_CLIENT: z.coerce
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(30)
      .describe('Failed progress lookups from one client address per hour before its lookups are refused'),
    OUTBOX_BATCH_SIZE: z.coerce
      .number()
      .int()
      .min(1)
      .max(5000)
      .default(500)
      .describe('Outbox messages one instance claims at a time'),
    OUTBOX_CONCURRENCY: z.coerce
      .number()
      .int()
      .min(1)
      .max(256)
      .default(16)
      .describe(
        "Outbox deliveries in flight at once per topic, so one failing agency cannot hold back the others' messages",
      ),
    OUTBOX_MAX_ATTEMPTS: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(20)
      .describe('Delivery attempts before a message is given up (dead)'),
    OUTBOX_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(30)
      .describe('Days a delivered (or given-up) outbox message is kept before the scheduled purge deletes it'),
    DRAFT_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .describe('Days an application draft nobody touched is kept before the scheduled purge deletes it'),
    APPLICATION_ARCHIVE_YEARS: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .describe(
        "Years a deleted citizen's finished application is kept as an anonymous archive (number, service, status, dates) after its last change",
      ),
    RETENTION_PURGE_EVERY_MIN: z.coerce
      .number()
      .int()
      .min(1)
      .max(1440)
      .default(60)
      .describe('How often each instance runs the retention purge (outbox, drafts, application archive)'),
    CAR_MOVE_MAX_PER_DAY: z.coerce
      .number()
      .int()
      .min(1)
      .default(3)
      .describe('Car-moving requests per requester per day'),
    CAR_MOVE_MAX_PER_MONTH: z.coerce
      .number()
      .int()
      .min(1)
      .default(5)
      .describe('Car-moving requests per requester per month (交管12123: 5)'),
    CAR_MOVE_MAX_PER_PLATE_PER_HOUR: z.coerce
      .number()
      .int()
      .min(1)
      .default(2)
      .describe('Requests for one plate per hour, from anyone'),
    CAR_MOVE_EXPIRY_MIN: z.coerce
      .number()
      .int()
      .min(1)
      .default(30)
      .describe('Minutes before an unanswered request expires'),
    CAR_MOVE_REMINDER_AFTER_MIN: z.coerce
      .number()
      .int()
      .min(0)
      .default(10)
      .describe('Minutes before the requester may send their one reminder'),
    CAR_MOVE_RELAY_MIN: z.coerce
      .number()
      .int()
      .min(1)
      .max(120)
      .default(30)
      .describe('Minutes a relay number stays bound'),
    CAR_MOVE_VOICE_CALL_AFTER_MIN: z.coerce
      .number()
      .int()
      .min(0)
      .default(5)
      .describe(
        'Minutes after the reminder, unanswered, before the requester may have the owner rung by a relay voice call',
      ),
    CAR_MOVE_HOTLINE_AFTER_MIN: z.coerce
      .number()
      .int()
      .min(0)
      .default(5)
      .describe('Minutes after the voice call, unanswered, before the request is handed to the local 122 desk'),
    CAR_MOVE_REPORTS_TO_SUSPEND: z.coerce
      .number()
      .int()
      .min(1)
      .default(3)
      .describe('Owner reports an operator upheld within a year that suspend a requester'),
    CAR_MOVE_SUSPENSION_DAYS: z.coerce.number().int().min(1).default(365).describe('Length of a suspension'),
    CAR_MOVE_CODE_PER_DEVICE_HOUR: z.coerce
      .number()
      .int()
      .min(1)
      .default(3)
      .describe('挪车码: notices one scanner device may send per hour (any code)'),
    CAR_MOVE_CODE_PER_CLIENT_HOUR: z.coerce
      .number()
      .int()
      .min(1)
      .default(20)
      .describe('挪车码: notices and photos from one client address per hour (many phones can share one)'),
    CAR_MOVE_CODE_PER_CODE_HOUR: z.coerce
      .number()
      .int()
      .min(1)
      .default(3)
      .describe('挪车码: notices one code carries to its owner per hour, from anyone'),
    // Running several instances (bff/src/cluster, observability).
    MIGRATE_ON_START: bool
      .default(true)
      .describe(
        'Apply pending migrations at start; false when `npm run migrate` is its own deploy step (a cluster): the instance then refuses to start with migrations pending',
      ),
    SHUTDOWN_GRACE_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(600_000)
      .default(15_000)
      .describe('On SIGTERM, how long requests in flight may take to finish before the instance exits anyway'),
    LEADER_RETRY_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(2000)
      .describe(
        'How often an instance tries to take the lease for background work (feeds, purges), and the leader checks it still holds it',
      ),
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .string()
      .url()
      .optional()
      .describe('OTLP/HTTP endpoint for traces (e.g. http://collector:4318); unset, tracing is off'),
    OTEL_SERVICE_NAME: z.string().min(1).default('citizen-bff').describe('service.name on every span'),
    INSTANCE_ID: z
      .string()
      .regex(/^[\w.-]{1,64}$/)
      .optional()
      .describe('Name of this instance on its traces (service.instance.id), e.g. bff-1'),
    DATA_ENCRYPTION_OLD_KEYS: sensitive(
      z
        .string()
        .regex(/^$|^([A-Za-z0-9+/]{43}=)(,[A-Za-z0-9+/]{43}=)*$/, 'must be comma-separated 32-byte keys in base64')
        .optional()
        .describe(
          'Previous DATA_ENCRYPTION_KEYs, still used to decrypt until `npm run rotate-keys` has re-encrypted everything with the current one',
        ),
    ),
    SESSION_OLD_SECRETS: sensitive(
      z
        .string()
        .optional()
        .describe(
          'Previous SESSION_SECRETs (comma-separated), still accepted when verifying tokens for as long as tokens signed with them live',
        ),
    ),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV !== 'production') return;
    for (const key of ['SESSION_SECRET', 'DATA_ENCRYPTION_KEY', 'ID_HASH_KEY'] as const) {
      if (!config[key])
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is required in production (no generated development key)',
        });
    }
    for (const problem of secretProblems(config))
      ctx.addIssue({ code: 'custom', path: [problem.key], message: problem.message });
    // The development key is in this repository: anyone could sign as the app with it.
    if (config.ALIPAY_PRIVATE_KEY === DEV_ALIPAY_PRIVATE_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['ALIPAY_PRIVATE_KEY'],
        message: "is the development key shipped with the code; set the app's own key in production",
      });
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
  const problems = result.success
    ? []
    : result.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message} (got ${shown(String(issue.path[0]), env)})`,
      );
  // A default link target would send citizens to 127.0.0.1 from every SMS.
  if (env.NODE_ENV === 'production' && !env.PUBLIC_URL)
    problems.push('PUBLIC_URL: is required in production (links in messages point there) (got undefined)');
  if (problems.length || !result.success) throw new ConfigError(problems);
  return result.data;
}

/** A setting's value as an error may print it: never a sensitive one's. */
function shown(key: string, env: NodeJS.ProcessEnv): string {
  const schema = (configSchema.shape as Record<string, z.ZodType>)[key];
  if (schema && z.globalRegistry.get(schema)?.sensitive) return env[key] === undefined ? 'undefined' : '<redacted>';
  return JSON.stringify(env[key]);
}

/** The SQLite file when no PostgreSQL URL is set. */
export function sqlitePath(config: Config): string {
  if (config.DATABASE_URL?.startsWith('sqlite:')) return config.DATABASE_URL.slice('sqlite:'.length);
  fs.mkdirSync(config.DATA_DIR, { recursive: true });
  return path.join(config.DATA_DIR, 'bff.sqlite');
}
