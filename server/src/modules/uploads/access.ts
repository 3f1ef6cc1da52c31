import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { uploads } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import type { Caller } from '../../plugins/caller';
import { answersInView, citizenView, type RequestRow, requestForCitizen, requestForStaff } from '../requests/access';
import { attachmentIds } from '../requests/form-data';
import { disputeReviewableBy } from '../veterans/disputes';
import { identityProofReviewableBy } from '../veterans/identity-proof';

export type UploadRow = typeof uploads.$inferSelect;

function isUploader(upload: UploadRow, caller: Caller): boolean {
  return upload.uploaderType === caller.type && upload.uploaderId === caller.id;
}

export interface VisibleUpload {
  upload: UploadRow;
  /** The request the file belongs to, when the caller sees it through the request (not as its uploader). */
  request: RequestRow | null;
  /** The caller reviews this file as the proof of an identity dispute or claim (the route audits that). */
  reviewedProof: boolean;
}

/** The request the file is attached to, when the caller may see this file of it; null otherwise. */
async function requestShowingFile(
  db: Database,
  cipher: Pick<FieldCipher, 'decrypt'>,
  upload: UploadRow & { requestId: number },
  caller: Caller,
): Promise<RequestRow | null> {
  try {
    if (caller.type === 'staff') {
      if (!caller.abilities.has('requests.work')) return null;
      return await requestForStaff(db, upload.requestId, caller);
    }
    const request = await requestForCitizen(db, upload.requestId, caller.id);
    const view = citizenView(request, caller.id);
    if (view.sensitive) return request;
    // The same rule as the request's detail: a file only when an answer shown to this person names it.
    return attachmentIds(request.serviceCode, answersInView(request, view, cipher)).includes(upload.publicId)
      ? request
      : null;
  } catch (error) {
    if (error instanceof AppError && error.code === 'REQUEST_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * The upload, when this caller may have it: its uploader always; once linked to a request, the citizens and
 * staff who may see that file of the request; a dispute's proof, the staff who may review that dispute; the proof of
 * an identity claim, the staff who verify in the citizen's scope. Anyone else — and any unknown id — gets
 * UPLOAD_NOT_FOUND, so the
 * existence of other people's files never shows.
 */
export async function uploadForCaller(
  db: Database,
  cipher: Pick<FieldCipher, 'decrypt'>,
  publicId: string,
  caller: Caller,
): Promise<VisibleUpload> {
  const [upload] = await db.select().from(uploads).where(eq(uploads.publicId, publicId)).limit(1);
  if (!upload) throw new AppError('UPLOAD_NOT_FOUND');
  const { requestId } = upload;
  const request = requestId === null ? null : await requestShowingFile(db, cipher, { ...upload, requestId }, caller);
  if (request) return { upload, request, reviewedProof: false };
  if (isUploader(upload, caller)) return { upload, request: null, reviewedProof: false };
  if (upload.disputeId !== null && (await disputeReviewableBy(db, upload.disputeId, caller))) {
    return { upload, request: null, reviewedProof: true };
  }
  if (upload.identityUserId !== null && (await identityProofReviewableBy(db, upload.identityUserId, caller))) {
    return { upload, request: null, reviewedProof: true };
  }
  throw new AppError('UPLOAD_NOT_FOUND');
}
