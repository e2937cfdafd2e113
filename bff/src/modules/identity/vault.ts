import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** A key's id as stored beside what it encrypted: the start of its SHA-256, which says nothing about the key. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * Personal data at rest: AES-256-GCM with a fresh 12-byte nonce per value, stored as
 * `v2:<key id>:base64(nonce | tag | ciphertext)`. Several keys can be held at once for
 * rotation: the current one encrypts, every one decrypts (the id says which), so a new
 * DATA_ENCRYPTION_KEY can go live while older values are still under the previous one,
 * and `npm run rotate-keys` re-encrypts them in the background. Values written before
 * key ids (`v1:`) are tried with each key.
 * Lookups never decrypt: an HMAC of the normalised value is the index. The HMAC key is
 * not rotated this way (every stored hash would stop matching): see the README.
 */
export class PersonalDataVault {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(
    private readonly key: Buffer,
    private readonly hashKey: Buffer,
    oldKeys: Buffer[] = [],
  ) {
    for (const k of [key, ...oldKeys]) {
      if (k.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes');
      if (!this.keys.has(keyId(k))) this.keys.set(keyId(k), k);
    }
    this.currentKeyId = keyId(key);
  }

  encrypt(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v2:${this.currentKeyId}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** @throws Error when no key held made the value, or it was tampered with. */
  decrypt(stored: string): string {
    if (stored.startsWith('v2:')) {
      const key = this.keys.get(stored.slice(3, 11));
      if (!key || stored[11] !== ':') throw new Error('personal data under a key this instance does not hold');
      return open(key, stored.slice(12));
    }
    if (!stored.startsWith('v1:')) throw new Error('unknown personal-data format');
    let failure: unknown;
    for (const key of this.keys.values()) {
      try {
        return open(key, stored.slice(3));
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  }

  /** True when the value is already under the current key (nothing for rotation to do). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`v2:${this.currentKeyId}:`);
  }

  /** The same plaintext under the current key. @throws as decrypt. */
  reencrypt(stored: string): string {
    return this.isCurrent(stored) ? stored : this.encrypt(this.decrypt(stored));
  }

  /** Keyed hash for lookups; `kind` keeps an ID number and a phone with the same digits apart (and an application's query code). */
  hash(kind: 'id' | 'phone' | 'query-code' | 'utility-account', value: string): string {
    return createHmac('sha256', this.hashKey).update(`${kind}:${value}`).digest('hex');
  }
}

function open(key: Buffer, base64: string): string {
  const raw = Buffer.from(base64, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
