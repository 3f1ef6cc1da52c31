import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FieldCipherKeys } from '../../lib/field-cipher';
import { decryptingStream, encryptingStream, isEncryptedFile } from '../../lib/file-cipher';
import type { FileStorage } from './storage';

/**
 * Any storage, with every file encrypted before it leaves the process (lib/file-cipher.ts): the upload
 * directory and the S3 bucket hold only ciphertext, and a backup of them is useless without the keys.
 */
export class EncryptedStorage implements FileStorage {
  constructor(
    private readonly inner: FileStorage,
    private readonly keys: FieldCipherKeys,
  ) {}

  async put(key: string, content: Readable | Buffer): Promise<void> {
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
    const encrypted = encryptingStream(this.keys);
    // A failing source destroys the encrypting stream, so the inner put fails and leaves nothing behind; the
    // source's own error (too large, wrong type) is the one the caller hears.
    const [stored, fed] = await Promise.allSettled([this.inner.put(key, encrypted), pipeline(source, encrypted)]);
    if (fed.status === 'rejected') throw fed.reason;
    if (stored.status === 'rejected') throw stored.reason;
  }

  async get(key: string): Promise<Readable> {
    const stored = await this.inner.get(key);
    const plain = decryptingStream(this.keys, { legacyPlain: true });
    pipeline(stored, plain).catch(() => {
      // pipeline has destroyed `plain` with the error: the reader sees it.
    });
    return plain;
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  /**
   * Encrypts a file stored before encryption, in place (read whole: attachments are at most 10 MB). Returns
   * false when it is encrypted already, so running the command twice changes nothing.
   */
  async encryptInPlace(key: string): Promise<boolean> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.inner.get(key)) chunks.push(chunk as Buffer);
    const stored = Buffer.concat(chunks);
    if (isEncryptedFile(stored)) return false;
    await this.put(key, stored);
    return true;
  }
}
