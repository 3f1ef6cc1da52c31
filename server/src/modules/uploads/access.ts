import type { StaffRole } from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/client';
import { uploads } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import { requireActiveCitizen } from '../me/citizen';
import { type RequestRow, requestForCitizen, requestForStaff } from '../requests/access';

export type UploadRow = typeof uploads.$inferSelect;

export type Viewer =
  | { type: 'citizen'; userId: number }
  | { type: 'staff'; staffId: number; unitId: number; role: StaffRole };

/** The signed-in caller as an uploader or viewer of files (a deleted citizen account: 401, as everywhere). */
export async function viewerOf(db: Database, request: FastifyRequest): Promise<Viewer> {
  const user = request.user;
  if (user.typ === 'citizen') return { type: 'citizen', userId: (await requireActiveCitizen(db, request)).id };
  if (user.unit === null) throw new AppError('FORBIDDEN');
  return { type: 'staff', staffId: Number(user.sub), unitId: user.unit, role: user.role as StaffRole };
}

function isUploader(upload: UploadRow, viewer: Viewer): boolean {
  return viewer.type === 'citizen'
    ? upload.uploaderType === 'citizen' && upload.uploaderId === viewer.userId
    : upload.uploaderType === 'staff' && upload.uploaderId === viewer.staffId;
}

export interface VisibleUpload {
  upload: UploadRow;
  /** The request the file belongs to, when the viewer sees it through the request (not as its uploader). */
  request: RequestRow | null;
}

/**
 * The upload, when this viewer may have it: its uploader always; once linked to a request, the citizens and
 * staff who may see that request. Anyone else — and any unknown id — gets UPLOAD_NOT_FOUND, so the
 * existence of other people's files never shows.
 */
export async function uploadForViewer(db: Database, publicId: string, viewer: Viewer): Promise<VisibleUpload> {
  const [upload] = await db.select().from(uploads).where(eq(uploads.publicId, publicId)).limit(1);
  if (!upload) throw new AppError('UPLOAD_NOT_FOUND');
  if (upload.requestId === null) {
    if (isUploader(upload, viewer)) return { upload, request: null };
    throw new AppError('UPLOAD_NOT_FOUND');
  }
  try {
    const request =
      viewer.type === 'citizen'
        ? await requestForCitizen(db, upload.requestId, viewer.userId)
        : await requestForStaff(db, upload.requestId, { unitId: viewer.unitId, role: viewer.role });
    return { upload, request };
  } catch (error) {
    if (isUploader(upload, viewer)) return { upload, request: null };
    if (error instanceof AppError && (error.code === 'REQUEST_NOT_FOUND' || error.code === 'FORBIDDEN')) {
      throw new AppError('UPLOAD_NOT_FOUND');
    }
    throw error;
  }
}
