import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

describe('settings', () => {
  it('has a default for every setting', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', AGENCY_BASE_URL: 'http://127.0.0.1:4010', SERVE_H5: true });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('refuses bad values and names every bad setting', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://localhost/x', UPSTREAM_TIMEOUT_MS: '5', SERVE_H5: 'maybe', AGENCY_BASE_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(names).toEqual(['AGENCY_BASE_URL', 'DATABASE_URL', 'PORT', 'SERVE_H5', 'UPSTREAM_TIMEOUT_MS']);
  });

  it('stops the real server process with the setting’s name and a non-zero exit', () => {
    const root = path.resolve(__dirname, '../..');
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['bff/src/server.ts'], {
      cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...process.env, PORT: 'abc', LOG_LEVEL: 'loud' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid settings, the BFF will not start');
    expect(result.stderr).toMatch(/PORT: .*"abc"/);
    expect(result.stderr).toMatch(/LOG_LEVEL: .*"loud"/);
  });
});
