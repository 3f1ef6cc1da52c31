import {
  beijingDateTimeText,
  finalRequestStatuses,
  formatChineseDate,
  type RequestStatus,
  requestStatusLabels,
} from '@veterans/shared';
import type { Badge, BadgeTone } from '../account/status';

/** Status names as the workbench says them: a submitted request is waiting to be accepted (待受理). */
export const staffStatusLabels: Record<RequestStatus, string> = { ...requestStatusLabels, submitted: '待受理' };

const statusTones: Record<RequestStatus, BadgeTone> = {
  draft: 'neutral',
  submitted: 'warning',
  accepted: 'neutral',
  processing: 'neutral',
  needs_supplement: 'warning',
  completed: 'success',
  rejected: 'danger',
  withdrawn: 'neutral',
};

export function statusBadge(status: RequestStatus): Badge {
  return { text: staffStatusLabels[status], tone: statusTones[status] };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dayNumber(date: string): number {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

export interface DueMark {
  text: string;
  overdue: boolean;
}

/**
 * What the queue says about a request's promised date: `已逾期 N 天` (red) once it has passed, `今天到期`, or the
 * date itself. Finished requests and drafts get nothing. `overdue` is the server's verdict; the day count is
 * counted here in calendar days (at least 1, so an overdue request never reads 0 天).
 */
export function dueMark(
  item: { status: RequestStatus; dueDate: string | null; overdue: boolean },
  today: string,
): DueMark | null {
  if (!item.dueDate || item.status === 'draft' || finalRequestStatuses.includes(item.status)) return null;
  const late = daysBetween(item.dueDate, today);
  if (item.overdue || late > 0) return { text: `已逾期 ${Math.max(1, late)} 天`, overdue: true };
  if (late === 0) return { text: '今天到期', overdue: false };
  return { text: `${formatChineseDate(item.dueDate)}前办结`, overdue: false };
}

/**
 * The 承诺办结 line of the staff detail: the date and the promised working days, said once (plus 今天到期 on the
 * day itself; an overdue request carries its red mark elsewhere).
 */
export function promisedText(
  item: { status: RequestStatus; dueDate: string | null; overdue: boolean; promisedWorkingDays: number },
  today: string,
): string | null {
  if (!item.dueDate) return null;
  const base = `${formatChineseDate(item.dueDate)}前（${item.promisedWorkingDays} 个工作日）`;
  return dueMark(item, today)?.text === '今天到期' ? `${base}，今天到期` : base;
}

/** An ISO instant as Beijing wall-clock text: `2026年11月26日 09:30`. */
export function dateTimeText(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : beijingDateTimeText(instant);
}

/** `2026-11-26` (or an ISO instant) → `2026年11月26日`. */
export function dateText(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  if (date) return formatChineseDate(date);
  const text = dateTimeText(value);
  return text.split(' ')[0] ?? text;
}

/** The applicant as lists show them: masked; with the veteran when family filed on their behalf. */
export function applicantText(item: { applicantName: string; subjectName: string; onBehalf: boolean }): string {
  return item.onBehalf ? `${item.applicantName}（代 ${item.subjectName} 办理）` : item.applicantName;
}

/** `2026-11-26` + `09:30` → `2026-11-26T09:30:00+08:00`: a time staff pick, in Beijing time, with its offset. */
export function beijingInstant(date: string, time: string): string {
  return `${date}T${/^\d{2}:\d{2}$/.test(time) ? `${time}:00` : time}+08:00`;
}
