import {
  type AppealMeeting,
  beijingDateTimeText,
  beijingToday,
  findService,
  type HomeVisit,
  type RequestStatus,
  requestDetailPage,
  type SubscribeTemplateData,
  truncateText,
} from '@veterans/shared';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { appealMeetings, homeVisits, staffAccounts } from '../../db/schema/index';
import { sealedIn, writeSealed } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import { notify } from '../notifications/notify';
import type { RequestRow } from '../requests/access';
import { recordRequestEvent } from '../requests/events';

/** Statuses in which staff still work a request (a visit or a meeting makes sense). */
const WORKING_STATUSES: readonly RequestStatus[] = ['submitted', 'accepted', 'processing', 'needs_supplement'];

/** 走访 records are kept for hardship aid only; they may be written until the request is completed. */
const VISIT_STATUSES: readonly RequestStatus[] = [...WORKING_STATUSES, 'completed'];

export const HOME_VISIT_EVENT_COMMENT = '工作人员已入户走访';

export interface HomeVisitInput {
  visitDate: string;
  findings: string;
}

export async function recordHomeVisit(
  db: Database,
  cipher: FieldCipher,
  request: RequestRow,
  staffId: number,
  input: HomeVisitInput,
): Promise<number> {
  if (request.serviceCode !== 'hardship-aid') throw new AppError('CONFLICT', '仅困难帮扶申请需要走访记录');
  if (!VISIT_STATUSES.includes(request.status)) throw new AppError('INVALID_TRANSITION', '该办件当前状态不能记录走访');
  if (input.visitDate > beijingToday()) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.visitDate', message: '走访日期不能晚于今天' }]);
  }
  return inTransaction(db, async (tx) => {
    const [result] = await tx.insert(homeVisits).values({
      requestId: request.id,
      staffId,
      visitDate: input.visitDate,
      findingsCipher: '',
    });
    const visitId = Number(result.insertId);
    await writeSealed(tx, cipher, visitId, [[homeVisits.findingsCipher, input.findings]]);
    // The applicant's timeline says only that a visit happened; the findings stay with staff.
    await recordRequestEvent(tx, {
      requestId: request.id,
      actorType: 'staff',
      actorId: staffId,
      action: 'home_visit',
      comment: HOME_VISIT_EVENT_COMMENT,
    });
    return visitId;
  });
}

/** The visits of a request, findings decrypted (for staff in scope, through an audited route). */
export async function listHomeVisits(db: Database, cipher: FieldCipher, requestId: number): Promise<HomeVisit[]> {
  const rows = await db
    .select({ visit: homeVisits, staffName: staffAccounts.displayName })
    .from(homeVisits)
    .innerJoin(staffAccounts, eq(staffAccounts.id, homeVisits.staffId))
    .where(eq(homeVisits.requestId, requestId))
    .orderBy(asc(homeVisits.visitDate), asc(homeVisits.id));
  return rows.map(({ visit, staffName }) => ({
    id: visit.id,
    visitDate: visit.visitDate,
    findings: cipher.decrypt(visit.findingsCipher, sealedIn(homeVisits.findingsCipher, visit.id)),
    staffId: visit.staffId,
    staffName,
    createdAt: visit.createdAt.toISOString(),
  }));
}

export interface MeetingInput {
  scheduledAt: string;
  place: string;
  note?: string;
}

/**
 * 约访: staff schedule a meeting with the applicant of an appeal. The applicant is told (inbox and WeChat
 * `appeal-meeting`, with the time in Beijing time) and the timeline records it.
 */
export async function scheduleMeeting(
  db: Database,
  request: RequestRow,
  staffId: number,
  input: MeetingInput,
  now: Date = new Date(),
): Promise<number> {
  if (request.serviceCode !== 'appeal') throw new AppError('CONFLICT', '仅诉求反映可以安排约访');
  if (!WORKING_STATUSES.includes(request.status))
    throw new AppError('INVALID_TRANSITION', '该办件当前状态不能安排约访');
  const scheduledAt = new Date(input.scheduledAt);
  if (scheduledAt.getTime() <= now.getTime()) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'body.scheduledAt', message: '约访时间须晚于现在' }]);
  }
  const note = input.note?.trim() || null;
  const when = beijingDateTimeText(scheduledAt);
  return inTransaction(db, async (tx) => {
    const [result] = await tx
      .insert(appealMeetings)
      .values({ requestId: request.id, scheduledAt, place: input.place, note, createdBy: staffId });
    const meetingId = Number(result.insertId);
    const service = findService(request.serviceCode)?.name ?? request.serviceCode;
    const reference = request.number ?? String(request.id);
    const data: SubscribeTemplateData['appeal-meeting'] = {
      subject: `${service} ${reference}`,
      time: scheduledAt.toISOString(),
      place: input.place,
      ...(note ? { remark: note } : {}),
    };
    await notify(tx, {
      recipient: { type: 'citizen', id: request.applicantUserId },
      kind: 'appeal-meeting',
      title: '约访通知',
      body: truncateText(
        `您反映的诉求（${reference}）已安排约访：${when}（北京时间），地点：${input.place}。${note ? `说明：${note}` : ''}`,
        500,
      ),
      link: requestDetailPage(request.id),
      wechat: { template: 'appeal-meeting', dedupeKey: `appeal-meeting:${meetingId}`, data: { ...data } },
    });
    await recordRequestEvent(tx, {
      requestId: request.id,
      actorType: 'staff',
      actorId: staffId,
      action: 'meeting_scheduled',
      comment: truncateText(`已安排约访：${when}，地点：${input.place}`, 500),
    });
    return meetingId;
  });
}

export async function listMeetings(db: Database, requestId: number): Promise<AppealMeeting[]> {
  const rows = await db
    .select()
    .from(appealMeetings)
    .where(eq(appealMeetings.requestId, requestId))
    .orderBy(asc(appealMeetings.scheduledAt), asc(appealMeetings.id));
  return rows.map((row) => ({
    id: row.id,
    scheduledAt: row.scheduledAt.toISOString(),
    scheduledAtText: beijingDateTimeText(row.scheduledAt),
    place: row.place,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  }));
}
