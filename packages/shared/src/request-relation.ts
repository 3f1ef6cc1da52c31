/**
 * How a request stands to the person looking at it, decided once here (the server sends `relation` and the
 * names in the request summary; every page renders `requestRelationText`).
 *
 * - `self`: the viewer filed it for themselves;
 * - `for_other`: the viewer filed it for the veteran they are linked to (代办);
 * - `for_me`: a linked family member filed it for the viewer;
 * - `family`: someone else's request the viewer may read as linked family (the veteran's own, or filed for
 *   the veteran by another family member).
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
  /** Who filed it, name masked; null when the viewer did. */
  applicant: { name: string } | null;
  /** Whom it was filed for when that is not the applicant, name masked. */
  onBehalfOf: { name: string } | null;
}

/** The one line that says who filed the request for whom, in the viewer's words. */
export function requestRelationText(view: RequestRelationView): string {
  const applicant = view.applicant?.name ?? '家属';
  const subject = view.onBehalfOf?.name ?? '退役军人';
  switch (view.relation) {
    case 'self':
      return '本人申请';
    case 'for_other':
      return `您为 ${subject} 代办`;
    case 'for_me':
      return `${applicant} 为您代办`;
    case 'family':
      return view.onBehalfOf
        ? `${applicant} 为 ${subject} 代办（您作为家属可查看）`
        : `${applicant} 本人申请（您作为家属可查看）`;
  }
}

/** A rating reads 我的评价 only to the person who gave it. */
export function ratingTitle(rating: { mine: boolean }): string {
  return rating.mine ? '我的评价' : '申请人的评价';
}
