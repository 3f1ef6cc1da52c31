import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform, type TransformCallback } from 'node:stream';
import type { UploadMimeType } from '@veterans/shared';
import { AppError } from '../../lib/app-error';
import { detectFileType, SIGNATURE_BYTES } from './file-type';
import { IMAGE_SIZE_PREFIX_BYTES, type ImageSize, imageSize } from './image-size';
import type { FileStorage } from './storage';

export interface ReceivedFile {
  mimeType: UploadMimeType;
  size: number;
  sha256: string;
  /** Pixel size of an image; null for a PDF or an image whose header could not be read. */
  dimensions: ImageSize | null;
}

/**
 * A pass-through that holds back the first bytes until the file type is known from them (refusing anything
 * but JPEG, PNG and PDF before a byte is stored), counts and hashes what passes, and keeps the start of the
 * file to read an image's pixel size from.
 */
class ContentInspector extends Transform {
  private head: Buffer[] = [];
  private headLength = 0;
  mimeType: UploadMimeType | null = null;
  size = 0;
  private readonly hash = createHash('sha256');
  private prefix: Buffer[] = [];
  private prefixLength = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.prefixLength < IMAGE_SIZE_PREFIX_BYTES) {
      this.prefix.push(chunk);
      this.prefixLength += chunk.length;
    }
    if (this.mimeType) {
      callback(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SIGNATURE_BYTES) {
      callback();
      return;
    }
    this.decide(callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.mimeType) callback();
    else this.decide(callback);
  }

  private decide(callback: TransformCallback): void {
    const held = Buffer.concat(this.head);
    this.head = [];
    this.mimeType = detectFileType(held);
    if (!this.mimeType) callback(new AppError('UPLOAD_TYPE_NOT_ALLOWED'));
    else callback(null, held);
  }

  digest(): string {
    return this.hash.digest('hex');
  }

  dimensions(): ImageSize | null {
    return this.mimeType ? imageSize(Buffer.concat(this.prefix), this.mimeType) : null;
  }
}

/** The file part of a multipart request, as @fastify/multipart hands it over. */
export interface IncomingFile {
  file: Readable & { truncated?: boolean };
}

/**
 * Streams one uploaded file into storage under `key`, checking its type by content and its size on the way.
 * Refused files (wrong type: UPLOAD_TYPE_NOT_ALLOWED; over the multipart size limit: UPLOAD_TOO_LARGE) leave
 * nothing in storage.
 */
export async function receiveFile(storage: FileStorage, key: string, incoming: IncomingFile): Promise<ReceivedFile> {
  const inspector = new ContentInspector();
  let tooLarge = false;
  incoming.file.once('limit', () => {
    tooLarge = true;
    inspector.destroy(new AppError('UPLOAD_TOO_LARGE'));
  });
  const checked = pipeline(incoming.file, inspector, () => {});
  try {
    await storage.put(key, checked);
  } catch (error) {
    await storage.delete(key).catch(() => {});
    if (tooLarge) throw new AppError('UPLOAD_TOO_LARGE');
    throw error;
  }
  if (tooLarge || incoming.file.truncated) {
    await storage.delete(key).catch(() => {});
    throw new AppError('UPLOAD_TOO_LARGE');
  }
  if (!inspector.mimeType || inspector.size === 0) {
    await storage.delete(key).catch(() => {});
    throw new AppError('UPLOAD_TYPE_NOT_ALLOWED');
  }
  return {
    mimeType: inspector.mimeType,
    size: inspector.size,
    sha256: inspector.digest(),
    dimensions: inspector.dimensions(),
  };
}
