import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ID_PHOTO_JPEG } from '../../testing/id-photo';
import { imageSize } from './image-size';
import { SMALL_PDF, SMALL_PNG } from './test-support';

describe('imageSize', () => {
  it('reads a JPEG frame header past the APP segments', () => {
    expect(imageSize(ID_PHOTO_JPEG, 'image/jpeg')).toEqual({ width: 352, height: 440 });
    const exif = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x10, 0x02]),
      Buffer.alloc(0x1000, 0),
      ID_PHOTO_JPEG.subarray(2),
    ]);
    expect(imageSize(exif, 'image/jpeg')).toEqual({ width: 352, height: 440 });
  });

  it('reads a PNG header', () => {
    expect(imageSize(SMALL_PNG, 'image/png')).toEqual({ width: 1, height: 1 });
  });

  it('gives null for a PDF, a truncated JPEG and garbage after the signature', () => {
    expect(imageSize(SMALL_PDF, 'application/pdf')).toBeNull();
    expect(imageSize(ID_PHOTO_JPEG.subarray(0, 20), 'image/jpeg')).toBeNull();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 0x11, 0x11]), 'image/jpeg')).toBeNull();
    expect(imageSize(readFileSync(new URL(import.meta.url)), 'image/png')).toBeNull();
  });
});
