import { type RequestStatus, requestStatuses, type ServiceCode, serviceCodes } from '@veterans/shared';

/** Statuses the staff queue can filter by (drafts never reach staff). */
export type QueueStatus = Exclude<RequestStatus, 'draft'>;
export const queueStatuses = requestStatuses.filter((status): status is QueueStatus => status !== 'draft');

export type QueueAssignee = 'me' | 'none';

/** The queue's filters, as the page holds them and as its URL carries them. */
export interface QueueFilter {
  status?: QueueStatus;
  serviceCode?: ServiceCode;
  /** Only requests past their promised date. */
  overdue?: boolean;
  assignee?: QueueAssignee;
  streetUnitId?: number;
  /** Request number (whole or beginning) or the exact full name of the applicant or veteran. */
  q?: string;
}

export const QUEUE_PAGE_SIZE = 20;

type QueryValue = string | number | undefined;

function positiveInteger(value: string | undefined): number | undefined {
  if (!value || !/^[1-9]\d{0,15}$/.test(value)) return undefined;
  return Number(value);
}

/** A filter with everything unset or blank left out (so two equal filters compare equal). */
export function normaliseFilter(filter: QueueFilter): QueueFilter {
  const q = filter.q?.trim().slice(0, 64);
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.serviceCode ? { serviceCode: filter.serviceCode } : {}),
    ...(filter.overdue ? { overdue: true } : {}),
    ...(filter.assignee ? { assignee: filter.assignee } : {}),
    ...(filter.streetUnitId ? { streetUnitId: filter.streetUnitId } : {}),
    ...(q ? { q } : {}),
  };
}

/** The query string of `GET /staff/requests` for a filter and a page. */
export function queueApiQuery(filter: QueueFilter, page = 1, pageSize = QUEUE_PAGE_SIZE): Record<string, QueryValue> {
  const clean = normaliseFilter(filter);
  return {
    status: clean.status,
    serviceCode: clean.serviceCode,
    overdue: clean.overdue ? 'true' : undefined,
    assignee: clean.assignee,
    streetUnitId: clean.streetUnitId,
    q: clean.q,
    page: Math.max(1, Math.floor(page)),
    pageSize,
  };
}

/** The queue page's own URL parameters for a filter (links from the workbench tiles). */
export function queuePageParams(filter: QueueFilter): Record<string, QueryValue> {
  const clean = normaliseFilter(filter);
  return {
    status: clean.status,
    serviceCode: clean.serviceCode,
    overdue: clean.overdue ? '1' : undefined,
    assignee: clean.assignee,
    street: clean.streetUnitId,
    q: clean.q,
  };
}

/** Reads the page's URL parameters back; anything unknown or malformed is ignored. */
export function filterFromPageParams(params: Partial<Record<string, string | undefined>>): QueueFilter {
  const decode = (value: string | undefined) => {
    if (value === undefined) return undefined;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  const status = decode(params.status);
  const serviceCode = decode(params.serviceCode);
  const assignee = decode(params.assignee);
  return normaliseFilter({
    status: (queueStatuses as readonly string[]).includes(status ?? '') ? (status as QueueStatus) : undefined,
    serviceCode: (serviceCodes as readonly string[]).includes(serviceCode ?? '')
      ? (serviceCode as ServiceCode)
      : undefined,
    overdue: params.overdue === '1' || params.overdue === 'true',
    assignee: assignee === 'me' || assignee === 'none' ? assignee : undefined,
    streetUnitId: positiveInteger(decode(params.street)),
    q: decode(params.q),
  });
}

/** How many filters besides the status are set (shown on the 更多筛选 toggle). */
export function extraFilterCount(filter: QueueFilter): number {
  const clean = normaliseFilter(filter);
  return [clean.serviceCode, clean.overdue, clean.assignee, clean.streetUnitId].filter(Boolean).length;
}

export function pageCount(total: number, pageSize = QUEUE_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
