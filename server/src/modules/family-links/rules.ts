import type { FamilyLinkStatus } from '@veterans/shared';

export type LinkSide = 'family' | 'veteran';
export type LinkAction = 'confirm' | 'reject' | 'end';

export interface LinkParties {
  familyUserId: number;
  veteranUserId: number;
}

/** The caller's side of a link, or null when the caller is not a party (the link is then "not found"). */
export function sideOf(link: LinkParties, userId: number): LinkSide | null {
  if (link.familyUserId === userId) return 'family';
  if (link.veteranUserId === userId) return 'veteran';
  return null;
}

export type LinkDecision =
  | { ok: true; next: FamilyLinkStatus }
  | { ok: false; error: 'FORBIDDEN' | 'CONFLICT'; message: string };

/**
 * Who may move a link where: the veteran (or staff responsible for the veteran) confirms or rejects a pending
 * request; either side ends a pending or active link. Ended and rejected links stay as they are (history).
 */
export function decideLinkAction(
  status: FamilyLinkStatus,
  action: LinkAction,
  actor: LinkSide | 'staff',
): LinkDecision {
  if (action === 'end') {
    if (actor === 'staff') return { ok: false, error: 'FORBIDDEN', message: '工作人员不能解除家属关联' };
    if (status === 'pending' || status === 'active') return { ok: true, next: 'ended' };
    return { ok: false, error: 'CONFLICT', message: '该关联已解除或已被拒绝' };
  }
  if (actor === 'family') return { ok: false, error: 'FORBIDDEN', message: '需由退役军人本人或服务站确认' };
  if (action === 'reject' && actor === 'staff') {
    return { ok: false, error: 'FORBIDDEN', message: '工作人员只能确认关联' };
  }
  if (status !== 'pending') return { ok: false, error: 'CONFLICT', message: '该关联申请已处理' };
  return { ok: true, next: action === 'confirm' ? 'active' : 'rejected' };
}

/** At most this many failed link attempts (name and ID number not matching) per user per hour. */
export const MAX_LINK_MISMATCHES_PER_HOUR = 5;
