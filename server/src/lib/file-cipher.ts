import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { FieldCipherKeys } from './field-cipher';

/**
 * Stored files, encrypted with AES-256-GCM in 64 KiB chunks, so a 10 MB attachment streams through in both
 * directions and no byte of plain text leaves a chunk before that chunk is authenticated.
 *
 *   header: "VSF1" | key version (uint16) | nonce prefix (8 random bytes)
 *   chunk i: ciphertext (64 KiB, the last one shorter or empty) | tag (16 bytes)
 *
 * Chunk i's nonce is the prefix and i; its associated data is the header, i and whether it is the last chunk, so
 * chunks cannot be reordered, dropped or the file cut short without the tag failing. The file keys come from the
 * same key ring as the field cipher (DATA_ENCRYPTION_KEY and its previous versions), derived per version.
 */
const MAGIC = Buffer.from('VSF1');
const HEADER_BYTES = MAGIC.length + 2 + 8;
const CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;

export class FileCipherError extends Error {
  override name = 'FileCipherError';
}

function fileKey(keys: FieldCipherKeys, version: number): Buffer {
  const key = keys.keys.get(version);
  if (!key) throw new FileCipherError(`No data key of version ${version}`);
  return Buffer.from(hkdfSync('sha256', key, 'veterans-files', 'stored-file-key', 32));
}

function chunkParams(header: Buffer, index: number, last: boolean) {
  const nonce = Buffer.alloc(12);
  header.copy(nonce, 0, MAGIC.length + 2, HEADER_BYTES);
  nonce.writeUInt32BE(index, 8);
  const aad = Buffer.alloc(header.length + 5);
  header.copy(aad);
  aad.writeUInt32BE(index, header.length);
  aad.writeUInt8(last ? 1 : 0, header.length + 4);
  return { nonce, aad };
}

/** True when the bytes start like an encrypted stored file (older files were stored plain). */
export function isEncryptedFile(start: Buffer): boolean {
  return start.length >= MAGIC.length && start.subarray(0, MAGIC.length).equals(MAGIC);
}

/** A Transform that encrypts a file with the current key. */
export function encryptingStream(keys: FieldCipherKeys): Transform {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header.writeUInt16BE(keys.currentVersion, MAGIC.length);
  randomBytes(8).copy(header, MAGIC.length + 2);
  const key = fileKey(keys, keys.currentVersion);
  let pending = Buffer.alloc(0);
  let index = 0;

  const seal = (plain: Buffer, last: boolean): Buffer => {
    const { nonce, aad } = chunkParams(header, index++, last);
    const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  };

  return new Transform({
    construct(callback) {
      this.push(header);
      callback();
    },
    transform(data: Buffer, _encoding, callback: TransformCallback) {
      pending = Buffer.concat([pending, data]);
      // Keep the last full chunk back: only the end of the stream says whether it is the last one.
      while (pending.length > CHUNK_BYTES) {
        this.push(seal(pending.subarray(0, CHUNK_BYTES), false));
        pending = pending.subarray(CHUNK_BYTES);
      }
      callback();
    },
    flush(callback) {
      this.push(seal(pending, true));
      callback();
    },
  });
}

/**
 * A Transform that decrypts a stored file with the key version its header names; fails on any tampering. With
 * `legacyPlain`, a file without the header (stored before files were encrypted) passes through as it is, until
 * `cli encrypt-files` has encrypted it.
 */
export function decryptingStream(keys: FieldCipherKeys, { legacyPlain = false } = {}): Transform {
  let plain = false;
  let header: Buffer | null = null;
  let key: Buffer | null = null;
  let pending = Buffer.alloc(0);
  let index = 0;
  const sealedChunk = CHUNK_BYTES + TAG_BYTES;

  const open = (sealed: Buffer, last: boolean): Buffer => {
    if (!header || !key || sealed.length < TAG_BYTES) throw new FileCipherError('Stored file is damaged');
    const { nonce, aad } = chunkParams(header, index++, last);
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new FileCipherError('Stored file failed authentication');
    }
  };

  return new Transform({
    transform(data: Buffer, _encoding, callback: TransformCallback) {
      try {
        if (plain) return callback(null, data);
        pending = Buffer.concat([pending, data]);
        if (!header) {
          if (pending.length < HEADER_BYTES) return callback();
          if (!isEncryptedFile(pending) && legacyPlain) {
            plain = true;
            return callback(null, pending);
          }
          header = pending.subarray(0, HEADER_BYTES);
          if (!isEncryptedFile(header)) throw new FileCipherError('Not an encrypted stored file');
          key = fileKey(keys, header.readUInt16BE(MAGIC.length));
          pending = pending.subarray(HEADER_BYTES);
        }
        // As when encrypting, the last full chunk waits for the end of the stream.
        while (pending.length > sealedChunk) {
          this.push(open(pending.subarray(0, sealedChunk), false));
          pending = pending.subarray(sealedChunk);
        }
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        if (plain) return callback();
        // A legacy file shorter than the header.
        if (!header && legacyPlain && !isEncryptedFile(pending)) return callback(null, pending);
        if (!header) throw new FileCipherError('Stored file is damaged');
        this.push(open(pending, true));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
