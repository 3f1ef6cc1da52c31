import { z } from 'zod';

/** How a request reached the bureau: the app itself, or staff filing at the counter, on the phone, on a visit. */
export const requestChannels = ['online', 'counter', 'phone', 'home'] as const;
export const requestChannelSchema = z.enum(requestChannels);
export type RequestChannel = z.infer<typeof requestChannelSchema>;
export const requestChannelLabels: Record<RequestChannel, string> = {
  online: '线上',
  counter: '窗口',
  phone: '电话',
  home: '上门',
};

/** The channels staff file through (everything but the app). */
export const counterChannels = ['counter', 'phone', 'home'] as const;
export const counterChannelSchema = z.enum(counterChannels, { error: '请选择受理方式（窗口、电话或上门）' });
export type CounterChannel = z.infer<typeof counterChannelSchema>;

/** What staff filing through a channel is called: on the timeline, the receipt and the citizen's list. */
export const staffFilingNames: Record<CounterChannel, string> = {
  counter: '窗口代办',
  phone: '电话代办',
  home: '上门代办',
};

/**
 * How a request stands to the person looking at it, decided once here (the server sends `relation`, `channel`
 * and the names in the request summary; every page renders `requestRelationText`).
 *
 * - `self`: the viewer filed it for themselves;
 * - `for_other`: the viewer filed it for the veteran they are linked to (代办);
 * - `for_me`: a linked family member filed it for the viewer;
 * - `family`: someone else's request the viewer may read as linked family (the veteran's own, or filed for
 *   the veteran by another family member).
 *
 * A request staff filed (`channel` other than `online`) is the person's own (applicant and subject are the
 * person), so it reads `self`/`family`; the text then names the staff filing instead of 本人申请.
 */
export const requestRelations = ['self', 'for_other', 'for_me', 'family'] as const;
export type RequestRelation = (typeof requestRelations)[number];

export function requestRelationOf(viewerId: number, applicantUserId: number, subjectUserId: number): RequestRelation {
  if (applicantUserId === viewerId) return subjectUserId === viewerId ? 'self' : 'for_other';
  if (subjectUserId === viewerId) return 'for_me';
  return 'family';
}

export interface RequestRelationView {
  relation: RequestRelation;
  channel: RequestChannel;
  /** Who filed it, name masked; null when the viewer did. */
  applicant: { name: string } | null;
  /** Whom it was filed for when that is not the applicant, name masked. */
  onBehalfOf: { name: string } | null;
}

/** The one line that says who filed the request for whom, in the viewer's words. */
export function requestRelationText(view: RequestRelationView): string {
  const applicant = view.applicant?.name ?? '家属';
  const subject = view.onBehalfOf?.name ?? '退役军人';
  const byStaff = view.channel === 'online' ? null : staffFilingNames[view.channel];
  switch (view.relation) {
    case 'self':
      return byStaff ? `${byStaff}（工作人员为您办理）` : '本人申请';
    case 'for_other':
      return `您为 ${subject} 代办`;
    case 'for_me':
      return `${applicant} 为您代办`;
    case 'family':
      if (view.onBehalfOf) return `${applicant} 为 ${subject} 代办（您作为家属可查看）`;
      return byStaff
        ? `工作人员为 ${applicant} ${byStaff}（您作为家属可查看）`
        : `${applicant} 本人申请（您作为家属可查看）`;
  }
}

/** A rating reads 我的评价 only to the person who gave it. */
export function ratingTitle(rating: { mine: boolean }): string {
  return rating.mine ? '我的评价' : '申请人的评价';
}
