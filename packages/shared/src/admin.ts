import { z } from 'zod';
import { staffPasswordSchema, staffRoleSchema, usernameSchema } from './auth';
import { refuseInvisibleCharacters } from './identity';
import { orgUnitSchema } from './org-units';
import { pageQuerySchema } from './pagination';
import { orgLevelSchema } from './services';

/** Administration 系统管理: org units, staff accounts and the audit log, as admins see and edit them. */

const id = z.coerce.number().int().positive();

/** `?active=true|false` in a query string. */
const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

/**
 * A unit code: lower-case letters, digits and hyphens. It becomes part of the unit's materialised path
 * (`/weidu/xidajie/`), so it may hold neither `/` nor the LIKE wildcards `%` and `_`.
 */
export const orgUnitCodeSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, { error: '机构编码为 2–63 位小写字母、数字或连字符，以字母开头' });

const unitNameSchema = z.string().trim().min(2, { error: '请输入机构名称' }).max(100, { error: '机构名称最多 100 字' });
const unitAddressSchema = z.string().trim().max(200, { error: '地址最多 200 字' });
/** A point in China (GCJ-02): both coordinates or none. */
const unitLocationSchema = z.strictObject({
  latitude: z.number().min(3, { error: '纬度不正确' }).max(54, { error: '纬度不正确' }),
  longitude: z.number().min(73, { error: '经度不正确' }).max(136, { error: '经度不正确' }),
});
const unitOpeningHoursSchema = z.string().trim().max(100, { error: '办公时间最多 100 字' });
const unitPhoneSchema = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,32}$/, { error: '请输入正确的联系电话，如 0374-1234567' });

/** An org unit as admins see it: inactive ones included. */
export const adminOrgUnitSchema = orgUnitSchema
  .extend({
    path: z.string().describe('codes from the district down, e.g. /weidu/xidajie/'),
    active: z.boolean(),
  })
  .meta({ id: 'AdminOrgUnit' });
export type AdminOrgUnit = z.infer<typeof adminOrgUnitSchema>;

export const createOrgUnitBodySchema = z.strictObject({
  code: orgUnitCodeSchema,
  name: unitNameSchema,
  level: orgLevelSchema,
  parentId: z.number().int().positive().nullable().describe('null only for the district centre'),
  address: unitAddressSchema.optional(),
  phone: unitPhoneSchema.optional(),
  location: unitLocationSchema.optional().describe('地图位置（GCJ-02）'),
  openingHours: unitOpeningHoursSchema.optional(),
});
export type CreateOrgUnitBody = z.infer<typeof createOrgUnitBodySchema>;

/** No re-parenting and no code change: the path of every unit below would change. */
export const updateOrgUnitBodySchema = z
  .strictObject({
    name: unitNameSchema.optional(),
    address: unitAddressSchema.nullable().optional(),
    phone: unitPhoneSchema.nullable().optional(),
    location: unitLocationSchema.nullable().optional().describe('地图位置（GCJ-02），null 清除'),
    openingHours: unitOpeningHoursSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: '没有要修改的内容' });
export type UpdateOrgUnitBody = z.infer<typeof updateOrgUnitBodySchema>;

export const staffDisplayNameSchema = refuseInvisibleCharacters(z.string().trim())
  .min(1, { error: '请输入姓名' })
  .max(64, { error: '姓名最多 64 字' });

/** A staff account as admins see it; the password hash never leaves the server. */
export const staffAccountSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: staffRoleSchema,
    unitId: z.number().int(),
    unitCode: z.string(),
    unitName: z.string(),
    isSupervisor: z.boolean(),
    active: z.boolean(),
    mustChangePassword: z.boolean(),
    lockedUntil: z
      .string()
      .nullable()
      .describe(
        'ISO instant until which the account is locked after wrong passwords, null when it is not: the latest sign-in lock in force on its username (for all addresses, or for one) and its own lock after wrong current passwords when changing the password. POST /admin/staff/{id}/unlock clears them',
      ),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StaffAccount' });
export type StaffAccount = z.infer<typeof staffAccountSchema>;

export const staffListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional().describe('staff of exactly this unit'),
  role: staffRoleSchema.optional(),
  active: booleanQuery.optional(),
  q: z.string().trim().min(1).max(64).optional().describe('part of the username or display name'),
});
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;

export const createStaffBodySchema = z.strictObject({
  username: usernameSchema,
  displayName: staffDisplayNameSchema,
  role: staffRoleSchema,
  unitId: z.number().int().positive(),
  password: staffPasswordSchema.describe('temporary: the account must change it at first sign-in'),
  isSupervisor: z.boolean().default(false),
});
export type CreateStaffBody = z.infer<typeof createStaffBodySchema>;

export const updateStaffBodySchema = z
  .strictObject({
    displayName: staffDisplayNameSchema.optional(),
    role: staffRoleSchema.optional(),
    unitId: z.number().int().positive().optional(),
    active: z.boolean().optional().describe('false disables the account and signs it out everywhere'),
    isSupervisor: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: '没有要修改的内容' });
export type UpdateStaffBody = z.infer<typeof updateStaffBodySchema>;

export const resetStaffPasswordBodySchema = z.strictObject({
  password: staffPasswordSchema.describe('temporary: the account must change it at next sign-in'),
});
export type ResetStaffPasswordBody = z.infer<typeof resetStaffPasswordBodySchema>;

export const auditLogQuerySchema = pageQuerySchema.extend({
  actorId: id.optional(),
  actorRole: z.string().trim().min(1).max(16).optional(),
  action: z.string().trim().min(1).max(64).optional(),
  targetType: z.string().trim().min(1).max(32).optional(),
  targetId: z.string().trim().min(1).max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('inclusive ISO instant'),
  to: z.iso.datetime({ offset: true }).optional().describe('exclusive ISO instant'),
});
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

/** The most entries one xlsx export holds (newest first); narrow the filters to export older ones. */
export const AUDIT_EXPORT_MAX_ROWS = 5000;

/** `GET /admin/audit-log/export`: the search's filters, without paging. */
export const auditLogExportQuerySchema = auditLogQuerySchema.omit({ page: true, pageSize: true });
export type AuditLogExportQuery = z.infer<typeof auditLogExportQuerySchema>;

export const auditLogEntrySchema = z
  .object({
    id: z.number().int(),
    actorId: z.number().int().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditLogEntry' });
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;
