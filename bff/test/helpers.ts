import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Pool } from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { buildApp, type BuiltApp } from '../src/app';
import { createLogger } from '../src/logger';

export { startMockData, type MockData } from '../../test-support/stack';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Settings for a fresh, empty database. */
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

/**
 * SQLite always; PostgreSQL when TEST_DATABASE_URL is set (.ci/run sets it). Each
 * call to env() gives a new database: a new SQLite file or a new PostgreSQL schema.
 */
export function testDatabases(): TestDatabase[] {
  const tempDirs: string[] = [];
  const schemas: string[] = [];
  const list: TestDatabase[] = [
    {
      name: 'sqlite',
      env: async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-test-'));
        tempDirs.push(dir);
        return { DATA_DIR: dir };
      },
      cleanup: async () => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })),
    },
  ];
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    list.push({
      name: 'postgres',
      env: async () => {
        const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemas.length}`;
        schemas.push(schema);
        return { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema };
      },
      cleanup: async () => {
        const pool = new Pool({ connectionString: pgUrl });
        for (const schema of schemas) await pool.query(`drop schema if exists "${schema}" cascade`);
        await pool.end();
      },
    });
  }
  return list;
}

export interface RunningBff {
  url: string;
  built: BuiltApp;
  logs: string[];
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }>;
  stop(): Promise<void>;
}

/** The BFF built in this process and listening on a free port; its log lines are kept for assertions. */
export async function startBff(env: Record<string, string>, options: { now?: () => Date } = {}): Promise<RunningBff> {
  const config = loadConfig({ LOG_LEVEL: 'info', SERVE_H5: 'false', UPSTREAM_TIMEOUT_MS: '1000', AGENCY_PROBE_TIMEOUT_MS: '500', ...env });
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) } as pino.DestinationStream);
  const built = await buildApp(config, { logger, now: options.now });
  const server: Server = built.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    built,
    logs,
    gql: async (query, variables, token) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: response.status, body: await response.json() };
    },
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await built.close();
    },
  };
}
