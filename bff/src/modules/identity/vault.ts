import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM with a fresh 12-byte nonce per value, stored as
 * base64(nonce | tag | ciphertext) with a version prefix so keys can be rotated later.
 * Lookups never decrypt: an HMAC of the normalised value is the index.
 */
export class PersonalDataVault {
  constructor(private readonly key: Buffer, private readonly hashKey: Buffer) {
    if (key.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be 32 bytes');
  }

  encrypt(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** @throws Error when the value was not made with this key or was tampered with. */
  decrypt(stored: string): string {
    if (!stored.startsWith('v1:')) throw new Error('unknown personal-data format');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for lookups; `kind` keeps an ID number and a phone with the same digits apart. */
  hash(kind: 'id' | 'phone', value: string): string {
    return createHmac('sha256', this.hashKey).update(`${kind}:${value}`).digest('hex');
  }
}
