import {
  type AdminOrgUnit,
  type AuditLogEntry,
  type AuditLogExportQuery,
  adminOrgUnitSchema,
  auditLogEntrySchema,
  type CalendarDay,
  type CardBank,
  type CardBankCreateBody,
  type CardBankUpdateBody,
  type CreateOrgUnitBody,
  type CreateStaffBody,
  calendarDaySchema,
  cardBankListSchema,
  cardBankSchema,
  type HolidayOverrideBody,
  type HolidayYear,
  holidayYearSchema,
  pagedSchema,
  type StaffAccount,
  type StaffRole,
  staffAccountSchema,
  type UpdateOrgUnitBody,
  type UpdateStaffBody,
} from '@veterans/shared';
import { z } from 'zod';
import { request } from '../../api/client';
import type { Paged } from '../staff/api';

/**
 * The admin screens' calls: org units and staff accounts (server/src/modules/admin), the veteran roster import
 * (server/src/modules/veterans/routes.ts), the audit log and the holiday calendar. Form calls are `quiet`: the
 * page shows the server's message next to the form.
 */

// Org units 机构

export async function fetchAdminUnits(): Promise<AdminOrgUnit[]> {
  const { items } = await request('GET', '/admin/org-units', {
    schema: z.object({ items: z.array(adminOrgUnitSchema) }),
  });
  return items;
}

export function createUnit(body: CreateOrgUnitBody): Promise<AdminOrgUnit> {
  return request('POST', '/admin/org-units', { schema: adminOrgUnitSchema, body, quiet: true });
}

export function updateUnit(id: number, body: UpdateOrgUnitBody): Promise<AdminOrgUnit> {
  return request('PATCH', `/admin/org-units/${id}`, { schema: adminOrgUnitSchema, body, quiet: true });
}

// Staff accounts 人员账号

export interface StaffFilter {
  q?: string;
  unitId?: number;
  role?: StaffRole;
  active?: boolean;
}

const staffPageSchema = pagedSchema(staffAccountSchema);
export const STAFF_PAGE_SIZE = 20;

export function fetchStaffAccounts(filter: StaffFilter, page = 1, pageSize = STAFF_PAGE_SIZE) {
  return request('GET', '/admin/staff', {
    schema: staffPageSchema,
    query: {
      q: filter.q || undefined,
      unitId: filter.unitId,
      role: filter.role,
      active: filter.active === undefined ? undefined : String(filter.active),
      page,
      pageSize,
    },
  }) as Promise<Paged<StaffAccount>>;
}

export function createStaffAccount(body: CreateStaffBody): Promise<StaffAccount> {
  return request('POST', '/admin/staff', { schema: staffAccountSchema, body, quiet: true });
}

export function updateStaffAccount(id: number, body: UpdateStaffBody): Promise<StaffAccount> {
  return request('PATCH', `/admin/staff/${id}`, { schema: staffAccountSchema, body, quiet: true });
}

export async function resetStaffPassword(id: number, password: string): Promise<void> {
  await request('POST', `/admin/staff/${id}/reset-password`, { schema: z.unknown(), body: { password }, quiet: true });
}

export async function unlockStaffAccount(id: number): Promise<void> {
  await request('POST', `/admin/staff/${id}/unlock`, { schema: z.unknown(), quiet: true });
}

// Veteran roster 花名册

export const rosterRejectionSchema = z.object({ row: z.number().int(), reason: z.string() });
const counts = {
  total: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
};
export const rosterReportSchema = z.object({
  importId: z.number().int(),
  fileName: z.string(),
  ...counts,
  rejections: z.array(rosterRejectionSchema),
  verifiedUsers: z.number().int(),
});
export type RosterReport = z.infer<typeof rosterReportSchema>;
const rosterSummarySchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  importedBy: z.object({ id: z.number().int(), displayName: z.string().nullable() }),
  createdAt: z.string(),
  ...counts,
});
export type RosterSummary = z.infer<typeof rosterSummarySchema>;
const rosterDetailSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  createdAt: z.string(),
  ...counts,
  rejections: z.array(rosterRejectionSchema),
});
export type RosterDetail = z.infer<typeof rosterDetailSchema>;

export function fetchRosterImports(page = 1): Promise<Paged<RosterSummary>> {
  return request('GET', '/admin/veteran-roster/imports', {
    schema: pagedSchema(rosterSummarySchema),
    query: { page, pageSize: 10 },
  });
}

export function fetchRosterImport(id: number): Promise<RosterDetail> {
  return request('GET', `/admin/veteran-roster/imports/${id}`, { schema: rosterDetailSchema });
}

// Audit log 审计日志

export type AuditFilter = AuditLogExportQuery;
export const AUDIT_PAGE_SIZE = 20;

export function fetchAuditLog(filter: AuditFilter, page = 1): Promise<Paged<AuditLogEntry>> {
  return request('GET', '/admin/audit-log', {
    schema: pagedSchema(auditLogEntrySchema),
    query: { ...filter, page, pageSize: AUDIT_PAGE_SIZE },
    quiet: true,
  });
}

// Holiday calendar 节假日

export function fetchHolidayYear(year: number): Promise<HolidayYear> {
  return request('GET', '/admin/holidays', { schema: holidayYearSchema, query: { year } });
}

export function setHolidayOverride(date: string, body: HolidayOverrideBody): Promise<CalendarDay> {
  return request('PUT', `/admin/holidays/${date}`, { schema: calendarDaySchema, body, quiet: true });
}

export async function removeHolidayOverride(date: string): Promise<void> {
  await request('DELETE', `/admin/holidays/${date}`, { schema: z.unknown(), quiet: true });
}

// 优待证 partner banks 合作银行

export async function fetchAdminCardBanks(): Promise<CardBank[]> {
  const { items } = await request('GET', '/admin/card-banks', { schema: cardBankListSchema });
  return items;
}

export function createCardBank(body: CardBankCreateBody): Promise<CardBank> {
  return request('POST', '/admin/card-banks', { schema: cardBankSchema, body, quiet: true });
}

export function updateCardBank(id: number, body: CardBankUpdateBody): Promise<CardBank> {
  return request('PATCH', `/admin/card-banks/${id}`, { schema: cardBankSchema, body, quiet: true });
}
