import {
  type ConsultationRecordBody,
  type LegalRecord,
  type LegalTopic,
  legalTopicLabels,
  type ServiceCode,
} from '@veterans/shared';
import { and, desc, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import {
  legalBookings,
  legalConsultationRecords,
  legalSlots,
  serviceRequests,
  staffAccounts,
  users,
} from '../../db/schema/index';
import { sealedIn, writeSealed } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import { mysqlErrorCode } from '../../lib/database-errors';
import type { FieldCipher } from '../../lib/field-cipher';
import { hasIdentity } from '../me/citizen';
import { maskedNameOf } from '../me/names';
import { recordRequestEvent } from '../requests/events';
import { createRequest } from '../requests/service';
import { slotRef } from './context';
import { noticeRecordAvailable } from './notices';
import { addCalendarDays, beijingDate, beijingInstant, chineseDate, toBeijingIso } from './time';
import type { Reader } from './transaction';

export interface RecordDeps {
  db: Database;
  cipher: FieldCipher;
}

/**
 * The follow-up request a lawyer's record can turn into: 诉求反映 (appeal: a dispute staff take up, may schedule a
 * meeting) when legal aid is advised, otherwise 政策咨询 (policy-question: staff answer). The legal topic picks the
 * form's category.
 */
export function followUpServiceOf(legalAidAdvised: boolean): ServiceCode {
  return legalAidAdvised ? 'appeal' : 'policy-question';
}

const APPEAL_CATEGORY: Record<LegalTopic, string> = {
  'marriage-family': '矛盾纠纷',
  labour: '就业创业',
  resettlement: '安置待遇',
  'social-security': '社会保险',
  housing: '矛盾纠纷',
  contract: '矛盾纠纷',
  other: '其他',
};

const POLICY_TOPIC: Record<LegalTopic, string> = {
  'marriage-family': '其他',
  labour: '安置就业',
  resettlement: '安置就业',
  'social-security': '社会保险',
  housing: '其他',
  contract: '其他',
  other: '其他',
};

export function followUpForm(serviceCode: ServiceCode, category: LegalTopic, text: string): Record<string, string> {
  return serviceCode === 'appeal'
    ? { category: APPEAL_CATEGORY[category], description: text.slice(0, 2000) }
    : { topic: POLICY_TOPIC[category], question: text.slice(0, 1000) };
}

async function bookingForRecord(db: Reader, bookingId: number) {
  const [row] = await db
    .select({ booking: legalBookings, slot: legalSlots })
    .from(legalBookings)
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .where(eq(legalBookings.id, bookingId));
  if (!row) throw new AppError('BOOKING_NOT_FOUND');
  return row;
}

/** `LEGAL_RECORD_DAYS` when unset: a lawyer who writes notes during the following week still can. */
export const DEFAULT_RECORD_DAYS = 7;

/**
 * Last Beijing day on which a consultation of `slotDate` may be recorded: the slot's day plus `days` (0: that day
 * only). Pure; the booking must also be checked in.
 */
export function recordDeadline(slotDate: string, days: number): string {
  return addCalendarDays(slotDate, days);
}

/** Whether a record of the slot starting at `slotStartsAt` may still be written at `now`. */
export function recordWindowOpen(slotStartsAt: Date, now: Date, days: number): boolean {
  return beijingDate(now) <= recordDeadline(beijingDate(slotStartsAt), days);
}

/**
 * `POST /legal/bookings/:id/record` by the lawyer: one record per booking, checked-in bookings only, until
 * `recordDays` after the slot's day (`RECORD_WINDOW_CLOSED` after); summary and advice encrypted. With `createFollowUpRequest`, files the follow-up request too (see `createFollowUp`).
 */
export async function recordConsultation(
  deps: RecordDeps,
  lawyerStaffId: number,
  bookingId: number,
  body: ConsultationRecordBody,
  now: Date,
  recordDays: number = DEFAULT_RECORD_DAYS,
): Promise<number> {
  const { booking, slot } = await bookingForRecord(deps.db, bookingId);
  if (booking.status !== 'checked_in') throw new AppError('INVALID_TRANSITION', '签到后才能记录咨询结果');
  if (!recordWindowOpen(slot.startsAt, now, recordDays)) {
    const deadline = recordDeadline(beijingDate(slot.startsAt), recordDays);
    throw new AppError(
      'RECORD_WINDOW_CLOSED',
      `咨询记录须在咨询后 ${recordDays} 天内填写（截至${chineseDate(deadline)}），已超过期限，不能再记录`,
    );
  }
  let recordId: number;
  try {
    recordId = await inTransaction(deps.db, async (tx) => {
      const [result] = await tx.insert(legalConsultationRecords).values({
        bookingId,
        lawyerStaffId,
        category: body.category,
        // Sealed to the row's id once it is known, below.
        summaryCipher: '',
        adviceCipher: '',
        legalAidAdvised: body.legalAidAdvised,
        followUpAdvised: body.followUpAdvised || body.createFollowUpRequest === true,
      });
      const id = Number(result.insertId);
      await writeSealed(tx, deps.cipher, id, [
        [legalConsultationRecords.summaryCipher, body.summary],
        [legalConsultationRecords.adviceCipher, body.advice],
      ]);
      if (!body.createFollowUpRequest) await noticeRecordAvailable(tx, booking.subjectUserId, null);
      return id;
    });
  } catch (error) {
    if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') throw new AppError('CONFLICT', '该预约已有咨询记录');
    throw error;
  }
  if (body.createFollowUpRequest) await createFollowUp(deps, recordId, lawyerStaffId, body.followUpNote, now);
  return recordId;
}

/**
 * Files the follow-up service request of a record for the person consulted, submitted at once and routed like
 * any request (their community's station or the centre, per the service), through the requests module's own
 * `createRequest` (numbering, routing, due date, notices). Idempotent: the Idempotency-Key `legal-record-<id>`
 * makes a retry return the same request, and a record links one request only. The person is told.
 */
export async function createFollowUp(
  deps: RecordDeps,
  recordId: number,
  lawyerStaffId: number,
  note: string | undefined,
  now: Date,
): Promise<{ id: number; number: string | null }> {
  const [row] = await deps.db
    .select({ record: legalConsultationRecords, booking: legalBookings, slot: legalSlots, subject: users })
    .from(legalConsultationRecords)
    .innerJoin(legalBookings, eq(legalBookings.id, legalConsultationRecords.bookingId))
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .innerJoin(users, eq(users.id, legalBookings.subjectUserId))
    .where(eq(legalConsultationRecords.id, recordId));
  if (!row) throw new AppError('NOT_FOUND', '咨询记录不存在');
  const { record, slot, subject } = row;
  if (record.followUpRequestId !== null) return requestRef(deps.db, record.followUpRequestId);
  if (subject.deletedAt) throw new AppError('CONFLICT', '咨询人已注销账号，不能创建后续办件');

  const serviceCode = followUpServiceOf(record.legalAidAdvised);
  const text =
    note?.trim() ||
    `${chineseDate(beijingDate(slot.startsAt))}法律咨询（${legalTopicLabels[record.category]}）后，值班律师建议${
      record.legalAidAdvised ? '申请法律援助，并' : ''
    }由服务中心跟进办理。`;
  const outcome = await createRequest(
    deps,
    { id: subject.id, hasIdentity: hasIdentity(subject) },
    { serviceCode, formData: followUpForm(serviceCode, record.category, text), submit: true },
    `legal-record-${recordId}`,
    now,
  );
  await inTransaction(deps.db, async (tx) => {
    await tx
      .update(legalConsultationRecords)
      .set({ followUpRequestId: outcome.requestId, followUpAdvised: true })
      .where(and(eq(legalConsultationRecords.id, recordId), isNull(legalConsultationRecords.followUpRequestId)));
    if (!outcome.replayed) {
      await recordRequestEvent(tx, {
        requestId: outcome.requestId,
        actorType: 'staff',
        actorId: lawyerStaffId,
        action: 'legal_follow_up',
        comment: `根据${chineseDate(beijingDate(slot.startsAt))}法律咨询，由值班律师代为提交`,
      });
      const ref = await requestRef(tx, outcome.requestId);
      await noticeRecordAvailable(tx, subject.id, ref);
    }
  });
  return requestRef(deps.db, outcome.requestId);
}

async function requestRef(db: Reader, requestId: number): Promise<{ id: number; number: string | null }> {
  const [request] = await db
    .select({ id: serviceRequests.id, number: serviceRequests.number })
    .from(serviceRequests)
    .where(eq(serviceRequests.id, requestId));
  return request ?? { id: requestId, number: null };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading records

export interface RecordFilter {
  /** Only the person consulted. */
  subjectUserId?: number;
  lawyerStaffId?: number;
  /** Consultations on this Beijing date. */
  date?: string;
  recordId?: number;
}

/** Records as lists show them; summary and advice decrypted only when `reveal` is set. */
export async function listRecords(
  db: Reader,
  cipher: Pick<FieldCipher, 'decrypt'>,
  filter: RecordFilter,
  reveal: boolean,
): Promise<LegalRecord[]> {
  const conditions: SQL[] = [];
  if (filter.subjectUserId !== undefined) conditions.push(eq(legalBookings.subjectUserId, filter.subjectUserId));
  if (filter.lawyerStaffId !== undefined) {
    conditions.push(eq(legalConsultationRecords.lawyerStaffId, filter.lawyerStaffId));
  }
  if (filter.recordId !== undefined) conditions.push(eq(legalConsultationRecords.id, filter.recordId));
  if (filter.date !== undefined) {
    conditions.push(gte(legalSlots.startsAt, beijingInstant(filter.date, '00:00')));
    conditions.push(lt(legalSlots.startsAt, beijingInstant(addCalendarDays(filter.date, 1), '00:00')));
  }
  const rows = await db
    .select({
      record: legalConsultationRecords,
      slot: legalSlots,
      nameCipher: users.nameCipher,
      subjectUserId: legalBookings.subjectUserId,
      lawyerName: staffAccounts.displayName,
      requestNumber: serviceRequests.number,
    })
    .from(legalConsultationRecords)
    .innerJoin(legalBookings, eq(legalBookings.id, legalConsultationRecords.bookingId))
    .innerJoin(legalSlots, eq(legalSlots.id, legalBookings.slotId))
    .innerJoin(users, eq(users.id, legalBookings.subjectUserId))
    .innerJoin(staffAccounts, eq(staffAccounts.id, legalConsultationRecords.lawyerStaffId))
    .leftJoin(serviceRequests, eq(serviceRequests.id, legalConsultationRecords.followUpRequestId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(legalSlots.startsAt), desc(legalConsultationRecords.id))
    .limit(100);
  return rows.map(({ record, slot, nameCipher, subjectUserId, lawyerName, requestNumber }) => ({
    id: record.id,
    bookingId: record.bookingId,
    slot: slotRef(slot, slot.closedReason),
    personName: maskedNameOf(cipher, subjectUserId, nameCipher),
    category: record.category,
    categoryLabel: legalTopicLabels[record.category],
    summary: reveal
      ? cipher.decrypt(record.summaryCipher, sealedIn(legalConsultationRecords.summaryCipher, record.id))
      : null,
    advice: reveal
      ? cipher.decrypt(record.adviceCipher, sealedIn(legalConsultationRecords.adviceCipher, record.id))
      : null,
    revealed: reveal,
    legalAidAdvised: record.legalAidAdvised,
    followUpAdvised: record.followUpAdvised,
    followUpRequest:
      record.followUpRequestId !== null ? { id: record.followUpRequestId, number: requestNumber ?? null } : null,
    lawyerName,
    createdAt: toBeijingIso(record.createdAt),
  }));
}
