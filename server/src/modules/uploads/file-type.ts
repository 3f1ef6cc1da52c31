import type { UploadMimeType } from '@veterans/shared';

/**
 * What a file is, decided by its first bytes (magic numbers), never by its name or the declared content type:
 * a renamed executable (`MZ`), HTML, SVG or a zip archive is refused whatever it calls itself.
 */
const SIGNATURES: readonly { mimeType: UploadMimeType; bytes: readonly number[] }[] = [
  { mimeType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mimeType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mimeType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** Bytes needed from the start of a file to decide its type. */
export const SIGNATURE_BYTES = Math.max(...SIGNATURES.map((signature) => signature.bytes.length));

/** The accepted type whose signature the file starts with, or null (refuse the file). */
export function detectFileType(head: Uint8Array): UploadMimeType | null {
  for (const { mimeType, bytes } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte)) return mimeType;
  }
  return null;
}

/** Extensions a display name may end with for each type; the first is added when the name has none of them. */
export const EXTENSIONS: Record<UploadMimeType, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
};
