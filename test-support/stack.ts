import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Real processes for tests that cross process boundaries: the simulated agencies
 * and the BFF, each started as `npm start` would start it, on a free port.
 */
export const REPO = path.resolve(__dirname, '..');
const TSX = path.join(REPO, 'node_modules/.bin/tsx');

/** Starts a process and resolves with the URL it prints on the line containing `marker`. */
export function startProcess(
  script: string,
  env: Record<string, string>,
  marker: RegExp,
): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [script], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // TEST_START_TIMEOUT_MS: longer on a machine many runs share (tsx compiling the mock under load can take over 30 s).
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start:\n${output}`)),
      Number(process.env.TEST_START_TIMEOUT_MS) || 30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(marker);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface MockData {
  url: string;
  stop(): Promise<void>;
  fault(
    agency: string,
    fault: { mode?: 'ok' | 'down' | 'throttle' | 'hang'; latencyMs?: number; errorRate?: number },
  ): Promise<void>;
  resetFaults(): Promise<void>;
  json(pathname: string, init?: RequestInit): Promise<any>;
}

/** How many calls the simulators have taken on `route` (e.g. 'POST /population/v1/identity-checks'), as they counted them. */
export async function agencyCalls(mock: Pick<MockData, 'json'>, route: string): Promise<number> {
  return Number((await mock.json('/admin/calls')).calls[route] ?? 0);
}

/** A real mock-data process on a free port; `root`: another checkout's (a benchmark's baseline). */
export async function startMockData(env: Record<string, string> = {}, root = REPO): Promise<MockData> {
  const { url, child } = await startProcess(
    path.join(root, 'mock-data/src/server.ts'),
    { MOCK_PORT: '0', MOCK_PEOPLE: '2000', MOCK_VEHICLES: '500', ...env },
    /mock-data listening on (http:\/\/[\d.:]+)/,
  );
  const json = async (pathname: string, init?: RequestInit) => {
    const response = await fetch(url + pathname, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) },
    });
    return response.status === 204 ? null : response.json();
  };
  return {
    url,
    json,
    stop: () => stopProcess(child),
    fault: async (agency, fault) =>
      void (await json(`/admin/faults/${agency}`, { method: 'PUT', body: JSON.stringify(fault) })),
    resetFaults: async () => void (await json('/admin/faults', { method: 'DELETE' })),
  };
}

export interface BffProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** The BFF as a real process (tsx bff/src/server.ts) on a free port, with a fresh SQLite database unless env says otherwise. */
export async function startBffProcess(env: Record<string, string>): Promise<BffProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bff-proc-'));
  const { url, child } = await startProcess(
    'bff/src/server.ts',
    { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    /bff listening on (http:\/\/[\d.:]+)/,
  );
  return {
    url,
    dataDir,
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
