import { z } from 'zod';
import { citizenKindSchema } from './auth';
import { idNumberSchema } from './id-number';
import { uploadIdSchema } from './service-forms';

export const veteranStatuses = ['none', 'pending', 'verified', 'rejected'] as const;
export const veteranStatusSchema = z.enum(veteranStatuses);
export type VeteranStatus = z.infer<typeof veteranStatusSchema>;
export const veteranStatusLabels: Record<VeteranStatus, string> = {
  none: '未认证',
  pending: '待核验',
  verified: '已认证',
  rejected: '未通过',
};

/**
 * Characters no name may hold, because they are invisible or reorder what is shown: "张三" and "张\u200b三" look
 * alike, and U+202E turns the rest of a name around, so one account could pose as another. Control characters
 * (C0, DEL, C1), line and paragraph separators, bidi marks, embeddings, overrides (U+202A–U+202E) and isolates
 * (U+2066–U+2069), zero-width characters (U+200B–U+200D, U+FEFF), the word joiner and invisible operators
 * (U+2060–U+2064).
 */
export const INVISIBLE_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
export const INVISIBLE_CHARACTERS_MESSAGE = '姓名中不能含有控制字符或不可见字符';

/**
 * The rule for every name field (real names, staff display names), so the server and the app's forms refuse the
 * same names with the same message. It stops the field's other checks: their message would not say what is wrong.
 */
export function refuseInvisibleCharacters(schema: z.ZodString): z.ZodString {
  return schema.refine((value) => !INVISIBLE_CHARACTERS.test(value), {
    error: INVISIBLE_CHARACTERS_MESSAGE,
    abort: true,
  });
}

export const personNameSchema = refuseInvisibleCharacters(z.string().trim()).regex(
  /^[\u4e00-\u9fa5·]{2,20}$|^[A-Za-z][A-Za-z .·-]{1,49}$/,
  { error: '请输入身份证上的姓名' },
);

/** The app page of the caller's real-name identity (notices about verification link to it). */
export const identityPage = '/subpackages/account/identity/index';

/**
 * `POST /me/identity/proof`: a photo of the 退伍证 or 优待证 (uploaded first with `POST /uploads`) for the staff who
 * verify a waiting veteran's claim.
 */
export const identityProofBodySchema = z.strictObject({ uploadId: uploadIdSchema });
export type IdentityProofBody = z.infer<typeof identityProofBodySchema>;

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
    identityProof: z
      .object({ fileName: z.string(), uploadedAt: z.string() })
      .nullable()
      .describe('为实名核验上传的退伍证/优待证照片（最近一份）'),
    faceVerification: z
      .boolean()
      .describe('可以用微信人脸核身认证：服务已开通、账号有微信登录、实名信息是待核验（或未通过）的退役军人；仅小程序'),
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
