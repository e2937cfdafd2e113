import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

describe('settings', () => {
  it('has a default for every setting', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 4000,
      HOST: '127.0.0.1',
      AGENCY_BASE_URL: 'http://127.0.0.1:4010',
      SERVE_H5: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('refuses bad values and names every bad setting', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://localhost/x',
        UPSTREAM_TIMEOUT_MS: '5',
        SERVE_H5: 'maybe',
        AGENCY_BASE_URL: 'not a url',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(names).toEqual(['AGENCY_BASE_URL', 'DATABASE_URL', 'PORT', 'SERVE_H5', 'UPSTREAM_TIMEOUT_MS']);
  });

  const STRONG = {
    SESSION_SECRET: randomBytes(32).toString('base64'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    ID_HASH_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL: 'https://citizen.example.gov.cn',
    ALIPAY_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'der' })
      .toString('base64'),
  };
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('refuses to start in production without the three secrets and PUBLIC_URL, and accepts them when given', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SESSION_SECRET: is required in production[\s\S]*DATA_ENCRYPTION_KEY[\s\S]*ID_HASH_KEY[\s\S]*PUBLIC_URL: is required in production/,
    );
    const config = loadConfig({ NODE_ENV: 'production', ...STRONG });
    expect(config.NODE_ENV).toBe('production');
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: 'short' })).toThrow(
      /DATA_ENCRYPTION_KEY: must be 32 bytes in base64/,
    );
  });

  it('refuses the development Alipay app key in production, and a key that is not an RSA private key anywhere', () => {
    const { ALIPAY_PRIVATE_KEY: _own, ...withoutKey } = STRONG;
    expect(problems({ NODE_ENV: 'production', ...withoutKey })).toEqual([
      expect.stringMatching(/^ALIPAY_PRIVATE_KEY: is the development key shipped with the code.*\(got undefined\)$/),
    ]);
    expect(problems({ ALIPAY_PRIVATE_KEY: 'bm90IGEga2V5' })).toEqual([
      expect.stringMatching(/^ALIPAY_PRIVATE_KEY: must be an RSA private key.*\(got <redacted>\)$/),
    ]);
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(loadConfig({ ALIPAY_PRIVATE_KEY: pem }).ALIPAY_PRIVATE_KEY).toBe(pem);
  });

  it('refuses weak keys in production: all zeros, a repeated pattern, too few characters, one value in two secrets', () => {
    const weak = problems({
      NODE_ENV: 'production',
      ...STRONG,
      DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
      SESSION_SECRET: 'change-me!'.repeat(4),
      ID_HASH_KEY: '1101001000100001000001000000100000',
    });
    expect(weak).toEqual([
      expect.stringMatching(/^SESSION_SECRET: repeats a 10-character pattern/),
      expect.stringMatching(/^DATA_ENCRYPTION_KEY: is one character repeated/),
      expect.stringMatching(/^ID_HASH_KEY: has fewer than 10 distinct characters/),
    ]);
    expect(problems({ NODE_ENV: 'production', ...STRONG, ID_HASH_KEY: STRONG.SESSION_SECRET })).toEqual([
      expect.stringMatching(/^ID_HASH_KEY: is the same as SESSION_SECRET/),
    ]);
    // Development keeps working with whatever a developer typed.
    expect(problems({ SESSION_SECRET: 's'.repeat(32) })).toEqual([]);
  });

  it('never prints a secret’s value, only that it was given', () => {
    const secrets = {
      SESSION_SECRET: 'hunter2-short',
      DATA_ENCRYPTION_KEY: 'not-base64-secret-value',
      ID_HASH_KEY: 'tiny-id-hash-key',
      METRICS_TOKEN: 'tok',
      REDIS_URL: 'http://:p4ssw0rd@redis.internal:6379',
      PORT: 'abc',
    };
    const found = problems(secrets);
    expect(found).toHaveLength(6);
    const text = found.join('\n');
    for (const [key, value] of Object.entries(secrets)) {
      if (key === 'PORT') expect(text).toContain('"abc"');
      else {
        expect(text).not.toContain(value);
        expect(text).toMatch(new RegExp(`${key}: .*\\(got <redacted>\\)`));
      }
    }
    expect(
      problems({ NODE_ENV: 'production', ...STRONG, DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64') }).join(),
    ).not.toContain(Buffer.alloc(32).toString('base64'));
  });

  it('takes CORS_ORIGINS as exact origins, never a wildcard', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.gov.cn, http://127.0.0.1:10086' }).CORS_ORIGINS).toContain(
      'https://a.example.gov.cn',
    );
    expect(problems({ CORS_ORIGINS: '*' })).toEqual([expect.stringMatching(/^CORS_ORIGINS:/)]);
    expect(problems({ CORS_ORIGINS: 'https://a.example.gov.cn/path' })).toEqual([
      expect.stringMatching(/^CORS_ORIGINS:/),
    ]);
  });

  it('stops the real server process with the setting’s name and a non-zero exit', () => {
    const root = path.resolve(__dirname, '../..');
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['bff/src/server.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PORT: 'abc', LOG_LEVEL: 'loud' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid settings, the BFF will not start');
    expect(result.stderr).toMatch(/PORT: .*"abc"/);
    expect(result.stderr).toMatch(/LOG_LEVEL: .*"loud"/);
  });
});
