import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where uploaded files live: local disk for one machine, S3-compatible object storage when several API
 * instances share the files. Keys come from `newStorageKey` (random, `yyyy/mm/<random>`), never from a name.
 */
export interface FileStorage {
  /** Stores the bytes under the key. A failed or aborted stream leaves nothing behind. */
  put(key: string, content: Readable | Buffer): Promise<void>;
  /** The stored bytes; throws `StorageObjectNotFound` when there are none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
}

export class StorageObjectNotFound extends Error {
  override name = 'StorageObjectNotFound';
  constructor(key: string) {
    super(`No stored object ${key}`);
  }
}

export class UnsafeStorageKey extends Error {
  override name = 'UnsafeStorageKey';
  constructor() {
    super('Refused an unsafe storage key');
  }
}

const KEY_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Keys are relative paths of plain segments: no `..`, no absolute paths, no backslashes or NUL. */
export function assertSafeStorageKey(key: string): void {
  const segments = key.split('/');
  const safe =
    key.length > 0 &&
    key.length <= 255 &&
    segments.every((segment) => KEY_SEGMENT.test(segment) && !segment.includes('..'));
  if (!safe) throw new UnsafeStorageKey();
}

/** A fresh random key, grouped by month: `2026/11/<32 hex>`. */
export function newStorageKey(now: Date = new Date()): string {
  const year = now.getUTCFullYear();
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${year}/${month}/${randomBytes(16).toString('hex')}`;
}
