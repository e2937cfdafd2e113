import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';

export interface Keys {
  sessionSecret: Uint8Array;
  /** Previous session secrets: tokens they signed still verify (SESSION_OLD_SECRETS). */
  oldSessionSecrets: Uint8Array[];
  dataKey: Buffer;
  /** Previous data keys: values under them still decrypt (DATA_ENCRYPTION_OLD_KEYS). */
  oldDataKeys: Buffer[];
  idHashKey: Buffer;
}

/**
 * The three secrets, from the environment; outside production a missing one is
 * generated once and kept in DATA_DIR/dev-keys.json (git ignores data/), so data
 * encrypted in development stays readable across restarts. Production refuses to
 * start without them (config.ts).
 */
export function loadKeys(config: Config): Keys {
  let generated: Record<string, string> = {};
  const file = path.join(config.DATA_DIR, 'dev-keys.json');
  const needed = !config.SESSION_SECRET || !config.DATA_ENCRYPTION_KEY || !config.ID_HASH_KEY;
  if (needed) {
    fs.mkdirSync(config.DATA_DIR, { recursive: true });
    if (fs.existsSync(file)) generated = JSON.parse(fs.readFileSync(file, 'utf8'));
    let changed = false;
    for (const key of ['SESSION_SECRET', 'DATA_ENCRYPTION_KEY', 'ID_HASH_KEY']) {
      if (!generated[key]) {
        generated[key] = randomBytes(32).toString('base64');
        changed = true;
      }
    }
    if (changed) fs.writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
  }
  return {
    sessionSecret: new TextEncoder().encode(config.SESSION_SECRET ?? generated.SESSION_SECRET),
    oldSessionSecrets: list(config.SESSION_OLD_SECRETS).map((secret) => new TextEncoder().encode(secret)),
    dataKey: Buffer.from(config.DATA_ENCRYPTION_KEY ?? generated.DATA_ENCRYPTION_KEY, 'base64'),
    oldDataKeys: list(config.DATA_ENCRYPTION_OLD_KEYS).map((key) => Buffer.from(key, 'base64')),
    idHashKey: Buffer.from(config.ID_HASH_KEY ?? generated.ID_HASH_KEY, 'utf8'),
  };
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

const SECRETS = ['SESSION_SECRET', 'DATA_ENCRYPTION_KEY', 'ID_HASH_KEY'] as const;
type Secrets = Partial<Record<(typeof SECRETS)[number], string>>;

/** A secret's bytes as the code uses them: the data key is base64, the others are text. */
function secretBytes(key: (typeof SECRETS)[number], value: string): Buffer {
  return key === 'DATA_ENCRYPTION_KEY' ? Buffer.from(value, 'base64') : Buffer.from(value, 'utf8');
}

/**
 * Why a key's bytes are too weak to keep personal data safe, or null. Catches what
 * people put in a config by hand: one byte repeated (all zeros), a short pattern
 * repeated ("abcabc…", "changeme" × 4), or a handful of distinct characters.
 */
export function keyWeakness(bytes: Uint8Array): string | null {
  if (bytes.every((b) => b === bytes[0])) return 'is one character repeated (e.g. all zeros)';
  for (let period = 2; period <= bytes.length / 2; period++) {
    if (bytes.every((b, i) => i < period || b === bytes[i - period])) return `repeats a ${period}-character pattern`;
  }
  if (new Set(bytes).size < 10) return 'has fewer than 10 distinct characters';
  return null;
}

/**
 * Production's checks of the three secrets (config.ts): each strong, no two the
 * same (one leaked value would then open two doors). Messages never carry a value.
 */
export function secretProblems(config: Secrets): Array<{ key: string; message: string }> {
  const problems: Array<{ key: string; message: string }> = [];
  const seen = new Map<string, string>();
  for (const key of SECRETS) {
    const value = config[key];
    if (!value) continue;
    const bytes = secretBytes(key, value);
    const weakness = keyWeakness(bytes);
    if (weakness) problems.push({ key, message: `${weakness}; use 32 random bytes (openssl rand -base64 32)` });
    for (const form of [value, bytes.toString('hex')]) {
      const other = seen.get(form);
      if (other && other !== key)
        problems.push({ key, message: `is the same as ${other}; each secret needs its own value` });
      else seen.set(form, key);
    }
  }
  return problems.filter((p, i) => problems.findIndex((q) => q.key === p.key && q.message === p.message) === i);
}
