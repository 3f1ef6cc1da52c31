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
    relationship: relationshipSchema,
    status: familyLinkStatusSchema,
    /** Set on active links seen from the family side: the id to send as `onBehalfOf`. */
    veteranUserId: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'FamilyLink' });
export type FamilyLink = z.infer<typeof familyLinkSchema>;

/** The page where a citizen sees and answers their family links. */
export const familyLinksPage = '/subpackages/account/family-links/index';
