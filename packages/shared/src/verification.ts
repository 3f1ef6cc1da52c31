import { z } from 'zod';
import { citizenKindSchema } from './auth';
import { idNumberSchema } from './id-number';
import { personNameSchema, veteranStatusSchema } from './identity';

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
    proof: z
      .object({ uploadId: z.string(), fileName: z.string(), uploadedAt: z.string() })
      .nullable()
      .describe('申请人上传的退伍证/优待证照片（最近一份；查看记入审计日志）'),
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

/* ------------------------------------------------------------------------------------------------------------ *
 * 身份申诉: a citizen claims an ID number another account already holds (`409 ID_NUMBER_TAKEN`).
 * ------------------------------------------------------------------------------------------------------------ */

export const disputeStatuses = ['open', 'claimant', 'holder'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];
export const disputeStatusLabels: Record<DisputeStatus, string> = {
  open: '核实中',
  claimant: '申诉成立',
  holder: '申诉未成立',
};

export const identityDisputeInputSchema = z.strictObject({
  name: personNameSchema,
  idNumber: idNumberSchema,
  /** An upload of the claimant's (退伍证, 优待证 or ID card photo) that is not attached to anything yet. */
  proofUploadId: z.string().trim().min(1, { error: '请上传证件照片' }).max(64),
});
export type IdentityDisputeInput = z.infer<typeof identityDisputeInputSchema>;

/** The claimant's own view of their disputes. */
export const myIdentityDisputeSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(disputeStatuses),
    statusLabel: z.string(),
    idNumber: z.string().describe('masked'),
    note: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'MyIdentityDispute' });
export type MyIdentityDispute = z.infer<typeof myIdentityDisputeSchema>;

/** One side of a dispute as the reviewer sees it (masked). */
export const disputePartySchema = z.object({
  userId: z.number().int(),
  name: z.string().describe('masked'),
  phone: z.string().nullable().describe('masked: the phone the account has proven'),
  nameMatchesRoster: z.boolean().nullable(),
  phoneMatchesRoster: z.boolean().nullable(),
});

export const staffIdentityDisputeSchema = z
  .object({
    id: z.number().int(),
    idNumber: z.string().describe('masked'),
    communityName: z.string().nullable(),
    inRoster: z.boolean(),
    holder: disputePartySchema.extend({ statusBefore: veteranStatusSchema }),
    claimant: disputePartySchema,
    /** The claimant's proof: open it with `GET /uploads/:id`. */
    proofUploadId: z.string().nullable(),
    status: z.enum(disputeStatuses),
    createdAt: z.string(),
  })
  .meta({ id: 'StaffIdentityDispute' });
export type StaffIdentityDispute = z.infer<typeof staffIdentityDisputeSchema>;

export const disputeDecisionSchema = z.strictObject({
  winner: z.enum(['claimant', 'holder']),
  note: z.string().trim().min(1, { error: '请填写核实情况' }).max(500, { error: '最多 500 字' }),
});
export type DisputeDecisionBody = z.infer<typeof disputeDecisionSchema>;

/* ------------------------------------------------------------------------------------------------------------ *
 * Reaching the applicant: the phone an applicant's account has proven, for staff working the request.
 * ------------------------------------------------------------------------------------------------------------ */

export const applicantContactQuerySchema = z.object({
  reveal: z.enum(['phone']).optional().describe('reveal=phone 显示完整号码并记入审计日志'),
});

export const applicantContactSchema = z
  .object({
    name: z.string().describe('masked'),
    /** Masked unless `reveal=phone`; null when the account has no proven phone. */
    phone: z.string().nullable(),
    revealed: z.boolean(),
  })
  .meta({ id: 'ApplicantContact' });
export type ApplicantContact = z.infer<typeof applicantContactSchema>;
