import {
  formatChineseDate,
  requestDetailPage,
  requestStatusLabels,
  type SubscribeTemplateData,
  staffRequestDetailPage,
  truncateText,
} from '@veterans/shared';
import { type Notice, notify, type Writer } from '../notifications/notify';
import type { RequestRow } from './access';
import { serviceNameOf } from './form-data';

/** What the applicant reads in the inbox and in the WeChat message when their request changes. */
export interface StatusNotice {
  request: Pick<RequestRow, 'id' | 'number' | 'serviceCode' | 'applicantUserId' | 'subjectUserId' | 'status'>;
  /** Unique per change: `request-status:<id>:submitted`, `request-status:<id>:<eventId>`. */
  dedupeKey: string;
  /** Title line, e.g. 办件已受理. */
  title: string;
  /** One sentence on what happened and what comes next. */
  detail: string;
  at: Date;
}

/** The citizens told of a status change: the applicant, and the veteran when family filed for them. */
export function statusRecipients(request: Pick<RequestRow, 'applicantUserId' | 'subjectUserId'>): number[] {
  return request.applicantUserId === request.subjectUserId
    ? [request.applicantUserId]
    : [request.applicantUserId, request.subjectUserId];
}

export async function notifyStatus(writer: Writer, notice: StatusNotice): Promise<void> {
  const { request } = notice;
  const service = serviceNameOf(request.serviceCode);
  const reference = request.number ? `（${request.number}）` : '';
  const data: SubscribeTemplateData['request-status'] = {
    requestNo: request.number ?? String(request.id),
    service,
    status: requestStatusLabels[request.status],
    time: notice.at.toISOString(),
    remark: truncateText(notice.detail, 20),
  };
  for (const [index, userId] of statusRecipients(request).entries()) {
    const message: Notice = {
      recipient: { type: 'citizen', id: userId },
      kind: 'request-status',
      title: notice.title,
      body: truncateText(`您的「${service}」${reference}${notice.detail}`, 500),
      link: requestDetailPage(request.id),
      wechat: {
        template: 'request-status',
        // The subject's message needs its own key (a key names one message to one person).
        dedupeKey: index === 0 ? notice.dedupeKey : `${notice.dedupeKey}:subject`,
        data: data as unknown as Record<string, string>,
      },
    };
    await notify(writer, message);
  }
}

export interface StaffNotice {
  staffIds: readonly number[];
  kind: 'request-routed' | 'request-assigned' | 'request-due-soon' | 'request-withdrawn';
  title: string;
  body: string;
  requestId: number;
}

export async function notifyStaff(writer: Writer, notice: StaffNotice): Promise<void> {
  for (const staffId of new Set(notice.staffIds)) {
    await notify(writer, {
      recipient: { type: 'staff', id: staffId },
      kind: notice.kind,
      title: notice.title,
      body: truncateText(notice.body, 500),
      link: staffRequestDetailPage(notice.requestId),
    });
  }
}

/** `优待证申领 WD20261126-0007，请于 2026年12月24日 前办结` */
export function staffRequestLine(request: Pick<RequestRow, 'serviceCode' | 'number' | 'dueDate'>): string {
  const due = request.dueDate ? `，请于 ${formatChineseDate(request.dueDate)} 前办结` : '';
  return `${serviceNameOf(request.serviceCode)} ${request.number ?? ''}${due}`;
}
