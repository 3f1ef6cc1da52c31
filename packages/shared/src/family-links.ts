import { z } from 'zod';
import { idNumberSchema } from './id-number';
import { personNameSchema } from './identity';

export const relationships = ['spouse', 'child', 'parent', 'sibling', 'other'] as const;
export const relationshipSchema = z.enum(relationships);
export type Relationship = z.infer<typeof relationshipSchema>;
export const relationshipLabels: Record<Relationship, string> = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  other: '其他亲属',
};

export const familyLinkStatuses = ['pending', 'active', 'rejected', 'ended'] as const;
export const familyLinkStatusSchema = z.enum(familyLinkStatuses);
export type FamilyLinkStatus = z.infer<typeof familyLinkStatusSchema>;
export const familyLinkStatusLabels: Record<FamilyLinkStatus, string> = {
  pending: '待确认',
  active: '已关联',
  rejected: '已拒绝',
  ended: '已解除',
};

/** A family member asks to act for a veteran; the veteran's name and ID number must match. */
export const familyLinkRequestSchema = z.strictObject({
  veteranName: personNameSchema,
  veteranIdNumber: idNumberSchema,
  relationship: relationshipSchema,
});
export type FamilyLinkRequest = z.infer<typeof familyLinkRequestSchema>;

export const familyLinkSchema = z
  .object({
    id: z.number().int(),
    role: z.enum(['family', 'veteran']).describe("the caller's side of the link"),
    otherPartyName: z.string().describe('masked'),
    relationship: relationshipSchema.describe("the family member's relationship to the veteran"),
    /** Seen from the veteran's side: the family member's proven phone, masked, so the veteran knows who asks. */
    familyPhone: z.string().nullable().describe('masked; null on the family side or when no phone is proven'),
    status: familyLinkStatusSchema,
    /** Set on active links seen from the family side: the id to send as `onBehalfOf`. */
    veteranUserId: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'FamilyLink' });
export type FamilyLink = z.infer<typeof familyLinkSchema>;

/** A link as the staff responsible for the veteran see it (GET /staff/family-links); names masked. */
export const staffFamilyLinkSchema = z
  .object({
    id: z.number().int(),
    familyName: z.string().describe('masked'),
    veteranName: z.string().describe('masked'),
    veteranUserId: z.number().int(),
    relationship: relationshipSchema,
    status: familyLinkStatusSchema,
    veteranCommunityUnitId: z.number().int().nullable(),
    veteranCommunityName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'StaffFamilyLink' });
export type StaffFamilyLink = z.infer<typeof staffFamilyLinkSchema>;

/** What POST /staff/family-links/:id/confirm answers. */
export const staffFamilyLinkDecisionSchema = z.object({ id: z.number().int(), status: familyLinkStatusSchema });
export type StaffFamilyLinkDecision = z.infer<typeof staffFamilyLinkDecisionSchema>;

/**
 * What the veteran is told before activating a link, once, in the confirm dialog: what the family member will be
 * able to see and do. The inbox notice of an active link repeats it.
 */
export const familyLinkPowers = [
  '以您的名义申请困难帮扶等事项',
  '查看以您为当事人的办件及办理进度（包括您本人提交的）',
  '为您预约法律咨询',
] as const;

/** The page where a citizen sees and answers their family links. */
export const familyLinksPage = '/subpackages/account/family-links/index';
