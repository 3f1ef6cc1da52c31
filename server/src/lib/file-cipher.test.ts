import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { keyRing } from './field-cipher';
import { decryptingStream, encryptingStream, isEncryptedFile } from './file-cipher';

const keyA = Buffer.alloc(32, 7).toString('base64');
const keyB = Buffer.alloc(32, 9).toString('base64');
const ring = keyRing(keyA, 1, '');

/** Streams `data` through `transform` in pieces of `piece` bytes. */
async function through(transform: NodeJS.ReadWriteStream, data: Buffer, piece = 7000): Promise<Buffer> {
  const pieces = Array.from({ length: Math.ceil(data.length / piece) }, (_, i) =>
    data.subarray(i * piece, (i + 1) * piece),
  );
  // Awaited together: when the pipeline fails, the reading side's rejection is handled too.
  const [out] = await Promise.all([
    buffer(transform as unknown as Readable),
    pipeline(Readable.from(pieces), transform as unknown as NodeJS.WritableStream),
  ]);
  return out;
}

describe('file cipher', () => {
  it('round-trips files of every size around the chunk boundary, and stores no plain text', async () => {
    for (const size of [0, 1, 65_535, 65_536, 65_537, 131_072, 200_001]) {
      const plain = randomBytes(size);
      const stored = await through(encryptingStream(ring), plain);
      expect(isEncryptedFile(stored)).toBe(true);
      if (size > 64) expect(stored.includes(plain.subarray(0, 64))).toBe(false);
      expect((await through(decryptingStream(ring), stored, 3333)).equals(plain), `size ${size}`).toBe(true);
    }
  });

  it('refuses a changed byte, a dropped last chunk and a swapped chunk', async () => {
    const plain = randomBytes(140_000);
    const stored = await through(encryptingStream(ring), plain);
    const changed = Buffer.from(stored);
    changed[stored.length - 100] = (changed[stored.length - 100] as number) ^ 1;
    await expect(through(decryptingStream(ring), changed)).rejects.toThrow('failed authentication');
    const sealed = 65_536 + 16;
    const cutShort = stored.subarray(0, 14 + 2 * sealed);
    await expect(through(decryptingStream(ring), cutShort)).rejects.toThrow('failed authentication');
    const swapped = Buffer.concat([
      stored.subarray(0, 14),
      stored.subarray(14 + sealed, 14 + 2 * sealed),
      stored.subarray(14, 14 + sealed),
      stored.subarray(14 + 2 * sealed),
    ]);
    await expect(through(decryptingStream(ring), swapped)).rejects.toThrow('failed authentication');
  });

  it('reads files written under an older key after rotation, and plain legacy files only when asked', async () => {
    const plain = Buffer.from('诊断证明');
    const old = await through(encryptingStream(ring), plain);
    const rotated = keyRing(keyB, 2, `1:${keyA}`);
    expect((await through(decryptingStream(rotated), old)).toString()).toBe('诊断证明');
    const legacy = Buffer.from('%PDF-1.4 plain file stored before encryption');
    expect((await through(decryptingStream(rotated, { legacyPlain: true }), legacy, 5)).equals(legacy)).toBe(true);
    await expect(through(decryptingStream(rotated), legacy)).rejects.toThrow('Not an encrypted stored file');
  });
});
