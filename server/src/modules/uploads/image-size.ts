import type { UploadMimeType } from '@veterans/shared';

export interface ImageSize {
  width: number;
  height: number;
}

/** Bytes kept from the start of an image to find its size: a JPEG's frame header follows its EXIF blocks. */
export const IMAGE_SIZE_PREFIX_BYTES = 256 * 1024;

// Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding) do not.
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
// Markers without a length field: TEM, RST0–7, SOI, EOI.
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);

function jpegSize(bytes: Uint8Array): ImageSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (isStandalone(marker)) {
      offset += 2;
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return null;
      const height = view.getUint16(offset + 5);
      const width = view.getUint16(offset + 7);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (length < 2) return null;
    offset += 2 + length;
  }
  return null;
}

function pngSize(bytes: Uint8Array): ImageSize | null {
  // Signature (8), IHDR length (4) and type (4), then width and height.
  if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The pixel size of a JPEG or PNG from its first bytes; null for PDFs and for images that cannot be read. */
export function imageSize(head: Uint8Array, mimeType: UploadMimeType): ImageSize | null {
  if (mimeType === 'image/jpeg') return jpegSize(head);
  if (mimeType === 'image/png') return pngSize(head);
  return null;
}
