import type { UploadResult } from '@veterans/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { uploads } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { Executor } from '../veterans/executor';

export interface AttachUploadsInput {
  requestId: number;
  /** The citizen filing the request (users.id): only their own uploads can be attached. */
  uploaderUserId: number;
  /** 窗口代办: the staff member filing for the citizen, whose scans of the person's papers may be attached too. */
  filingStaffId?: number;
  /** Upload ids (`POST /uploads` → `id`) named by the form; duplicates are ignored. */
  publicIds: readonly string[];
}

function uploadedByFiler(
  row: { uploaderType: 'citizen' | 'staff'; uploaderId: number },
  input: AttachUploadsInput,
): boolean {
  if (row.uploaderType === 'citizen') return row.uploaderId === input.uploaderUserId;
  return input.filingStaffId !== undefined && row.uploaderId === input.filingStaffId;
}

/**
 * Links uploads to a service request, inside the caller's transaction. Every id must be an upload of this
 * citizen (or of the staff member filing for them) that is not linked to another request (already linked to this one is fine, so saving a draft twice
 * works); otherwise nothing is linked and UPLOAD_NOT_FOUND is thrown with one detail per bad id
 * (`{ path: 'uploads.<id>', message }`). The rows are locked (FOR UPDATE), so two requests cannot both
 * claim one file. Returns the linked files in the order given, with the pixel size of images.
 */
export async function attachUploads(tx: Executor, input: AttachUploadsInput): Promise<UploadResult[]> {
  const publicIds = [...new Set(input.publicIds)];
  if (publicIds.length === 0) return [];
  const rows = await tx
    .select({
      id: uploads.id,
      publicId: uploads.publicId,
      uploaderType: uploads.uploaderType,
      uploaderId: uploads.uploaderId,
      requestId: uploads.requestId,
      fileName: uploads.fileName,
      mimeType: uploads.mimeType,
      sizeBytes: uploads.sizeBytes,
      imageWidth: uploads.imageWidth,
      imageHeight: uploads.imageHeight,
    })
    .from(uploads)
    .where(inArray(uploads.publicId, publicIds))
    .for('update');
  const usable = new Map(
    rows
      .filter((row) => row.requestId === input.requestId || (row.requestId === null && uploadedByFiler(row, input)))
      .map((row) => [row.publicId, row]),
  );
  const missing = publicIds.filter((publicId) => !usable.has(publicId));
  if (missing.length > 0) {
    throw new AppError(
      'UPLOAD_NOT_FOUND',
      undefined,
      missing.map((publicId) => ({ path: `uploads.${publicId}`, message: '附件不存在或已失效，请重新上传' })),
    );
  }
  const toLink = [...usable.values()].filter((row) => row.requestId === null).map((row) => row.id);
  if (toLink.length > 0) {
    await tx
      .update(uploads)
      .set({ requestId: input.requestId })
      .where(and(inArray(uploads.id, toLink), isNull(uploads.requestId)));
  }
  return publicIds.map((publicId) => {
    const row = usable.get(publicId) as NonNullable<ReturnType<typeof usable.get>>;
    return {
      id: row.publicId,
      fileName: row.fileName,
      mimeType: row.mimeType as UploadResult['mimeType'],
      size: row.sizeBytes,
      width: row.imageWidth ?? undefined,
      height: row.imageHeight ?? undefined,
    };
  });
}

/** The files linked to a request, oldest first (for the request detail of the applicant and of staff). */
export async function listRequestUploads(db: Executor, requestId: number): Promise<UploadResult[]> {
  const rows = await db
    .select({
      publicId: uploads.publicId,
      fileName: uploads.fileName,
      mimeType: uploads.mimeType,
      sizeBytes: uploads.sizeBytes,
    })
    .from(uploads)
    .where(eq(uploads.requestId, requestId))
    .orderBy(uploads.id);
  return rows.map((row) => ({
    id: row.publicId,
    fileName: row.fileName,
    mimeType: row.mimeType as UploadResult['mimeType'],
    size: row.sizeBytes,
  }));
}
