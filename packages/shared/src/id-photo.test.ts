import { describe, expect, it } from 'vitest';
import { ID_PHOTO_SPEC, idPhotoCrop, idPhotoProblem, nextPhotoQuality } from './id-photo';

const conforming = { mimeType: 'image/jpeg', width: 352, height: 440, size: 35 * 1024 };

describe('idPhotoProblem', () => {
  it('accepts a 352×440 JPG of 20–50 KB, limits included', () => {
    expect(idPhotoProblem(conforming)).toBeNull();
    expect(idPhotoProblem({ ...conforming, size: ID_PHOTO_SPEC.minBytes })).toBeNull();
    expect(idPhotoProblem({ ...conforming, size: ID_PHOTO_SPEC.maxBytes })).toBeNull();
  });

  it('names each broken rule', () => {
    expect(idPhotoProblem({ ...conforming, mimeType: 'image/png' })).toBe('证件照须为 JPG 格式的图片');
    expect(idPhotoProblem({ ...conforming, width: 353 })).toBe('证件照须为 352×440 像素，这张是 353×440 像素');
    expect(idPhotoProblem({ ...conforming, height: 439 })).toContain('352×439');
    expect(idPhotoProblem({ ...conforming, width: undefined })).toContain('无法读取照片尺寸');
    expect(idPhotoProblem({ ...conforming, size: ID_PHOTO_SPEC.minBytes - 1 })).toContain('只有 20.0 KB');
    expect(idPhotoProblem({ ...conforming, size: ID_PHOTO_SPEC.maxBytes + 1 })).toBe(
      '证件照须为 20–50 KB，这张有 50.0 KB',
    );
  });
});

describe('idPhotoCrop', () => {
  it('keeps the full height of a wide photo, centred', () => {
    expect(idPhotoCrop(1600, 1200)).toEqual({ x: 320, y: 0, width: 960, height: 1200 });
  });

  it('keeps the full width of a tall photo, a third of the spare height above', () => {
    expect(idPhotoCrop(1200, 1800)).toEqual({ x: 0, y: 100, width: 1200, height: 1500 });
  });

  it('leaves a photo already 4:5 whole', () => {
    expect(idPhotoCrop(352, 440)).toEqual({ x: 0, y: 0, width: 352, height: 440 });
  });
});

describe('nextPhotoQuality', () => {
  it('bisects towards the allowed size and gives up when the range is exhausted', () => {
    expect(nextPhotoQuality({ quality: 0.9, size: 80_000 }, { low: 0.1, high: 1 })).toEqual({
      quality: 0.5,
      low: 0.1,
      high: 0.9,
    });
    expect(nextPhotoQuality({ quality: 0.5, size: 10_000 }, { low: 0.1, high: 0.9 })).toEqual({
      quality: 0.7,
      low: 0.5,
      high: 0.9,
    });
    expect(nextPhotoQuality({ quality: 0.99, size: 10_000 }, { low: 0.98, high: 1 })).toBeNull();
  });
});
