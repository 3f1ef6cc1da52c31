import { z } from 'zod';
import { orgLevelSchema } from './services';

/** Who a signed-in caller is. Citizens (veterans and family) sign in by WeChat or phone; the rest are staff accounts. */
export const citizenKinds = ['veteran', 'family'] as const;
export const citizenKindSchema = z.enum(citizenKinds);
export type CitizenKind = z.infer<typeof citizenKindSchema>;

export const staffRoles = ['staff', 'lawyer', 'admin'] as const;
export const staffRoleSchema = z.enum(staffRoles);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const roles = [...citizenKinds, ...staffRoles] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = {
  veteran: '退役军人',
  family: '家属',
  staff: '工作人员',
  lawyer: '律师',
  admin: '管理员',
};

/** A staff account's role in words: a supervisor 分管负责人 reads 主管, not 工作人员. */
export function staffRoleText(staff: { role: Role; isSupervisor?: boolean }): string {
  return staff.role === 'staff' && staff.isSupervisor ? '主管（分管负责人）' : roleLabels[staff.role];
}

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { error: '请输入 11 位手机号码' });

export const smsCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: '请输入 6 位数字验证码' });

export const STAFF_PASSWORD_MIN_LENGTH = 10;

/** Staff password policy: long enough, and at least three of lower case, upper case, digits and symbols. */
export const staffPasswordSchema = z
  .string()
  .min(STAFF_PASSWORD_MIN_LENGTH, { error: `密码至少 ${STAFF_PASSWORD_MIN_LENGTH} 位` })
  .max(128, { error: '密码最多 128 位' })
  .refine((value) => [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length >= 3, {
    error: '密码需包含大写字母、小写字母、数字、符号中的至少三类',
  });

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, { error: '用户名为 3–32 位字母、数字、下划线，以字母开头' });

export const wechatLoginBodySchema = z.strictObject({ code: z.string().trim().min(1).max(128) });
export const smsSendBodySchema = z.strictObject({ phone: phoneSchema });
export const smsVerifyBodySchema = z.strictObject({ phone: phoneSchema, code: smsCodeSchema });
export const staffLoginBodySchema = z.strictObject({
  username: z.string().trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string().min(1, { error: '请输入密码' }).max(128),
});
export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1, { error: '请输入当前密码' }).max(128),
  newPassword: staffPasswordSchema,
});
export const refreshBodySchema = z.strictObject({ refreshToken: z.string().min(20).max(200) });

export const principalSchema = z
  .object({
    id: z.number().int(),
    type: z.enum(['citizen', 'staff']),
    role: z.enum(roles),
    displayName: z.string(),
    unitId: z.number().int().nullable(),
    /** Level of the staff member's unit (null for citizens): with role and isSupervisor it decides the abilities. */
    unitLevel: orgLevelSchema.nullable(),
    isSupervisor: z.boolean(),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'Principal' });
export type Principal = z.infer<typeof principalSchema>;

export const sessionSchema = z
  .object({
    accessToken: z.string(),
    accessTokenExpiresIn: z.number().int().describe('seconds'),
    refreshToken: z.string(),
    user: principalSchema,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;
