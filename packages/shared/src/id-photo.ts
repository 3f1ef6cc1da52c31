import { formatFileSize } from './file-size';

/**
 * The 优待证 photo as the issuing authorities require it: a recent front-facing colour photo on a plain white
 * background, exactly 352 × 440 px, JPG, 20–50 KB. A photo that does not conform delays the card, so the app
 * checks (and can fit) it before upload and the server refuses it at submission.
 */
export const ID_PHOTO_SPEC = {
  width: 352,
  height: 440,
  mimeType: 'image/jpeg',
  minBytes: 20 * 1024,
  maxBytes: 50 * 1024,
} as const;

export const ID_PHOTO_GUIDANCE =
  '请使用近期正面免冠彩色证件照：白色背景，头部居中，不戴帽子和墨镜；照片须为 352×440 像素的 JPG 图片，大小 20–50 KB。';

export interface PhotoFacts {
  mimeType?: string | undefined;
  /** Pixel size; undefined when the file could not be read as an image. */
  width?: number | undefined;
  height?: number | undefined;
  size: number;
}

/** Why a photo does not meet the 优待证 rules, in words for the applicant; null when it does. */
export function idPhotoProblem(photo: PhotoFacts): string | null {
  const { width, height, minBytes, maxBytes, mimeType } = ID_PHOTO_SPEC;
  if (photo.mimeType !== mimeType) return '证件照须为 JPG 格式的图片';
  if (photo.width === undefined || photo.height === undefined) return '无法读取照片尺寸，请重新拍摄或选择照片';
  if (photo.width !== width || photo.height !== height) {
    return `证件照须为 ${width}×${height} 像素，这张是 ${photo.width}×${photo.height} 像素`;
  }
  if (photo.size < minBytes) return `证件照须为 20–50 KB，这张只有 ${formatFileSize(photo.size)}，照片可能过于模糊`;
  if (photo.size > maxBytes) return `证件照须为 20–50 KB，这张有 ${formatFileSize(photo.size)}`;
  return null;
}

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of a phone photo that becomes the ID photo: the largest 352:440 (4:5) rectangle, centred
 * horizontally and kept towards the top, where the face is in a portrait shot.
 */
export function idPhotoCrop(sourceWidth: number, sourceHeight: number): CropRect {
  const ratio = ID_PHOTO_SPEC.width / ID_PHOTO_SPEC.height;
  if (sourceWidth / sourceHeight > ratio) {
    const width = Math.round(sourceHeight * ratio);
    return { x: Math.round((sourceWidth - width) / 2), y: 0, width, height: sourceHeight };
  }
  const height = Math.round(sourceWidth / ratio);
  // A third of the spare height above: heads sit in the upper part of a portrait photo.
  return { x: 0, y: Math.round((sourceHeight - height) / 3), width: sourceWidth, height };
}

/**
 * The next JPEG quality to try when fitting the encoded size into the allowed range: a bisection over
 * [low, high]; null when the range is exhausted (the photo cannot be made to fit).
 */
export function nextPhotoQuality(
  tried: { quality: number; size: number },
  range: { low: number; high: number },
): { quality: number; low: number; high: number } | null {
  const { minBytes, maxBytes } = ID_PHOTO_SPEC;
  const low = tried.size < minBytes ? tried.quality : range.low;
  const high = tried.size > maxBytes ? tried.quality : range.high;
  if (high - low < 0.02) return null;
  return { quality: (low + high) / 2, low, high };
}
