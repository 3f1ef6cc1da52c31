import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of personal fields at rest (AES-256-GCM). A stored value is
 * `r<keyVersion>.<iv>.<tag>.<ciphertext>` (base64url), sealed to where it lives: the table, column and row id
 * are the cipher's associated data, so a value copied into another row or column does not decrypt. Values
 * written before that binding existed read `v<keyVersion>.…` and decrypt anywhere until `cli reencrypt-fields`
 * has rewritten them. The key version keeps old rows readable after a key rotation.
 * Lookups use a keyed hash (HMAC-SHA256) that does not change when the encryption key rotates.
 */
export interface FieldCipher {
  encrypt(plain: string, at: FieldSlot): string;
  decrypt(stored: string, at: FieldSlot): string;
  /** Deterministic keyed hash for equality lookups (unique ID numbers, phone sign-in). */
  hash(value: string): string;
  /** Whether `stored` is already sealed to its slot under the current key: `cli reencrypt-fields` leaves it. */
  isCurrent(stored: string): boolean;
}

/** Where an encrypted value is stored. */
export interface FieldSlot {
  table: string;
  column: string;
  rowId: number;
}

export interface FieldCipherKeys {
  currentVersion: number;
  keys: Map<number, Buffer>;
}

const IV_BYTES = 12;
const AUTH_TAG_BYTES = 16;
const SEALED = 'r';
const UNBOUND = 'v';
const STORED_FORMAT = /^([rv])(\d+)\.([\w-]+)\.([\w-]+)\.([\w-]*)$/;

/** Whether `stored` is a value of this cipher (of either format), as opposed to plain text from before. */
export function isFieldCiphertext(stored: string): boolean {
  return STORED_FORMAT.test(stored);
}

function associatedData({ table, column, rowId }: FieldSlot): Buffer {
  if (!Number.isSafeInteger(rowId) || rowId <= 0) throw new Error(`No row id to seal ${table}.${column} to`);
  return Buffer.from(`${table}.${column}#${rowId}`, 'utf8');
}

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
    encrypt(plain, at) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: AUTH_TAG_BYTES });
      cipher.setAAD(associatedData(at));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
      return `${SEALED}${config.currentVersion}.${parts.join('.')}`;
    },
    decrypt(stored, at) {
      const [, format, version, iv, tag, ciphertext] = STORED_FORMAT.exec(stored) ?? [];
      const key = config.keys.get(Number(version));
      if (!key || !iv || !tag || ciphertext === undefined) throw new Error('Unreadable encrypted field');
      const authTag = Buffer.from(tag, 'base64url');
      // GCM accepts tags as short as 4 bytes unless told otherwise: a forger would need to guess only 32 bits.
      if (authTag.length !== AUTH_TAG_BYTES) throw new Error('Unreadable encrypted field');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
        authTagLength: AUTH_TAG_BYTES,
      });
      if (format !== UNBOUND) decipher.setAAD(associatedData(at));
      decipher.setAuthTag(authTag);
      try {
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new Error(`Unreadable encrypted field in ${at.table}.${at.column}`);
      }
    },
    hash(value) {
      return createHmac('sha256', hashKey).update(value, 'utf8').digest('hex');
    },
    isCurrent(stored) {
      const match = STORED_FORMAT.exec(stored);
      return match?.[1] === SEALED && Number(match[2]) === config.currentVersion;
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
