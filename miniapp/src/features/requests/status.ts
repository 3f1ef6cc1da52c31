import {
  formatChineseDate,
  type RequestStatus,
  type RequestSummary,
  requestStatusLabels,
  type TimelineEvent,
} from '@veterans/shared';

/** How a request's status looks: a neutral draft, in progress, needs the applicant, done, refused. */
export type RequestTone = 'neutral' | 'progress' | 'warning' | 'success' | 'danger';

const tones: Record<RequestStatus, RequestTone> = {
  draft: 'neutral',
  submitted: 'progress',
  accepted: 'progress',
  processing: 'progress',
  needs_supplement: 'warning',
  completed: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
};

export function statusTone(status: RequestStatus): RequestTone {
  return tones[status];
}

export function statusText(status: RequestStatus): string {
  return requestStatusLabels[status];
}

/** The list highlights what needs the applicant (待补正) or is late (已超期). */
export function needsAttention(item: Pick<RequestSummary, 'status' | 'overdue'>): boolean {
  return item.status === 'needs_supplement' || item.overdue;
}

/** ISO instant → `2026年11月26日 09:30` (Beijing time). */
export function dateTimeText(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const shifted = new Date(instant.getTime() + 8 * 60 * 60 * 1000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${shifted.getUTCFullYear()}年${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日 ${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

/** One line under a request in the list: its number (or 草稿) and the date that matters now. */
export function summaryLine(item: Pick<RequestSummary, 'number' | 'status' | 'dueDate' | 'draftExpiresAt'>): string {
  if (item.status === 'draft') {
    return item.draftExpiresAt ? `草稿 · ${dateTimeText(item.draftExpiresAt).slice(0, -6)}前有效` : '草稿';
  }
  const due =
    item.dueDate && !['completed', 'rejected', 'withdrawn'].includes(item.status)
      ? ` · 承诺 ${formatChineseDate(item.dueDate)}前办结`
      : '';
  return `${item.number ?? ''}${due}`;
}

/** 已提交 → 已受理 on a timeline entry; empty when the entry changed no status. */
export function transitionText(event: Pick<TimelineEvent, 'fromStatus' | 'toStatus'>): string {
  if (event.fromStatus && event.toStatus) return `${statusText(event.fromStatus)} → ${statusText(event.toStatus)}`;
  if (event.toStatus) return statusText(event.toStatus);
  return '';
}
