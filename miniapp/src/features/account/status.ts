import {
  type FamilyLink,
  type FamilyLinkStatus,
  familyLinkStatusLabels,
  type Me,
  type VeteranStatus,
  veteranStatusLabels,
} from '@veterans/shared';

export type BadgeTone = 'neutral' | 'success' | 'warning' | 'danger';

export interface Badge {
  text: string;
  tone: BadgeTone;
}

const veteranTones: Record<VeteranStatus, BadgeTone> = {
  none: 'neutral',
  pending: 'warning',
  verified: 'success',
  rejected: 'danger',
};

const linkTones: Record<FamilyLinkStatus, BadgeTone> = {
  pending: 'warning',
  active: 'success',
  rejected: 'danger',
  ended: 'neutral',
};

/** The badge on 我的: veteran status for veterans (and for whoever has not told us yet), 家属 for family. */
export function identityBadge(me: Pick<Me, 'identity' | 'kind' | 'veteranStatus'>): Badge {
  if (me.identity && me.kind === 'family') return { text: '家属·已实名', tone: 'success' };
  return { text: veteranStatusLabels[me.veteranStatus], tone: veteranTones[me.veteranStatus] };
}

export function linkBadge(status: FamilyLinkStatus): Badge {
  return { text: familyLinkStatusLabels[status], tone: linkTones[status] };
}

/** What the veteran-status means for the user, after submitting their identity. */
export function identityOutcomeText(me: Pick<Me, 'identity' | 'kind' | 'veteranStatus'>): string {
  if (!me.identity) return '尚未实名认证。';
  if (me.kind === 'family') return '家属身份已登记。关联退役军人后，可以代其办理事项。';
  switch (me.veteranStatus) {
    case 'verified':
      return '退役军人身份已核验通过。';
    case 'pending':
      return '已提交，等待服务站工作人员核验，结果会通过消息通知您。名册登记的手机号与本账号验证过的手机号一致时会自动通过：请在“我的”页面绑定手机号。';
    case 'rejected':
      return '未通过核验。请核对信息后重新提交，或到所属服务站咨询。';
    case 'none':
      return '实名信息已登记。';
  }
}

/** A veteran's verified identity is fixed: only staff change it. */
export function identityLocked(me: Pick<Me, 'veteranStatus'>): boolean {
  return me.veteranStatus === 'verified';
}

export type LinkAction = 'confirm' | 'reject' | 'end';

/** The actions the caller may take on a link, as the server allows them (see family-links/rules.ts). */
export function linkActions(link: Pick<FamilyLink, 'role' | 'status'>): LinkAction[] {
  if (link.status === 'pending') return link.role === 'veteran' ? ['confirm', 'reject'] : ['end'];
  if (link.status === 'active') return ['end'];
  return [];
}

export const linkActionLabels = (link: Pick<FamilyLink, 'status'>): Record<LinkAction, string> => ({
  confirm: '确认关联',
  reject: '拒绝',
  end: link.status === 'pending' ? '撤回申请' : '解除关联',
});
