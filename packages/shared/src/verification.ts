import { z } from 'zod';
import { citizenKindSchema } from './auth';
import { veteranStatusSchema } from './identity';

/* ------------------------------------------------------------------------------------------------------------ *
 * The staff verification queue 实名核验: veterans the roster could not verify on its own, with what the reviewer
 * needs to decide. Used by `GET /staff/verifications` and the app's queue page.
 * ------------------------------------------------------------------------------------------------------------ */

/** The roster row with the same ID number, as the queue shows it (masked; `GET …/roster` reveals it, audited). */
export const verificationRosterMatchSchema = z.object({
  name: z.string().describe('masked'),
  communityName: z.string().nullable(),
  dischargeDate: z.string().nullable(),
  nameMatches: z.boolean(),
  /** Null when the roster holds no phone for the veteran. */
  phoneMatches: z.boolean().nullable(),
});

export const verificationItemSchema = z
  .object({
    userId: z.number().int(),
    name: z.string().describe('masked'),
    idNumber: z.string().describe('masked'),
    birthDate: z.string().nullable(),
    gender: z.enum(['male', 'female']).nullable(),
    communityUnitId: z.number().int().nullable(),
    communityName: z.string().nullable(),
    phone: z.string().nullable().describe('masked: the phone the account has proven (SMS code or WeChat)'),
    roster: verificationRosterMatchSchema.nullable(),
    inRosterUnderOtherName: z.boolean(),
    waitingSince: z.string(),
  })
  .meta({ id: 'VerificationItem' });
export type VerificationItem = z.infer<typeof verificationItemSchema>;

/** How the reviewer satisfied themselves, kept in the audit log with the decision. */
export const verificationEvidences = ['documents', 'in-person', 'roster-phone-call'] as const;
export const verificationEvidenceLabels: Record<(typeof verificationEvidences)[number], string> = {
  documents: '核对退役证件（照片或复印件）',
  'in-person': '本人到服务站现场核验',
  'roster-phone-call': '拨打名册登记的电话核实',
};

export const verificationDecisionSchema = z
  .strictObject({
    decision: z.enum(['verify', 'reject']),
    note: z.string().trim().max(500, { error: '最多 500 字' }).optional(),
    evidence: z.enum(verificationEvidences).optional(),
    communityUnitId: z.number().int().positive().optional().describe('认证时可指定所属社区（须在本机构管辖范围内）'),
  })
  .refine((body) => body.decision !== 'reject' || Boolean(body.note), {
    error: '请填写不通过的原因',
    path: ['note'],
  })
  .refine((body) => body.decision !== 'verify' || body.evidence !== undefined, {
    error: '请选择核验方式',
    path: ['evidence'],
  });
export type VerificationDecisionBody = z.infer<typeof verificationDecisionSchema>;

/** The unmasked roster row (`GET /staff/verifications/:userId/roster`, audited). */
export const rosterRowRevealSchema = z
  .object({
    name: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    dischargeDate: z.string().nullable(),
    communityName: z.string().nullable(),
  })
  .meta({ id: 'RosterRowReveal' });
export type RosterRowReveal = z.infer<typeof rosterRowRevealSchema>;

/** The unmasked identity of a citizen (`GET /staff/users/:userId/identity`, audited). */
export const fullIdentitySchema = z
  .object({
    userId: z.number().int(),
    kind: citizenKindSchema,
    name: z.string(),
    idNumber: z.string(),
    birthDate: z.string().nullable(),
    gender: z.enum(['male', 'female']).nullable(),
    veteranStatus: veteranStatusSchema,
    communityUnitId: z.number().int().nullable(),
  })
  .meta({ id: 'FullIdentity' });
