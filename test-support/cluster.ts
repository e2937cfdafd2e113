import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO, startMockData, type MockData } from './stack';

/**
 * The production layout on one machine: the agencies, N BFF instances on PostgreSQL
 * and Redis, and nginx in front of them serving the H5 build and /graphql. Used by
 * `npm run start:cluster` and by the cluster tests. nginx runs from a config written
 * into a temp folder, on 127.0.0.1 and a high port (never the system's nginx).
 */
// node itself with tsx's loader, not the tsx launcher: a signal (SIGTERM, kill -9) must reach the BFF, not a wrapper.
const NODE_TSX = [process.execPath, '--import', 'tsx'] as const;
const run = promisify(execFile);

export interface ClusterOptions {
  instances?: number;
  databaseUrl: string;
  /** PostgreSQL schema of this cluster (tests give each run its own). */
  schema: string;
  redisUrl: string;
  /** nginx's port; 0 picks a free one. */
  port?: number;
  /** Settings for every instance (and the migrate step). */
  env?: Record<string, string>;
  /** Agencies already running; otherwise the cluster starts its own. */
  mock?: MockData;
  /** Print every process's lines here (start:cluster) instead of keeping them. */
  print?: (line: string) => void;
  /** SESSION_SECRET, DATA_ENCRYPTION_KEY, ID_HASH_KEY for every instance; fresh random ones otherwise. */
  secrets?: Record<string, string>;
}

export interface Instance {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  exitCode: Promise<number | null>;
  output: string[];
}

export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export class Cluster {
  readonly instances: Instance[] = [];
  /** Instances a restart replaced, with their output (did one run out of its grace period?). */
  readonly retired: Instance[] = [];
  url = '';
  mock!: MockData;
  private ownsMock = false;
  private nginx: ChildProcess | null = null;
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-'));
  /** Shared by every instance: one key set, as a real deployment's secret store would give them. */
  private readonly secrets: Record<string, string>;

  constructor(private readonly options: ClusterOptions) {
    this.secrets = options.secrets ?? {
      SESSION_SECRET: randomBytes(32).toString('base64'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      ID_HASH_KEY: randomBytes(32).toString('base64'),
    };
  }

  /** The settings every instance gets (keys included): the migrate step and rotate-keys use the same. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      DATABASE_URL: this.options.databaseUrl,
      DATABASE_SCHEMA: this.options.schema,
      REDIS_URL: this.options.redisUrl,
      REDIS_KEY_PREFIX: this.options.schema,
      AGENCY_BASE_URL: this.mock.url,
      PUBLIC_URL: this.url,
      MIGRATE_ON_START: 'false',
      DATA_DIR: this.dir,
      ...this.secrets,
      ...this.options.env,
      ...extra,
    };
  }

  /** Changes the settings later starts and restarts use (e.g. a new key during rotation). */
  setEnv(extra: Record<string, string>): void {
    this.options.env = { ...this.options.env, ...extra };
  }

  async start(): Promise<this> {
    if (!NGINX) throw new Error('nginx is not installed (apt-get install -y nginx-light)');
    if (this.options.mock) this.mock = this.options.mock;
    else {
      this.mock = await startMockData();
      this.ownsMock = true;
    }
    const nginxPort = this.options.port || (await freePort());
    this.url = `http://127.0.0.1:${nginxPort}`;
    await this.migrate();
    for (let i = 0; i < (this.options.instances ?? 2); i++) {
      this.instances.push(await this.startInstance(`bff-${i + 1}`, await freePort()));
    }
    await this.startNginx(nginxPort);
    return this;
  }

  /** `npm run migrate` as its own step, before the instances. */
  async migrate(extra: Record<string, string> = {}): Promise<string> {
    const { stdout } = await run(NODE_TSX[0], [...NODE_TSX.slice(1), 'bff/src/db/migrate.ts'], {
      cwd: REPO,
      env: { ...process.env, ...this.env(extra) },
    });
    return stdout;
  }

  async startInstance(name: string, port: number, extra: Record<string, string> = {}): Promise<Instance> {
    const child = spawn(NODE_TSX[0], [...NODE_TSX.slice(1), 'bff/src/server.ts'], {
      cwd: REPO,
      env: { ...process.env, ...this.env({ PORT: String(port), INSTANCE_ID: name, ...extra }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output.join('\n')}`)), 60_000);
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          if (this.options.print) this.options.print(`[${name}] ${line}`);
          else if (output.length < 2000) output.push(line);
          if (line.includes('bff listening')) {
            clearTimeout(timer);
            resolve();
          }
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exitCode.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code}:\n${output.join('\n')}`));
      });
    });
    return { name, port, url: `http://127.0.0.1:${port}`, child, exitCode, output };
  }

  private upstreams(): string {
    return this.instances.map((instance) => `server 127.0.0.1:${instance.port} max_fails=0;`).join('\n') + '\n';
  }

  private async startNginx(port: number): Promise<void> {
    // nginx's workers run as nobody when started by root: they need to reach the temp folders.
    fs.chmodSync(this.dir, 0o755);
    for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
      fs.mkdirSync(path.join(this.dir, temp), { mode: 0o777, recursive: true });
    fs.writeFileSync(path.join(this.dir, 'upstreams.conf'), this.upstreams());
    fs.writeFileSync(path.join(this.dir, 'nginx.conf'), nginxConfig(this.dir, port));
    this.nginx = spawn(NGINX!, ['-p', this.dir, '-c', path.join(this.dir, 'nginx.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    this.nginx.stderr!.on('data', (chunk: Buffer) => void (errors += chunk.toString()));
    for (let i = 0; i < 100; i++) {
      if (this.nginx.exitCode !== null) throw new Error(`nginx did not start: ${errors}`);
      const ok = await fetch(`${this.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not answer: ${errors}`);
  }

  /**
   * Rewrites the upstream list and has nginx reload it, and waits until the reload has
   * taken effect: a new worker runs and every old one is shutting down (it accepts no
   * more connections and only finishes the requests it has). The reload is a signal,
   * and on a busy machine the master can take seconds to act on it: an instance taken
   * out of the list must not be stopped while an old worker still sends it new requests.
   */
  private async reloadNginx(): Promise<void> {
    const before = new Set(nginxWorkers(this.nginx!.pid!).map((w) => w.pid));
    fs.writeFileSync(path.join(this.dir, 'upstreams.conf'), this.upstreams());
    await run(NGINX!, ['-p', this.dir, '-c', path.join(this.dir, 'nginx.conf'), '-s', 'reload']);
    for (let i = 0; i < 300; i++) {
      const workers = nginxWorkers(this.nginx!.pid!);
      const fresh = workers.some((w) => !before.has(w.pid) && !w.shuttingDown);
      const oldAccepting = workers.some((w) => before.has(w.pid) && !w.shuttingDown);
      if (fresh && !oldAccepting) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not reload in 30 s: ${this.errorLog().split('\n').slice(-5).join('\n')}`);
  }

  /** nginx's access log: one line per request, with the instance that served it and the request id. */
  accessLog(): Array<{ status: number; upstream: string; requestId: string; uri: string }> {
    const file = path.join(this.dir, 'access.log');
    if (!fs.existsSync(file)) return [];
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [status, upstream, requestId, uri] = line.split(' ');
        return { status: Number(status), upstream, requestId, uri };
      });
  }

  /** nginx's error log (upstream refusals, timeouts, retries to the next instance): for a failing test's message. */
  errorLog(): string {
    const file = path.join(this.dir, 'error.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  /**
   * Replaces instance i the way a deploy does, so that as many instances serve
   * throughout: the new one is started first (on a port of its own, with `extra`
   * settings, e.g. a new release's) and waited for until /readyz answers 200; then the
   * balancer swaps it in for the old one (nginx has no active health checks, so only a
   * ready instance is ever listed); then the old one gets SIGTERM, finishes what it has
   * in flight and exits 0. Answers the old one's exit code.
   */
  async restart(i: number, extra: Record<string, string> = {}): Promise<number | null> {
    const old = this.instances[i];
    // Step 1: the new instance, ready, while the old one still serves.
    const fresh = await this.startInstance(old.name, await freePort(), extra);
    await this.waitReady(fresh);
    // Step 2: the balancer sends new requests to it instead of the old one.
    this.instances[i] = fresh;
    await this.reloadNginx();
    // Step 3: the old one drains: no new connections reach it; it answers what it has and exits.
    old.child.kill('SIGTERM');
    this.retired.push(old);
    return old.exitCode;
  }

  /** Every instance in turn; answers each old instance's exit code. */
  async rollingRestart(extra: Record<string, string> = {}): Promise<Array<number | null>> {
    const codes: Array<number | null> = [];
    for (let i = 0; i < this.instances.length; i++) codes.push(await this.restart(i, extra));
    return codes;
  }

  /** kill -9: no shutdown, no lease handed back. */
  async kill(i: number): Promise<void> {
    this.instances[i].child.kill('SIGKILL');
    await this.instances[i].exitCode;
  }

  async replace(i: number, extra: Record<string, string> = {}): Promise<void> {
    this.instances[i] = await this.startInstance(this.instances[i].name, this.instances[i].port, extra);
    await this.waitReady(this.instances[i]);
  }

  async waitReady(instance: Instance): Promise<void> {
    for (let i = 0; i < 300; i++) {
      if (
        (await fetch(`${instance.url}/readyz`).then(
          (r) => r.status,
          () => 0,
        )) === 200
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${instance.name} never became ready`);
  }

  /** Which instances lead the background work, from each one's /metrics. */
  async leaders(): Promise<number[]> {
    const leading: number[] = [];
    for (const [i, instance] of this.instances.entries()) {
      const text = await fetch(`${instance.url}/metrics`).then(
        (r) => r.text(),
        () => '',
      );
      if (/^bff_leader 1$/m.test(text)) leading.push(i);
    }
    return leading;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.instances.map(async (instance) => {
        if (instance.child.exitCode === null && instance.child.signalCode === null) {
          instance.child.kill('SIGTERM');
          await instance.exitCode;
        }
      }),
    );
    if (this.nginx && this.nginx.exitCode === null) {
      const exited = new Promise((resolve) => this.nginx!.once('exit', resolve));
      this.nginx.kill('SIGQUIT');
      await exited;
    }
    if (this.ownsMock) await this.mock.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** nginx's worker processes (children of its master), from /proc: which are shutting down after a reload. */
function nginxWorkers(master: number): Array<{ pid: number; shuttingDown: boolean }> {
  const workers: Array<{ pid: number; shuttingDown: boolean }> = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The fields after the command name (which may hold spaces) in parentheses: state, then ppid.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== master) continue;
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.includes('worker process'))
        workers.push({ pid: Number(entry), shuttingDown: title.includes('shutting down') });
    } catch {
      // The process ended while being read.
    }
  }
  return workers;
}

/**
 * The balancer: every path to the BFF instances (which serve the H5 build, /graphql,
 * uploads and icons). A request that cannot reach an instance (refused: it is
 * restarting) goes to the next one; nginx does not resend one an instance has already
 * received unless it is idempotent, so a submission is never made twice by the balancer.
 * The request id is the caller's X-Request-Id or nginx's own.
 */
export function nginxConfig(dir: string, port: number): string {
  return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
# A proxied request holds two connections (the client's and the instance's): at 50 a
# second, requests slow for 30 s would need 3000; past the limit nginx drops connections.
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_x_request_id $req_id { default $http_x_request_id; "" $request_id; }
  log_format cluster '$status $upstream_addr $req_id $uri';
  access_log ${dir}/access.log cluster;
  upstream bff {
    include ${dir}/upstreams.conf;
  }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 8m;
    location / {
      proxy_pass http://bff;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $req_id;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
`;
}
