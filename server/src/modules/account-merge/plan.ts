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

/** How the merge notice names what moved, by `table.column` of CITIZEN_REFERENCES; the rest is not worth telling. */
const MOVED_LABELS: ReadonlyArray<{ columns: readonly string[]; label: (count: number) => string }> = [
  { columns: ['service_requests.applicant_user_id'], label: (n) => `办件（含草稿）${n} 件` },
  { columns: ['legal_bookings.user_id'], label: (n) => `法律咨询预约 ${n} 个` },
  { columns: ['legal_waitlist.user_id'], label: (n) => `候补登记 ${n} 个` },
  { columns: ['family_links.family_user_id', 'family_links.veteran_user_id'], label: (n) => `家属关联 ${n} 条` },
  { columns: ['ratings.user_id'], label: (n) => `评价 ${n} 条` },
  { columns: ['uploads.uploader_id'], label: (n) => `上传的材料 ${n} 份` },
  { columns: ['notifications.recipient_id'], label: (n) => `消息 ${n} 条` },
  { columns: ['consents.user_id'], label: (n) => `隐私政策同意记录 ${n} 条` },
];

export interface MergeSummary {
  /** Rows moved per `table.column`, as mergeAccounts counted them. */
  moved: Readonly<Record<string, number>>;
  identityFrom: 'survivor' | 'absorbed' | 'none';
  /** The WeChat sign-in came from the absorbed account. */
  wechatMoved: boolean;
  /** The merged account's sign-in phone, masked. */
  maskedPhone: string;
}

/** The inbox message telling the person their two accounts became one, and what came over from the other one. */
export function mergeNoticeBody({ moved, identityFrom, wechatMoved, maskedPhone }: MergeSummary): string {
  const items = MOVED_LABELS.flatMap(({ columns, label }) => {
    const count = columns.reduce((sum, column) => sum + (moved[column] ?? 0), 0);
    return count > 0 ? [label(count)] : [];
  });
  if (identityFrom === 'absorbed') items.push('实名信息');
  if (wechatMoved) items.push('微信登录');
  const what = items.length > 0 ? `以下内容已归入当前账号：${items.join('、')}。` : '原账号中没有需要转移的内容。';
  return `您确认合并了手机号 ${maskedPhone} 的另一个账号。${what}今后请用本账号登录（手机号 ${maskedPhone}），原账号已停用。如非本人操作，请尽快联系所在社区服务站。`;
}
