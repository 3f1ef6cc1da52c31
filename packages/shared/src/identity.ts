import { z } from 'zod';
import { citizenKindSchema } from './auth';
import { idNumberSchema } from './id-number';

export const veteranStatuses = ['none', 'pending', 'verified', 'rejected'] as const;
export const veteranStatusSchema = z.enum(veteranStatuses);
export type VeteranStatus = z.infer<typeof veteranStatusSchema>;
export const veteranStatusLabels: Record<VeteranStatus, string> = {
  none: '未认证',
  pending: '待核验',
  verified: '已认证',
  rejected: '未通过',
};

export const personNameSchema = z
  .string()
  .trim()
  .regex(/^[\u4e00-\u9fa5·]{2,20}$|^[A-Za-z][A-Za-z .·-]{1,49}$/, { error: '请输入身份证上的姓名' });

/** Real-name identity 实名信息, as the 我的 form and `PUT /me/identity` both check it. */
export const identityInputSchema = z.strictObject({
  name: personNameSchema,
  idNumber: idNumberSchema,
  kind: citizenKindSchema,
  communityUnitId: z.number().int().positive().optional(),
});
export type IdentityInput = z.infer<typeof identityInputSchema>;

/** The caller's profile; personal fields always masked. */
export const meSchema = z
  .object({
    id: z.number().int(),
    kind: citizenKindSchema,
    phone: z.string().nullable().describe('masked'),
    hasWechat: z.boolean(),
    identity: z
      .object({
        name: z.string().describe('masked'),
        idNumber: z.string().describe('masked'),
        birthDate: z.string(),
        gender: z.enum(['male', 'female']),
      })
      .nullable(),
    veteranStatus: veteranStatusSchema,
    communityUnitId: z.number().int().nullable(),
    careMode: z.boolean(),
    consents: z.object({
      privacyPolicyVersion: z.string().nullable(),
      sensitiveInfo: z.boolean(),
    }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const updateMeBodySchema = z.strictObject({
  careMode: z.boolean().optional(),
  communityUnitId: z.number().int().positive().nullable().optional(),
});
