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

  it('refuses to start in production without the three secrets, and accepts them when given', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: is required in production[\s\S]*DATA_ENCRYPTION_KEY[\s\S]*ID_HASH_KEY/);
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32), DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), ID_HASH_KEY: 'h'.repeat(32) });
    expect(config.NODE_ENV).toBe('production');
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: 'short' })).toThrow(/DATA_ENCRYPTION_KEY: must be 32 bytes in base64/);
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
