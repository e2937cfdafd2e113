import net from 'node:net';
import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config';
import { buildApp } from './app';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const built = await buildApp(config);
  const logger = built.services.logger;
  const server = built.app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info({ port }, 'bff listening');
    // The line scripts wait for.
    console.log(
      `bff listening on http://${config.HOST}:${port} (GraphQL at /graphql, database ${built.database.dialect})`,
    );
  });

  let stopping = false;
  // Answers given while stopping close their connection, so a client (the balancer) that
  // kept it alive opens its next one to an instance that is staying.
  server.on('request', (_req, res) => {
    if (stopping) res.setHeader('Connection', 'close');
  });

  /**
   * Graceful shutdown: stop listening once no new connection comes (the balancer has
   * moved on), let the requests in flight finish within SHUTDOWN_GRACE_MS, then stop the
   * background work (the leader's lease handed back, outbox deliveries in flight finished,
   * so their leases are released), close the pools and exit 0. Past the grace period the
   * remaining connections are cut.
   */
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down');
    built.drain();
    const closed = stopListening(server);
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), config.SHUTDOWN_GRACE_MS);
    });
    void Promise.race([closed, grace])
      .then(async (outcome) => {
        clearTimeout(timer);
        if (outcome === 'late') {
          logger.warn('grace period over; closing the connections still open');
          server.closeAllConnections();
        }
        await built.close();
        logger.info({ ms: Date.now() - started }, 'stopped');
        process.exit(0);
      })
      .catch((error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** How long no new connection must have come before the listening socket closes. */
const QUIET_BEFORE_CLOSE_MS = 1000;

/**
 * Stops taking connections and resolves once every open one has ended.
 *
 * Not Node's http `server.close()`: that also cuts the connections it thinks idle, and on
 * a busy instance those include ones whose request is still unread in the socket buffer.
 * Nor closing the listening socket at once: a balancer worker that received a request
 * before it was told of the restart still sends it here, and connections waiting in the
 * kernel's accept queue when the socket closes are reset. Either way the balancer sees
 * "connection reset" after sending a POST, which it must not retry: a 502 (55 of 2,000
 * requests in a rolling restart at load 8 on two cores, all reset by the old instance).
 *
 * So the socket stays open, and every connection is taken and answered (with
 * `Connection: close`), until none has come for QUIET_BEFORE_CLOSE_MS; then the listening
 * socket alone closes. Kept-alive connections end with their next answer or the server's
 * keep-alive timeout; the grace period cuts whatever is left.
 */
async function stopListening(server: Server): Promise<void> {
  let last = Date.now();
  const onConnection = () => void (last = Date.now());
  server.on('connection', onConnection);
  while (Date.now() - last < QUIET_BEFORE_CLOSE_MS) await new Promise((resolve) => setTimeout(resolve, 100));
  server.off('connection', onConnection);
  await new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
}

main().catch((error) => {
  console.error('bff failed to start:', (error as Error).message);
  process.exit(1);
});
