import { type LegalTopic, legalMyBookingsPage, legalRecordsPage, legalTopicLabels } from '@veterans/shared';
import { notify, type Writer, wechatMessage } from '../notifications/notify';
import { slotLabel } from './time';

/**
 * Every message the legal consultation sends, written inside the caller's transaction (the outbox worker sends
 * the WeChat part once). The booker gets the WeChat message (they subscribed in the app); when they booked for
 * a linked veteran, the veteran gets the same news in their inbox.
 *
 * WeChat templates: confirmations and waitlist promotions use `booking-confirmed`; the day-before reminder uses
 * `booking-reminder`; a centre closure of a booked slot also uses `booking-reminder` (the reminder it replaces
 * will not be sent for a closed slot). Other changes (place, capacity, reopening, cancellations by the centre,
 * waitlist closed) are inbox-only.
 */

export interface BookingFacts {
  bookingId: number;
  userId: number;
  subjectUserId: number;
  topic: LegalTopic;
  startsAt: Date;
  endsAt: Date;
  place: string;
}

const citizen = (id: number) => ({ type: 'citizen' as const, id });
const timeRange = (facts: BookingFacts) => `${facts.startsAt.toISOString()}~${facts.endsAt.toISOString()}`;
const when = (facts: BookingFacts) => `${slotLabel(facts.startsAt, facts.endsAt)}，${facts.place}`;

async function tellSubject(writer: Writer, facts: BookingFacts, kind: string, title: string, body: string) {
  if (facts.subjectUserId === facts.userId) return;
  await notify(writer, { recipient: citizen(facts.subjectUserId), kind, title, body, link: legalMyBookingsPage });
}

export async function noticeBookingConfirmed(writer: Writer, facts: BookingFacts, cancelBy: string): Promise<void> {
  const body = `法律咨询（${legalTopicLabels[facts.topic]}）：${when(facts)}。请携带身份证按时到场；如不能到场，请在${cancelBy}前取消。`;
  await notify(writer, {
    recipient: citizen(facts.userId),
    kind: 'booking-confirmed',
    title: '法律咨询预约成功',
    body,
    link: legalMyBookingsPage,
    wechat: wechatMessage('booking-confirmed', `booking-confirmed:${facts.bookingId}`, {
      topic: `法律咨询-${legalTopicLabels[facts.topic]}`,
      time: timeRange(facts),
      place: facts.place,
      remark: '请携带身份证按时到场',
    }),
  });
  await tellSubject(writer, facts, 'booking-confirmed', '家属已为您预约法律咨询', body);
}

export async function noticeWaitlistPromoted(writer: Writer, facts: BookingFacts, waitlistId: number): Promise<void> {
  const body = `有人取消了预约，您已从候补转为正式预约：${when(facts)}。请携带身份证按时到场。`;
  await notify(writer, {
    recipient: citizen(facts.userId),
    kind: 'waitlist-promoted',
    title: '候补成功，法律咨询已预约',
    body,
    link: legalMyBookingsPage,
    wechat: wechatMessage('booking-confirmed', `waitlist-promoted:${waitlistId}`, {
      topic: `法律咨询-${legalTopicLabels[facts.topic]}`,
      time: timeRange(facts),
      place: facts.place,
      remark: '候补成功，请按时到场',
    }),
  });
  await tellSubject(writer, facts, 'waitlist-promoted', '候补成功，法律咨询已预约', body);
}

export async function noticeBookingReminder(writer: Writer, facts: BookingFacts): Promise<boolean> {
  const body = `明天有您的法律咨询预约：${when(facts)}。请携带身份证按时到场。`;
  const sent = await notify(writer, {
    recipient: citizen(facts.userId),
    kind: 'booking-reminder',
    title: '法律咨询预约提醒',
    body,
    link: legalMyBookingsPage,
    wechat: wechatMessage('booking-reminder', `booking-reminder:${facts.bookingId}`, {
      topic: `法律咨询-${legalTopicLabels[facts.topic]}`,
      time: timeRange(facts),
      place: facts.place,
      remark: '请携带身份证按时到场',
    }),
  });
  if (sent) await tellSubject(writer, facts, 'booking-reminder', '法律咨询预约提醒', body);
  return sent;
}

/** The centre closed a booked slot (holiday, closure, schedule change): the booking is kept for staff to sort out. */
export async function noticeSlotClosed(
  writer: Writer,
  facts: BookingFacts,
  reason: string,
  eventId: number,
): Promise<void> {
  const body = `您预约的法律咨询（${when(facts)}）因“${reason}”暂停。工作人员会与您联系；您也可以取消后另约其他时段。`;
  await notify(writer, {
    recipient: citizen(facts.userId),
    kind: 'booking-changed',
    title: '法律咨询时段停诊',
    body,
    link: legalMyBookingsPage,
    wechat: wechatMessage('booking-reminder', `booking-changed:${facts.bookingId}:${eventId}`, {
      topic: `法律咨询-${legalTopicLabels[facts.topic]}`,
      time: timeRange(facts),
      place: facts.place,
      remark: `该时段停诊：${reason}`,
    }),
  });
  await tellSubject(writer, facts, 'booking-changed', '法律咨询时段停诊', body);
}

/** Inbox-only news about a kept booking: place changed, capacity lowered, slot reopened. */
export async function noticeBookingChanged(writer: Writer, facts: BookingFacts, title: string, text: string) {
  const body = `您预约的法律咨询（${when(facts)}）：${text}`;
  await notify(writer, {
    recipient: citizen(facts.userId),
    kind: 'booking-changed',
    title,
    body,
    link: legalMyBookingsPage,
  });
  await tellSubject(writer, facts, 'booking-changed', title, body);
}

export async function noticeCancelled(writer: Writer, facts: BookingFacts, byCentre: string | null): Promise<void> {
  const title = byCentre ? '服务中心已取消您的法律咨询预约' : '法律咨询预约已取消';
  const body = byCentre
    ? `您预约的法律咨询（${when(facts)}）已由服务中心取消，原因：${byCentre}。如需咨询请重新预约。`
    : `您已取消法律咨询预约（${when(facts)}）。`;
  await notify(writer, {
    recipient: citizen(facts.userId),
    kind: 'booking-cancelled',
    title,
    body,
    link: legalMyBookingsPage,
  });
  await tellSubject(writer, facts, 'booking-cancelled', title, body);
}

export async function noticeWaitlistEnded(
  writer: Writer,
  entry: { userId: number; subjectUserId: number; startsAt: Date; endsAt: Date },
  text: string,
): Promise<void> {
  const body = `您候补的法律咨询（${slotLabel(entry.startsAt, entry.endsAt)}）${text}`;
  for (const id of new Set([entry.userId, entry.subjectUserId])) {
    await notify(writer, {
      recipient: citizen(id),
      kind: 'waitlist-ended',
      title: '法律咨询候补结束',
      body,
      link: legalMyBookingsPage,
    });
  }
}

export async function noticeRecordAvailable(
  writer: Writer,
  subjectUserId: number,
  followUp: { number: string | null } | null,
): Promise<void> {
  const extra = followUp
    ? `律师建议后续跟进，已为您提交办件${followUp.number ? `（${followUp.number}）` : ''}，可在“我的办件”查看进度。`
    : '';
  await notify(writer, {
    recipient: citizen(subjectUserId),
    kind: 'legal-record',
    title: '法律咨询结果已记录',
    body: `律师已记录本次法律咨询的意见和建议，可在“我的法律咨询”中查看。${extra}`,
    link: legalRecordsPage,
  });
}
