#!/usr/bin/env node
/**
 * Runs the whole app on its embedded defaults: the simulated agencies (port 4010),
 * then the BFF (port 4000, SQLite under data/, serving the H5 build at /). With
 * --dev, also rebuilds the WeChat build on every change. Ctrl-C stops everything.
 * `npm start` builds all four platforms first; settings come from the environment
 * (see .env.example).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const children = [];

function start(name, command, args, readyPattern, env = {}, cwd = root) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let ready = false;
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        process.stdout.write(`[${name}] ${line}\n`);
        if (!ready && readyPattern.test(line)) {
          ready = true;
          resolve(child);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`${name} exited with code ${code} before it was ready`));
      else if (!stopping) {
        console.error(`[${name}] exited with code ${code}; stopping`);
        stop(1);
      }
    });
  });
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  const mockPort = process.env.MOCK_PORT ?? '4010';
  await start('mock-data', tsx, ['mock-data/src/server.ts'], /mock-data listening/, { MOCK_PORT: mockPort });
  await start('bff', tsx, ['bff/src/server.ts'], /bff listening/, {
    AGENCY_BASE_URL: process.env.AGENCY_BASE_URL ?? `http://127.0.0.1:${mockPort}`,
  });
  if (process.argv.includes('--dev')) {
    // The WeChat build rebuilt on every change, for WeChat devtools (Taro reads its config
    // from the miniapp folder). H5's watch mode runs its own dev server instead of writing
    // dist/h5, so for the browser: npm run build:h5 and reload.
    await start(
      'weapp',
      path.join(root, 'node_modules/.bin/taro'),
      ['build', '--type', 'weapp', '--watch'],
      /监听文件修改中|Compiled|compiled/,
      { NODE_ENV: 'development' },
      path.join(root, 'miniapp'),
    );
  }
  const bff = `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '4000'}`;
  console.log(`
The city app is running.
  H5 (browser):     ${bff}/
  GraphQL:          ${bff}/graphql   (GraphiQL in development)
  Health:           ${bff}/healthz  ${bff}/readyz  ${bff}/metrics
  Agencies:         http://127.0.0.1:${mockPort}/  (OpenAPI at /openapi/<agency>.json)
  WeChat devtools:  open this folder (project.config.json → miniapp/dist/weapp)
  Alipay / Baidu:   open miniapp/dist/alipay or miniapp/dist/swan in their IDEs
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(error.message);
  stop(1);
}
