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
  const server = built.app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    built.services.logger.info({ port }, 'bff listening');
    // The line scripts wait for.
    console.log(`bff listening on http://${config.HOST}:${port} (GraphQL at /graphql, database ${built.database.dialect})`);
  });
  // Stop taking requests, let the ones in flight finish, then close the pools.
  const stop = () => server.close(() => void built.close().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error('bff failed to start:', (error as Error).message);
  process.exit(1);
});
