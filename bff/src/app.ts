import fs from 'node:fs';
import Koa from 'koa';
import Router from 'koa-router';
import { createYoga } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Config } from './config';
import { createLogger } from './logger';
import { checkSchemaVersion, migrate, openDatabase, pingDatabase, type DatabaseHandle } from './db';
import { seed } from './db/seed';
import { Leadership } from './cluster/leader';
import { Tracing, traceQuery } from './observability/tracing';
import { requestIdMiddleware, requestIdOf } from './observability/requestId';
import { useOperationMetrics } from './observability/operationMetrics';
import { UpstreamClient } from './upstream/client';
import { Metrics } from './upstream/metrics';
import { CatalogueStore } from './modules/catalogue/store';
import { AgencyProbe } from './modules/agencies/probe';
import { AgencyStatusBoard } from './modules/agencies/status';
import { useRequestDeadline } from './upstream/deadlinePlugin';
import { IdentityService } from './modules/identity/service';
import { IdentityStore } from './modules/identity/store';
import { CitizenDirectory } from './modules/identity/citizens';
import { PersonalDataVault } from './modules/identity/vault';
import { TokenIssuer } from './modules/identity/tokens';
import { loadKeys } from './modules/identity/keys';
import { platformAuths } from './modules/identity/platforms';
import { CarMoveService } from './modules/car-move/service';
import { DatabaseLimiter, RedisLimiter, type CarMoveLimiter } from './modules/car-move/limits';
import { Outbox } from './outbox/outbox';
import { DatabaseAttemptLimiter, RedisAttemptLimiter, type AttemptLimiter } from './limits/attempts';
import { Subscriptions } from './modules/notifications/subscriptions';
import { Messages } from './modules/messages/service';
import { ApplicationService, type StoredDefinition } from './modules/applications/service';
import { DepartmentDesk } from './modules/applications/departments';
import { ServiceSearch } from './modules/applications/search';
import { Wallet } from './modules/wallet/service';
import { LicenceExpirySweep } from './modules/wallet/expirySweep';
import { ApplicationWithdrawals } from './modules/applications/withdraw';
import { PaymentsConsole } from './modules/payments/console';
import { PaymentReconciliation } from './modules/payments/reconciliation';
import { Appointments } from './modules/appointments/service';
import { CitizenRecords } from './modules/records/service';
import { LivingFees } from './modules/living-fees/service';
import { Faq } from './modules/ask/faq';
import { Consultations } from './modules/ask/consultations';
import { HotlineDesk } from './modules/ask/hotline';
import { ProgressLookup } from './modules/applications/progress';
import { Payments } from './modules/payments/service';
import { PaymentChannels } from './modules/payments/channels';
import { addPaymentRoutes } from './modules/payments/routes';
import { addResultRoutes } from './modules/results/routes';
import { Results } from './modules/results/service';
import { Ratings } from './modules/ratings/service';
import { Family } from './modules/family/service';
import { addUploadRoutes } from './modules/uploads/routes';
import { UploadPurge } from './modules/uploads/purge';
import { Retention } from './modules/retention/retention';
import { addCarMoveRoutes } from './modules/car-move/routes';
import { CarMoveCodes } from './modules/car-move-codes/service';
import { addCarMoveCodeRoutes } from './modules/car-move-codes/routes';
import { OperatorService } from './modules/operators/service';
import { TilePublishing } from './modules/tiles/service';
import { ServiceAuthoring } from './modules/services-admin/service';
import { InquiryCards } from './modules/services-admin/inquiry';
import { AgencyDescriptions } from './modules/services-admin/descriptions';
import { NoticePublishing } from './modules/notices/service';
import { PublishedCache } from './publishedCache';
import type { HomeNoticeTable } from './db/schema';
import { SessionCache } from './modules/identity/session-cache';
import { ThisProcessBus, type InvalidationBus } from './invalidation/bus';
import { PostgresBus } from './invalidation/postgres';
import { RedisBus } from './invalidation/redis';
import { yogaAnswerBody } from './http/yogaAnswer';
import { readGraphqlBody } from './http/graphqlBody';
import { addIconRoutes } from './modules/tiles/icons';
import type { CategoryRow, LiveTile } from './modules/catalogue/store';
import { closeRedis, connectRedis, firstConnection, redisHealthy } from './redis';
import { corsMiddleware, jsonBodiesOnly, metricsGuard, securityHeaders } from './http/edges';
import { staticFiles } from './http/static';
import { homeShell } from './http/home-shell';
import { createContext, type Services } from './context';
import { buildSchema } from './schema';
import {
  armorPlugins,
  maskError,
  useErrorCodes,
  useJitForAppOperations,
  useNoIntrospection,
  yogaLogging,
} from './http/graphqlPlugins';

export interface BuiltApp {
  app: Koa;
  outbox: Outbox;
  /** The lease for background work: feeds and purges run on the instance that holds it. */
  leadership: Leadership;
  /** From now on /readyz answers 503 (draining), so a balancer that checks it stops sending requests. */
  drain(): void;
  desk: DepartmentDesk;
  hotline: HotlineDesk;
  uploadPurge: UploadPurge;
  retention: Retention;
  expirySweep: LicenceExpirySweep;
  services: Services;
  database: DatabaseHandle;
  upstream: UpstreamClient;
  metrics: Metrics;
  close(): Promise<void>;
}

/**
 * Builds the whole BFF without listening: database (migrated), upstream client,
 * GraphQL at /graphql, /healthz, /readyz, /metrics, and the H5 build at /.
 * Tests drive `app.callback()` or listen on a port of their own.
 */
export async function buildApp(config: Config, options: { logger?: Logger; now?: () => Date } = {}): Promise<BuiltApp> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const production = config.NODE_ENV === 'production';

  // Step 1: state. Migrations run before anything can read, here or (a cluster) as `npm run migrate`.
  const tracing = Tracing.start({
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: config.OTEL_SERVICE_NAME,
    instance: config.INSTANCE_ID,
  });
  const database = openDatabase(config, { log: tracing.enabled ? traceQuery : undefined });
  try {
    if (config.MIGRATE_ON_START) {
      await migrate(database, config.DATABASE_SCHEMA);
      // The seed catalogue, services and halls: loaded by the versioned seeding step, not by migrations.
      await seed(database.db);
    } else {
      const { pending } = await checkSchemaVersion(database, config.DATABASE_SCHEMA);
      if (pending.length)
        throw new Error(
          `The database schema is older than this build: migrations ${pending.join(', ')} are pending. Run \`npm run migrate\` first (MIGRATE_ON_START=false).`,
        );
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  // Step 2: the way out to agencies.
  const metrics = new Metrics();
  const upstream = new UpstreamClient({
    baseUrl: config.AGENCY_BASE_URL,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    retries: config.UPSTREAM_RETRIES,
    maxSockets: config.UPSTREAM_MAX_SOCKETS,
    retryBudget: { percent: config.UPSTREAM_RETRY_BUDGET_PERCENT },
    breaker: {
      errorPercent: config.BREAKER_ERROR_PERCENT,
      windowMs: config.BREAKER_WINDOW_MS,
      minCalls: config.BREAKER_MIN_CALLS,
      resetMs: config.BREAKER_RESET_MS,
    },
    metrics,
    logger,
  });
  const keys = loadKeys(config);
  const vault = new PersonalDataVault(keys.dataKey, keys.idHashKey, keys.oldDataKeys);
  // Other modules read who a citizen is through identity's facade, never its tables.
  const citizens = new CitizenDirectory({ db: database.db, vault });
  const now = options.now;
  const redis = config.REDIS_URL ? connectRedis(config.REDIS_URL, logger) : null;
  // Redis down at start is not fatal: the instance starts not ready (/readyz) and reconnects.
  if (redis && !(await firstConnection(redis)))
    logger.warn('starting without redis; /readyz says not ready until it is reachable');
  const outbox = new Outbox(database.db, vault, logger, {
    pollMs: config.OUTBOX_POLL_MS,
    leaseMs: config.OUTBOX_LEASE_MS,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    batchSize: config.OUTBOX_BATCH_SIZE,
    concurrency: config.OUTBOX_CONCURRENCY,
    now,
  });
  const limits = {
    perDay: config.CAR_MOVE_MAX_PER_DAY,
    perMonth: config.CAR_MOVE_MAX_PER_MONTH,
    perPlatePerHour: config.CAR_MOVE_MAX_PER_PLATE_PER_HOUR,
  };
  const limiter: CarMoveLimiter = redis
    ? new RedisLimiter(redis, limits, `${config.REDIS_KEY_PREFIX}:carmove`)
    : new DatabaseLimiter(database.db, limits);
  const platforms = platformAuths(upstream, config);
  const subscriptions = new Subscriptions(database.db, citizens);
  const clock = () => now?.() ?? new Date();
  const messages = new Messages({
    db: database.db,
    citizens,
    outbox,
    subscriptions,
    platforms,
    upstream,
    logger,
    now: clock,
  });
  // Attempt limits (real name, face): in Redis when several instances share it, else in the database.
  const attempts: AttemptLimiter = redis
    ? new RedisAttemptLimiter(redis, config.REDIS_KEY_PREFIX)
    : new DatabaseAttemptLimiter(database.db);
  // Deletion and scheduled purges; deleteMyAccount hands it the person to forget.
  const retention = new Retention({ db: database.db, vault, outbox, upstream, logger, config, now: clock });
  // How instances tell each other that what they cache changed: Redis when configured, else
  // the shared PostgreSQL database's LISTEN/NOTIFY; a SQLite file belongs to one instance.
  const invalidations: InvalidationBus = redis
    ? new RedisBus(redis, config.REDIS_KEY_PREFIX, logger)
    : database.dialect === 'postgres'
      ? new PostgresBus({
          connectionString: config.DATABASE_URL!,
          schema: config.DATABASE_SCHEMA ?? 'public',
          prefix: config.REDIS_KEY_PREFIX,
          db: database.db,
          logger,
        })
      : new ThisProcessBus();
  // Sessions' accounts, kept a few seconds per instance; cleared everywhere on logout, revocation and account changes.
  const sessions = new SessionCache({ ttlMs: config.SESSION_CACHE_MS, bus: invalidations, logger });
  await sessions.start();
  const identity = new IdentityService({
    store: new IdentityStore(database.db),
    attempts,
    messages,
    vault,
    tokens: new TokenIssuer(keys.sessionSecret, config.ACCESS_TOKEN_TTL_S, keys.oldSessionSecrets),
    platforms,
    upstream,
    config,
    logger,
    now,
    forget: retention.forget,
    sessions,
  });
  // Live service definitions, cleared by every publish (as the tiles are).
  const serviceDefinitions = new PublishedCache<StoredDefinition | null>(
    config.SERVICE_CACHE_MS,
    invalidations,
    'services',
    logger,
  );
  await serviceDefinitions.start();
  const applications = new ApplicationService({
    definitions: serviceDefinitions,
    db: database.db,
    vault,
    citizens,
    outbox,
    identity,
    messages,
    logger,
    now: clock,
    paymentExpireMinutes: config.PAYMENT_EXPIRE_MIN,
  });
  const payments = new Payments({
    db: database.db,
    citizens,
    upstream,
    outbox,
    applications,
    messages,
    logger,
    now: clock,
    financeKey: config.FINANCE_KEY,
    utilityKey: config.UTILITY_KEY,
    channels: new PaymentChannels(upstream, config),
    notifyBaseUrl: config.PAYMENT_NOTIFY_URL ?? (production ? config.PUBLIC_URL : null),
  });
  const search = new ServiceSearch();
  const consultations = new Consultations({
    db: database.db,
    vault,
    outbox,
    identity,
    messages,
    attempts,
    maxPerDay: config.ASK_MAX_PER_DAY,
    now: clock,
  });
  const hotline = new HotlineDesk({
    db: database.db,
    vault,
    upstream,
    outbox,
    consultations,
    logger,
    pollMs: config.HOTLINE_POLL_MS,
    now: clock,
  });
  const results = new Results({
    db: database.db,
    vault,
    citizens,
    upstream,
    outbox,
    applications,
    messages,
    logger,
    now: clock,
    signingKey: config.DOCUMENT_SIGNING_KEY,
    publicUrl: config.PUBLIC_URL,
    font: { path: config.DOCUMENT_FONT_PATH, name: config.DOCUMENT_FONT_NAME },
  });
  // The daily reconciliation with the finance bureau: a leader job, from 02:00 China time for the day before.
  const reconciliation = new PaymentReconciliation({
    db: database.db,
    upstream,
    logger,
    now: clock,
    checkEveryMs: 15 * 60_000,
    atHour: 2,
  });
  const withdrawals = new ApplicationWithdrawals({
    db: database.db,
    outbox,
    upstream,
    applications,
    messages,
    payments,
    logger,
    now: clock,
  });
  const desk = new DepartmentDesk({
    db: database.db,
    vault,
    citizens,
    upstream,
    outbox,
    applications,
    payments,
    results,
    withdrawals,
    logger,
    pollMs: config.DEPARTMENT_POLL_MS,
    now: clock,
  });
  const operators = new OperatorService({
    db: database.db,
    secret: keys.sessionSecret,
    oldSecrets: keys.oldSessionSecrets,
    config,
    now,
  });
  const liveTiles = new PublishedCache<LiveTile[]>(config.TILE_CACHE_MS, invalidations, 'tiles', logger);
  await liveTiles.start();
  const publishedNotices = new PublishedCache<readonly HomeNoticeTable[]>(
    config.TILE_CACHE_MS,
    invalidations,
    'notices',
    logger,
  );
  await publishedNotices.start();
  const agencies = new AgencyProbe(upstream, config.AGENCY_PROBE_TIMEOUT_MS);
  const agencyStatus = new AgencyStatusBoard(agencies, { refreshMs: config.AGENCY_STATUS_REFRESH_MS, metrics, logger });
  const wallet = new Wallet({
    db: database.db,
    citizens,
    identity,
    operators,
    messages,
    secret: keys.sessionSecret,
    now: clock,
  });
  // Licence-expiry reminders: a daily sweep on the leader, from 09:00 China time.
  const expirySweep = new LicenceExpirySweep({
    db: database.db,
    citizens,
    upstream,
    wallet,
    logger,
    now: clock,
    checkEveryMs: 15 * 60_000,
    atHour: 9,
  });
  const serviceDescriptions = new AgencyDescriptions(upstream);
  const inquiryCards = new InquiryCards({
    db: database.db,
    citizens,
    identity,
    operators,
    descriptions: serviceDescriptions,
    unmasked: InquiryCards.allowList(config.INQUIRY_UNMASKED_FIELDS),
    now: clock,
  });
  const tiles = new TilePublishing({
    db: database.db,
    operators,
    cache: liveTiles as PublishedCache<unknown>,
    webAllowList: config.TILE_WEB_ALLOWLIST.split(',')
      .map((d) => d.trim())
      .filter(Boolean),
    inquiryCardPublished: (id, db) => inquiryCards.isPublished(id, db),
    now: clock,
  });
  const carMove = new CarMoveService({
    db: database.db,
    dialect: database.dialect,
    vault,
    citizens,
    upstream,
    outbox,
    limiter,
    identity,
    messages,
    platforms,
    config,
    logger,
    now,
  });
  const appointments = new Appointments({ db: database.db, outbox, messages, identity, now: clock });
  const ratings = new Ratings({
    db: database.db,
    vault,
    upstream,
    outbox,
    messages,
    applications,
    appointments,
    consultations,
    carMove,
    followUpHours: config.RATING_FOLLOWUP_HOURS,
    logger,
    now: clock,
  });
  // Nothing publishes categories (the seed adds them), so nothing invalidates: they are kept TILE_CACHE_MS.
  const catalogue = new CatalogueStore(
    database.db,
    new PublishedCache<readonly CategoryRow[]>(config.TILE_CACHE_MS, null, 'categories', logger),
  );
  const services: Services = {
    servicesAdmin: new ServiceAuthoring({
      definitions: serviceDefinitions,
      db: database.db,
      operators,
      descriptions: serviceDescriptions,
      tiles,
      now: clock,
    }),
    inquiryCards,
    serviceDescriptions,
    config,
    db: database.db,
    logger,
    catalogue,
    agencies,
    agencyStatus,
    identity,
    carMove,
    carMoveCodes: new CarMoveCodes({
      db: database.db,
      vault,
      citizens,
      upstream,
      outbox,
      messages,
      identity,
      carMove,
      attempts,
      config,
      logger,
      now: clock,
    }),
    subscriptions,
    operators,
    tiles,
    notices: new NoticePublishing({
      published: publishedNotices,
      db: database.db,
      operators,
      webAllowList: config.TILE_WEB_ALLOWLIST.split(',')
        .map((d) => d.trim())
        .filter(Boolean),
      now: clock,
    }),
    liveTiles,
    upstream,
    messages,
    applications,
    search,
    faq: new Faq({ db: database.db, search }),
    consultations,
    progress: new ProgressLookup({
      db: database.db,
      vault,
      attempts,
      maxPerNumber: config.PROGRESS_MAX_FAILURES_PER_NUMBER,
      maxPerClient: config.PROGRESS_MAX_FAILURES_PER_CLIENT,
      now: clock,
    }),
    wallet,
    appointments,
    records: new CitizenRecords({ db: database.db, citizens, identity, upstream }),
    payments,
    results,
    ratings,
    family: new Family({
      db: database.db,
      vault,
      citizens,
      identity,
      upstream,
      messages,
      now: clock,
      serviceCategory: async (serviceId) => (await applications.definition(serviceId))?.categoryId ?? null,
      serviceOf: async (of, id, citizenId) => {
        const applicationId =
          of === 'application'
            ? id
            : of === 'payment'
              ? await payments.applicationOf(id, citizenId)
              : await results.applicationOf(id, citizenId);
        return applicationId ? applications.serviceOf(applicationId, citizenId) : null;
      },
      categoryExists: async (categoryId) => (await catalogue.categoriesByIds([categoryId])).length > 0,
    }),
    livingFees: new LivingFees({
      db: database.db,
      vault,
      citizens,
      upstream,
      outbox,
      identity,
      attempts,
      paymentExpireMinutes: config.PAYMENT_EXPIRE_MIN,
      now: clock,
    }),
    withdrawals,
    paymentsConsole: new PaymentsConsole({ db: database.db, payments, now: clock }),
    reconciliation,
    now: clock,
  };
  outbox.start();
  await agencyStatus.start();
  const uploadPurge = new UploadPurge({
    db: database.db,
    vault,
    logger,
    everyMs: config.UPLOAD_PURGE_EVERY_MIN * 60_000,
    now: clock,
  });
  // Feeds and purges on one instance at a time (the outbox needs no leader: each message has its own lease).
  const leadership = new Leadership({
    databaseUrl: database.dialect === 'postgres' ? config.DATABASE_URL : undefined,
    schema: config.DATABASE_SCHEMA,
    retryMs: config.LEADER_RETRY_MS,
    logger,
    onChange: (leading) => metrics.leader.set(leading ? 1 : 0),
  });
  leadership.add(desk, hotline, uploadPurge, retention, expirySweep, reconciliation);
  await leadership.start();

  // Step 3: GraphQL.
  const yoga = createYoga({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !production,
    batching: false,
    // Bodies are read by the route (http/graphqlBody.ts); this covers one handed over as text.
    maxRequestBodySize: config.GRAPHQL_MAX_BODY_BYTES,
    // CORS is the Koa layer's allow-list (http/edges.ts); Yoga's default would echo any origin.
    cors: false,
    maskedErrors: { maskError },
    logging: yogaLogging(logger),
    context: ({ request, clientIp, requestId }: { request: Request; clientIp?: string; requestId?: string }) =>
      createContext(services, request, clientIp, requestId),
    plugins: [
      ...armorPlugins({ maxDepth: config.GRAPHQL_MAX_DEPTH, production }),
      ...(production ? [useNoIntrospection()] : []),
      useErrorCodes(logger, { hideSuggestions: production }),
      useRequestDeadline({ writeMs: config.REQUEST_DEADLINE_WRITE_MS }),
      useOperationMetrics(metrics),
      // Before tracing: its plugin wraps whichever executor it is handed in the operation's span.
      useJitForAppOperations(logger),
      ...tracing.plugins(),
    ],
  });

  // Step 4: HTTP.
  const app = new Koa();
  app.proxy = true;
  // First, so the request's log line and its agency calls carry the request id, and the trace covers the whole request.
  app.use(requestIdMiddleware());
  app.use(tracing.middleware());
  app.use(async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } catch (error) {
      logger.error({ err: error, path: ctx.path, requestId: requestIdOf(ctx) }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'INTERNAL_SERVER_ERROR' };
    } finally {
      // Path only: query strings and bodies may carry personal data.
      logger.info(
        {
          requestId: requestIdOf(ctx),
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    }
  });
  app.use(securityHeaders(config));
  app.use(corsMiddleware(config));

  const router = new Router();
  router.all('/graphql', jsonBodiesOnly(), async (ctx) => {
    if (!(await readGraphqlBody(ctx, config.GRAPHQL_MAX_BODY_BYTES))) return;
    // The client's address (behind the proxy, app.proxy) for limits per client, e.g. progress lookup.
    const response = await yoga.handleNodeRequestAndResponse(ctx.req, ctx.res, {
      clientIp: ctx.ip,
      requestId: requestIdOf(ctx),
    });
    response.headers.forEach((value, key) => ctx.append(key, value));
    // Every GraphQL answer is per user (tokens, personal data, masked or not): no cache keeps one.
    ctx.set('Cache-Control', 'no-store');
    // Body first: Koa turns a null body into 204, which hid Yoga's 405/415 answers.
    const body = await yogaAnswerBody(response);
    if (body !== null) ctx.body = body;
    ctx.status = response.status;
  });
  addIconRoutes(router, { db: database.db, operators, now: clock });
  addUploadRoutes(router, {
    db: database.db,
    vault,
    identity,
    maxBytes: config.UPLOAD_MAX_BYTES,
    maxPixels: config.UPLOAD_MAX_PIXELS,
    quota: { perDay: config.UPLOAD_MAX_PER_DAY, bytesPerDay: config.UPLOAD_MAX_BYTES_PER_DAY },
    now,
  });
  addCarMoveRoutes(router, { carMove: services.carMove, db: database.db, vault });
  addCarMoveCodeRoutes(router, { codes: services.carMoveCodes, identity, maxBytes: config.UPLOAD_MAX_BYTES });
  addPaymentRoutes(router, payments);
  addResultRoutes(router, { results, identity });
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  // Ready = this process can serve: its database, and Redis when configured. An agency
  // down is not a reason to leave the load balancer (every instance would leave at once);
  // agency health is on the operators' board and in /metrics.
  let draining = false;
  router.get('/readyz', async (ctx) => {
    const [databaseOk, redisOk] = await Promise.all([
      pingDatabase(services.db).then(
        () => true,
        () => false,
      ),
      redis ? redisHealthy(redis) : Promise.resolve(null),
    ]);
    const ready = databaseOk && redisOk !== false && !draining;
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      status: draining ? 'draining' : ready ? 'ready' : 'not ready',
      database: databaseOk ? 'ok' : 'unreachable',
      ...(redis ? { redis: redisOk ? 'ok' : 'unreachable' } : {}),
    };
  });
  router.get('/metrics', metricsGuard(config), async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  app.use(router.routes()).use(router.allowedMethods());

  if (config.SERVE_H5 && fs.existsSync(config.STATIC_DIR)) {
    // / carries the published tiles, drawn by the server (issue 13); the rest is the build as is.
    app.use(
      homeShell(
        config.STATIC_DIR,
        {
          tiles: (region) =>
            liveTiles.get(`H5|${region ?? ''}`, () => catalogue.listPublishedTiles('H5', region ?? undefined, clock())),
          categories: () => catalogue.listCategories(),
        },
        logger,
      ),
    );
    app.use(staticFiles(config.STATIC_DIR));
  }

  return {
    app,
    outbox,
    leadership,
    drain: () => void (draining = true),
    services,
    database,
    upstream,
    metrics,
    desk,
    hotline,
    uploadPurge,
    retention,
    expirySweep,
    async close() {
      // Hands the lease back at once (a follower takes over on its next try), after its work stopped.
      await leadership.stop();
      await uploadPurge.stop();
      await retention.stop();
      await agencyStatus.stop();
      await desk.stop();
      await hotline.stop();
      await outbox.stop();
      await liveTiles.stop();
      await serviceDefinitions.stop();
      await publishedNotices.stop();
      await sessions.stop();
      await invalidations.stop();
      if (redis) await closeRedis(redis);
      await upstream.close();
      await database.close();
      await tracing.shutdown();
    },
  };
}
