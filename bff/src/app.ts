import fs from 'node:fs';
import Koa from 'koa';
import Router from 'koa-router';
import serve from 'koa-static';
import { createYoga } from 'graphql-yoga';
import type { Logger } from 'pino';
import { AGENCIES } from '@citizen/shared';
import type { Config } from './config';
import { createLogger } from './logger';
import { migrate, openDatabase, pingDatabase, type DatabaseHandle } from './db';
import { UpstreamClient } from './upstream/client';
import { Metrics } from './upstream/metrics';
import { CatalogueStore } from './modules/catalogue/store';
import { AgencyProbe } from './modules/agencies/probe';
import { IdentityService } from './modules/identity/service';
import { IdentityStore } from './modules/identity/store';
import { PersonalDataVault } from './modules/identity/vault';
import { TokenIssuer } from './modules/identity/tokens';
import { loadKeys } from './modules/identity/keys';
import { platformAuths } from './modules/identity/platforms';
import { CarMoveService } from './modules/car-move/service';
import { DatabaseLimiter, RedisLimiter, type CarMoveLimiter } from './modules/car-move/limits';
import { Outbox } from './outbox/outbox';
import { Subscriptions } from './modules/notifications/subscriptions';
import { Messages } from './modules/messages/service';
import { ApplicationService } from './modules/applications/service';
import { DepartmentDesk } from './modules/applications/departments';
import { ServiceSearch } from './modules/applications/search';
import { Wallet } from './modules/wallet/service';
import { Appointments } from './modules/appointments/service';
import { addUploadRoutes } from './modules/uploads/routes';
import { addCarMoveRoutes } from './modules/car-move/routes';
import { OperatorService } from './modules/operators/service';
import { TilePublishing } from './modules/tiles/service';
import { LiveTileCache } from './modules/tiles/cache';
import { addIconRoutes } from './modules/tiles/icons';
import type { TileRow } from './modules/catalogue/store';
import Redis from 'ioredis';
import { createContext, type Services } from './context';
import { buildSchema } from './schema';
import { armorPlugins, maskError, useErrorCodes, useNoIntrospection } from './http/graphqlPlugins';

export interface BuiltApp {
  app: Koa;
  outbox: Outbox;
  desk: DepartmentDesk;
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

  // Step 1: state. Migrations run before anything can read.
  const database = openDatabase(config);
  await migrate(database, config.DATABASE_SCHEMA);

  // Step 2: the way out to agencies.
  const metrics = new Metrics();
  const upstream = new UpstreamClient({
    baseUrl: config.AGENCY_BASE_URL,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    retries: config.UPSTREAM_RETRIES,
    maxSockets: config.UPSTREAM_MAX_SOCKETS,
    breaker: { errorPercent: config.BREAKER_ERROR_PERCENT, windowMs: config.BREAKER_WINDOW_MS, minCalls: config.BREAKER_MIN_CALLS, resetMs: config.BREAKER_RESET_MS },
    metrics,
    logger,
  });
  const keys = loadKeys(config);
  const vault = new PersonalDataVault(keys.dataKey, keys.idHashKey);
  const now = options.now;
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false }) : null;
  const outbox = new Outbox(database.db, vault, logger, { pollMs: config.OUTBOX_POLL_MS, leaseMs: config.OUTBOX_LEASE_MS, maxAttempts: config.OUTBOX_MAX_ATTEMPTS, now });
  const limits = { perDay: config.CAR_MOVE_MAX_PER_DAY, perMonth: config.CAR_MOVE_MAX_PER_MONTH, perPlatePerHour: config.CAR_MOVE_MAX_PER_PLATE_PER_HOUR };
  const limiter: CarMoveLimiter = redis ? new RedisLimiter(redis, limits, `${config.REDIS_KEY_PREFIX}:carmove`) : new DatabaseLimiter(limits, database.dialect);
  const platforms = platformAuths(upstream, config);
  const identity = new IdentityService({
    store: new IdentityStore(database.db),
    vault,
    tokens: new TokenIssuer(keys.sessionSecret, config.ACCESS_TOKEN_TTL_S),
    platforms,
    upstream,
    config,
    logger,
    now,
  });
  const subscriptions = new Subscriptions(database.db);
  const clock = () => now?.() ?? new Date();
  const messages = new Messages({ db: database.db, vault, outbox, subscriptions, platforms, upstream, logger, now: clock });
  const applications = new ApplicationService({ db: database.db, vault, outbox, identity, messages, logger, now: clock });
  const desk = new DepartmentDesk({ db: database.db, vault, upstream, outbox, applications, logger, pollMs: config.DEPARTMENT_POLL_MS, now: clock });
  const operators = new OperatorService({ db: database.db, secret: keys.sessionSecret, config, now });
  const liveTiles = new LiveTileCache<TileRow[]>(config.TILE_CACHE_MS, redis, `${config.REDIS_KEY_PREFIX}:tiles:invalidate`, logger);
  await liveTiles.start();
  const services: Services = {
    config,
    db: database.db,
    logger,
    catalogue: new CatalogueStore(database.db),
    agencies: new AgencyProbe(upstream, config.AGENCY_PROBE_TIMEOUT_MS),
    identity,
    carMove: new CarMoveService({ db: database.db, vault, upstream, outbox, limiter, identity, messages, platforms, config, logger, now }),
    subscriptions,
    operators,
    tiles: new TilePublishing({ db: database.db, operators, cache: liveTiles as LiveTileCache<unknown>, webAllowList: config.TILE_WEB_ALLOWLIST.split(',').map((d) => d.trim()).filter(Boolean), now: clock }),
    liveTiles,
    upstream,
    messages,
    applications,
    search: new ServiceSearch(),
    wallet: new Wallet({ db: database.db, vault, identity, operators, messages, secret: keys.sessionSecret, now: clock }),
    appointments: new Appointments({ db: database.db, outbox, messages, identity, now: clock }),
    now: clock,
  };
  outbox.start();
  desk.start();

  // Step 3: GraphQL.
  const yoga = createYoga({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: !production,
    batching: false,
    maskedErrors: { maskError },
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    context: ({ request }) => createContext(services, request),
    plugins: [...armorPlugins({ maxDepth: config.GRAPHQL_MAX_DEPTH, production }), ...(production ? [useNoIntrospection()] : []), useErrorCodes(logger)],
  });

  // Step 4: HTTP.
  const app = new Koa();
  app.proxy = true;
  app.use(async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } catch (error) {
      logger.error({ err: error, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'INTERNAL_SERVER_ERROR' };
    } finally {
      // Path only: query strings and bodies may carry personal data.
      logger.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) }, 'request');
    }
  });

  const router = new Router();
  router.all('/graphql', async (ctx) => {
    const response = await yoga.handleNodeRequestAndResponse(ctx.req, ctx.res);
    ctx.status = response.status;
    response.headers.forEach((value, key) => ctx.append(key, value));
    ctx.body = response.body;
  });
  addIconRoutes(router, { db: database.db, operators, now: clock });
  addUploadRoutes(router, { db: database.db, vault, identity, maxBytes: config.UPLOAD_MAX_BYTES, now });
  addCarMoveRoutes(router, { carMove: services.carMove, db: database.db, vault });
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const [database, probes] = await Promise.all([
      pingDatabase(services.db).then(() => 'ok', () => 'unreachable'),
      services.agencies.probeAll(AGENCIES),
    ]);
    const agencies = Object.fromEntries(probes.map((p) => [p.name, p.reachable ? 'ok' : 'unreachable']));
    const ready = database === 'ok' && probes.every((p) => p.reachable);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'degraded', database, agencies };
  });
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  app.use(router.routes()).use(router.allowedMethods());

  if (config.SERVE_H5 && fs.existsSync(config.STATIC_DIR)) {
    app.use(serve(config.STATIC_DIR, { maxage: 0, gzip: true }));
  }

  return {
    app,
    outbox,
    services,
    database,
    upstream,
    metrics,
    desk,
    async close() {
      await desk.stop();
      await outbox.stop();
      await liveTiles.stop();
      await redis?.quit();
      await upstream.close();
      await database.close();
    },
  };
}
