import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of personal fields at rest (AES-256-GCM). A stored value is
 * `v<keyVersion>.<iv>.<tag>.<ciphertext>` (base64url), so old rows stay readable after a key rotation.
 * Lookups use a keyed hash (HMAC-SHA256) that does not change when the encryption key rotates.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Deterministic keyed hash for equality lookups (unique ID numbers, phone sign-in). */
  hash(value: string): string;
}

export interface FieldCipherKeys {
  currentVersion: number;
  keys: Map<number, Buffer>;
}

const IV_BYTES = 12;
const AUTH_TAG_BYTES = 16;

/** The lookup key is derived from the oldest configured key, which must stay listed after rotations. */
function lookupKey({ keys }: FieldCipherKeys): Buffer {
  const oldest = Math.min(...keys.keys());
  return Buffer.from(hkdfSync('sha256', keys.get(oldest) as Buffer, 'veterans-lookup', 'field-lookup-hash', 32));
}

export function createFieldCipher(config: FieldCipherKeys): FieldCipher {
  const current = config.keys.get(config.currentVersion);
  if (current?.length !== 32) throw new Error('The current data encryption key must be 32 bytes');
  const hashKey = lookupKey(config);

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: AUTH_TAG_BYTES });
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return `v${config.currentVersion}.${parts.join('.')}`;
    },
    decrypt(stored) {
      const [version, iv, tag, ciphertext] = stored.split('.');
      const key = config.keys.get(Number(version?.slice(1)));
      if (!key || !iv || !tag || ciphertext === undefined) throw new Error('Unreadable encrypted field');
      const authTag = Buffer.from(tag, 'base64url');
      // GCM accepts tags as short as 4 bytes unless told otherwise: a forger would need to guess only 32 bits.
      if (authTag.length !== AUTH_TAG_BYTES) throw new Error('Unreadable encrypted field');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
        authTagLength: AUTH_TAG_BYTES,
      });
      decipher.setAuthTag(authTag);
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    },
    hash(value) {
      return createHmac('sha256', hashKey).update(value, 'utf8').digest('hex');
    },
  };
}

/** Reads `DATA_ENCRYPTION_PREVIOUS_KEYS` ("1:base64,2:base64") plus the current key into one key ring. */
export function keyRing(currentKey: string, currentVersion: number, previousKeys: string): FieldCipherKeys {
  const keys = new Map<number, Buffer>();
  for (const entry of previousKeys.split(',').filter(Boolean)) {
    const [version, key] = entry.split(':');
    keys.set(Number(version), Buffer.from(key ?? '', 'base64'));
  }
  keys.set(currentVersion, Buffer.from(currentKey, 'base64'));
  return { currentVersion, keys };
}
