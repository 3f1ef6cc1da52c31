import Taro from '@tarojs/taro';
import { type CropRect, ID_PHOTO_SPEC, idPhotoCrop, nextPhotoQuality, type PhotoFacts } from '@veterans/shared';
import type { PickedFile } from './files';

/**
 * The 优待证 photo on the phone: what a picked photo is (format, pixels, bytes), and a conforming JPG made from
 * it — the largest 4:5 part, scaled to 352 × 440 on white, encoded at the quality that lands in 20–50 KB.
 */

const FIRST_QUALITY = 0.85;

/** Canvas drawing both platforms share: white under the photo (transparent PNGs), then the cropped photo. */
interface Drawable {
  fillStyle: unknown;
  fillRect(x: number, y: number, width: number, height: number): void;
  drawImage(
    image: never,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void;
}

function drawFitted(context: Drawable, image: unknown, crop: CropRect): void {
  const { width, height } = ID_PHOTO_SPEC;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image as never, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
}

/** Encodes at falling or rising quality until the size fits; null when no quality gets there. */
async function encodeWithinLimits<T>(
  encode: (quality: number) => Promise<{ result: T; size: number }>,
): Promise<T | null> {
  let range = { low: 0.05, high: 1 };
  let quality = FIRST_QUALITY;
  for (;;) {
    const { result, size } = await encode(quality);
    if (size >= ID_PHOTO_SPEC.minBytes && size <= ID_PHOTO_SPEC.maxBytes) return result;
    const next = nextPhotoQuality({ quality, size }, range);
    if (!next) return null;
    ({ quality } = next);
    range = { low: next.low, high: next.high };
  }
}

// ----- H5

function blobOf(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))), 'image/jpeg', quality);
  });
}

async function browserFacts(file: Blob): Promise<PhotoFacts> {
  const bitmap = await createImageBitmap(file).catch(() => null);
  const facts = { mimeType: file.type, width: bitmap?.width, height: bitmap?.height, size: file.size };
  bitmap?.close();
  return facts;
}

async function browserFit(file: Blob): Promise<PickedFile | null> {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = ID_PHOTO_SPEC.width;
  canvas.height = ID_PHOTO_SPEC.height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  drawFitted(context, bitmap, idPhotoCrop(bitmap.width, bitmap.height));
  bitmap.close();
  const blob = await encodeWithinLimits(async (quality) => {
    const encoded = await blobOf(canvas, quality);
    return { result: encoded, size: encoded.size };
  });
  if (!blob) return null;
  return { path: URL.createObjectURL(blob), name: '证件照.jpg', size: blob.size, mimeType: 'image/jpeg', file: blob };
}

// ----- Mini-program

/** Bytes a base64 data URL holds. */
function dataUrlBytes(dataUrl: string): number {
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
}

async function miniProgramFacts(file: PickedFile): Promise<PhotoFacts> {
  const info = await Taro.getImageInfo({ src: file.path }).catch(() => null);
  const mimeType = info ? `image/${info.type === 'jpg' ? 'jpeg' : info.type}` : undefined;
  return { mimeType, width: info?.width, height: info?.height, size: file.size ?? 0 };
}

async function miniProgramFit(file: PickedFile): Promise<PickedFile | null> {
  const { width, height } = ID_PHOTO_SPEC;
  const canvas = Taro.createOffscreenCanvas({ type: '2d', width, height }) as Taro.OffscreenCanvas & {
    toDataURL(type: string, quality: number): string;
  };
  const image = canvas.createImage();
  await new Promise((resolve, reject) => {
    image.onload = resolve;
    image.onerror = reject;
    image.src = file.path;
  });
  drawFitted(canvas.getContext('2d') as Drawable, image, idPhotoCrop(image.width, image.height));
  // toDataURL rather than canvasToTempFilePath, which cannot export an offscreen canvas on iOS.
  const dataUrl = await encodeWithinLimits(async (quality) => {
    const encoded = canvas.toDataURL('image/jpeg', quality);
    return { result: encoded, size: dataUrlBytes(encoded) };
  });
  if (!dataUrl) return null;
  const path = `${Taro.env.USER_DATA_PATH}/id-photo-${Date.now()}.jpg`;
  Taro.getFileSystemManager().writeFileSync(path, dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  return { path, name: '证件照.jpg', size: dataUrlBytes(dataUrl), mimeType: 'image/jpeg' };
}

/** Format, pixel size and bytes of a picked photo, for idPhotoProblem. */
export function photoFacts(file: PickedFile): Promise<PhotoFacts> {
  return file.file ? browserFacts(file.file) : miniProgramFacts(file);
}

/** A conforming 352 × 440 JPG made from the photo; null when the photo cannot be brought within the limits. */
export function fitIdPhoto(file: PickedFile): Promise<PickedFile | null> {
  return (file.file ? browserFit(file.file) : miniProgramFit(file)).catch(() => null);
}
