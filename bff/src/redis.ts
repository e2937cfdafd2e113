import Redis from 'ioredis';
import type { Logger } from 'pino';

/**
 * The BFF's one Redis connection (limits, tile-cache invalidation). Redis is a
 * dependency of the instance itself, unlike an agency: while it is gone, commands fail
 * at once (no offline queue, so a request does not hang waiting for it), resolvers
 * answer SERVICE_UNAVAILABLE (graphqlPlugins.ts), /readyz answers 503, and the client
 * keeps reconnecting in the background. Redis down at start does not stop the start.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // Reconnect forever, at most every 2 s: the instance recovers without a restart.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let down = false;
  redis.on('error', (error: NodeJS.ErrnoException) => {
    // Once per outage, not once per reconnect attempt; the URL may hold a password, so only the code.
    if (!down) logger.warn({ code: error.code ?? error.name }, 'redis unreachable; retrying');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('redis reachable again');
    down = false;
  });
  return redis;
}

/** Waits (briefly) for the first connection, so start-up commands do not fail only because the socket was still opening. */
export async function firstConnection(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      resolve(ready);
    };
    const onReady = () => done(true);
    const onError = () => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
}

/** For /readyz: connected and answering a PING within `timeoutMs`. */
export async function redisHealthy(redis: Redis, timeoutMs = 500): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return pong === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Closes politely when connected; a client still reconnecting is just stopped (QUIT would wait for a connection). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** Whether an error thrown by an ioredis command means "Redis cannot be reached" (not a bug in the command). */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  if (CONNECTION_CODES.has((error as NodeJS.ErrnoException).code ?? '')) return true;
  return /Stream isn't writeable and enableOfflineQueue|^Connection is closed\.?$/.test(error.message);
}
