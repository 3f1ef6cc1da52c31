import type { FamilyLinkStatus, MergeRefusal } from '@veterans/shared';

/** What the merge rules need to know about each of the two accounts. */
export interface MergeSide {
  id: number;
  deletedAt: Date | null;
  openid: string | null;
  /** Set when the account holds a real-name identity. */
  idNumberHash: string | null;
  /** Identity disputes still open with this account as claimant or holder. */
  openDisputes: number;
}

export type MergeDecision =
  | {
      allowed: true;
      /** Whose real-name identity the merged account keeps (at most one of the two has one). */
      identityFrom: 'survivor' | 'absorbed' | 'none';
      /** The WeChat openid the merged account signs in with (at most one of the two has one). */
      openid: string | null;
    }
  | { allowed: false; reason: MergeRefusal };

/**
 * Whether `absorbed` may be merged into `survivor`. Nothing that needs a person's judgement is decided here:
 * two different real-name identities (one of them may be an impostor: 申诉 or the service station decides), two
 * different WeChat accounts (the account signs in with one openid), or an open identity dispute are refused.
 */
export function decideMerge(survivor: MergeSide, absorbed: MergeSide): MergeDecision {
  if (survivor.deletedAt || absorbed.deletedAt) return { allowed: false, reason: 'account-disabled' };
  if (survivor.openDisputes > 0 || absorbed.openDisputes > 0) return { allowed: false, reason: 'dispute-open' };
  // ID numbers are unique across accounts, so two identities are always two different people's.
  if (survivor.idNumberHash && absorbed.idNumberHash) return { allowed: false, reason: 'identity-conflict' };
  if (survivor.openid && absorbed.openid && survivor.openid !== absorbed.openid) {
    return { allowed: false, reason: 'wechat-conflict' };
  }
  const identityFrom = survivor.idNumberHash ? 'survivor' : absorbed.idNumberHash ? 'absorbed' : 'none';
  return { allowed: true, identityFrom, openid: survivor.openid ?? absorbed.openid };
}

export interface LinkRow {
  id: number;
  familyUserId: number;
  veteranUserId: number;
  status: FamilyLinkStatus;
}

/** The link that says most about the relationship wins: an active link over a request, over an old refusal. */
const LINK_STATUS_RANK: Record<FamilyLinkStatus, number> = { active: 0, pending: 1, rejected: 2, ended: 3 };

/**
 * The family links to delete when `absorbedId` becomes `survivorId`: a link between the two accounts (a person is
 * not their own family), and of links that become the same pair, all but one (the best status, then the oldest).
 */
export function familyLinksToDelete(links: readonly LinkRow[], survivorId: number, absorbedId: number): number[] {
  const merged = (userId: number) => (userId === absorbedId ? survivorId : userId);
  const toDelete: number[] = [];
  const keptByPair = new Map<string, LinkRow>();
  const ordered = [...links].sort((a, b) => LINK_STATUS_RANK[a.status] - LINK_STATUS_RANK[b.status] || a.id - b.id);
  for (const link of ordered) {
    const family = merged(link.familyUserId);
    const veteran = merged(link.veteranUserId);
    const pair = `${family}:${veteran}`;
    if (family === veteran || keptByPair.has(pair)) toDelete.push(link.id);
    else keptByPair.set(pair, link);
  }
  return toDelete.sort((a, b) => a - b);
}
