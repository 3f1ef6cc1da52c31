import type { RequestDetail, StaffRequestDetail, UploadResult } from '@veterans/shared';
import type { StaffCaller } from '../../plugins/caller';
import { listRequestUploads } from '../uploads/attach';
import { answersInView, citizenView, type RequestRow } from './access';
import { attachmentIds, type FormAnswers, fromStoredForm, withoutSensitive } from './form-data';
import { toCitizenDetail, toStaffDetail } from './presenters';
import { findPickupStation, findUnit, latestReason, loadTimeline, staffQueueRow, userNameCipher } from './queries';
import type { RequestDeps } from './service';

/** The request's files that the shown answers name (a hidden sensitive field hides its files too). */
async function attachmentsOf(deps: RequestDeps, row: RequestRow, shown: FormAnswers): Promise<UploadResult[]> {
  const named = new Set(attachmentIds(row.serviceCode, shown));
  if (named.size === 0) return [];
  return (await listRequestUploads(deps.db, row.id)).filter((upload) => named.has(upload.id));
}

/** A request as a citizen with access sees it (`citizenView`: other linked family without the sensitive part). */
export async function citizenDetail(
  deps: RequestDeps,
  row: RequestRow,
  viewerId: number,
  now = new Date(),
): Promise<RequestDetail> {
  // One query at a time: a burst of submits must not queue several pooled queries per request.
  const unit = await findUnit(deps.db, row.unitId);
  const timeline = await loadTimeline(deps.db, row.id);
  const names = {
    subject: row.subjectUserId === row.applicantUserId ? null : await userNameCipher(deps.db, row.subjectUserId),
    applicant: row.applicantUserId === viewerId ? null : await userNameCipher(deps.db, row.applicantUserId),
  };
  const shown = answersInView(row, citizenView(row, viewerId), deps.cipher);
  return toCitizenDetail(
    {
      request: row,
      answers: shown,
      attachments: await attachmentsOf(deps, row, shown),
      unit,
      timeline,
      reason: latestReason(timeline, row.status),
      pickup: await findPickupStation(deps.db, row.pickupUnitId),
      now,
    },
    viewerId,
    names,
    deps.cipher,
  );
}

/** A request as staff in scope see it; sensitive answers only with `reveal` (the route audits that). */
export async function staffDetail(
  deps: RequestDeps,
  row: RequestRow,
  caller: StaffCaller,
  reveal: boolean,
  now = new Date(),
): Promise<StaffRequestDetail> {
  const queueRow = await staffQueueRow(deps.db, row.id);
  const unit = await findUnit(deps.db, row.unitId);
  const timeline = await loadTimeline(deps.db, row.id);
  if (!queueRow) throw new Error(`Request ${row.id} has no unit`);
  const answers = fromStoredForm(row, deps.cipher);
  const shown = withoutSensitive(row.serviceCode, answers);
  const form = reveal
    ? { formData: answers, hidden: [], revealed: true }
    : { formData: shown.formData, hidden: shown.hidden, revealed: false };
  return toStaffDetail(
    {
      request: row,
      answers,
      attachments: await attachmentsOf(deps, row, form.formData),
      unit,
      timeline,
      reason: latestReason(timeline, row.status),
      pickup: await findPickupStation(deps.db, row.pickupUnitId),
      now,
    },
    queueRow,
    caller.id,
    form,
    deps.cipher,
  );
}
