import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';

export interface Keys {
  sessionSecret: Uint8Array;
  dataKey: Buffer;
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
    dataKey: Buffer.from(config.DATA_ENCRYPTION_KEY ?? generated.DATA_ENCRYPTION_KEY, 'base64'),
    idHashKey: Buffer.from(config.ID_HASH_KEY ?? generated.ID_HASH_KEY, 'utf8'),
  };
}
