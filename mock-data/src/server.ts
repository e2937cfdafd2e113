import { loadMockConfig } from './config';
import { buildMockApp } from './app';

function main(): void {
  let config;
  try {
    config = loadMockConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const started = Date.now();
  const { app, world, close } = buildMockApp(config);
  const server = app.listen(config.MOCK_PORT, config.MOCK_HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.MOCK_PORT;
    // The line scripts wait for: the port is open and data is ready.
    console.log(
      `mock-data listening on http://${config.MOCK_HOST}:${port} (${world.people.length} people, ${world.vehicles.length} vehicles, seed ${world.seed}, ${Date.now() - started} ms)`,
    );
  });
  const stop = () => {
    close();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
