import {
  type FamilyLink,
  type FamilyLinkRequest,
  type FamilyLinkStatus,
  familyLinkPowers,
  familyLinksPage,
  maskPhone,
  type Relationship,
  relationshipLabels,
  type StaffFamilyLink,
} from '@veterans/shared';
import { and, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { Database } from '../../db/client';
import { familyLinks, orgUnits, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import type { FieldCipher } from '../../lib/field-cipher';
import { ONE_HOUR_MS, recentCitizenActions } from '../me/attempts';
import { maskedNameOf } from '../me/names';
import { notify, notifyMany, type Writer } from '../notifications/notify';
import { communityScopeCondition, type StaffScope } from '../org-units/scope';
import type { Executor } from '../veterans/executor';
import { normaliseIdNumber, normaliseName } from '../veterans/roster-match';
import { decideLinkAction, type LinkAction, type LinkSide, MAX_LINK_MISMATCHES_PER_HOUR, sideOf } from './rules';

export const MISMATCH_AUDIT_ACTION = 'family_link.mismatch';
const DELETED_USER_LABEL = '已注销用户';

export type LinkRow = typeof familyLinks.$inferSelect;

export type LinkRequestOutcome =
  | { outcome: 'created'; linkId: number; veteranUserId: number }
  | { outcome: 'mismatch' };

/**
 * A family member asks to link to a veteran, who must be a signed-up veteran whose stored name and ID number
 * match. Returns `mismatch` (the caller audits it and answers IDENTITY_MISMATCH, one message whichever part
 * was wrong) rather than saying which part failed.
 */
export async function requestLink(
  db: Database,
  cipher: FieldCipher,
  caller: { id: number; idNumberHash: string },
  input: FamilyLinkRequest,
): Promise<LinkRequestOutcome> {
  const failures = await recentCitizenActions(db, caller.id, [MISMATCH_AUDIT_ACTION], ONE_HOUR_MS);
  if (failures >= MAX_LINK_MISMATCHES_PER_HOUR) {
    throw new AppError('RATE_LIMITED', '核对失败次数过多，请一小时后再试或到服务站办理');
  }
  const idNumberHash = cipher.hash(normaliseIdNumber(input.veteranIdNumber));
  if (idNumberHash === caller.idNumberHash) throw new AppError('FAMILY_LINK_SELF');
  const [veteran] = await db
    .select({ id: users.id, nameCipher: users.nameCipher })
    .from(users)
    .where(and(eq(users.idNumberHash, idNumberHash), eq(users.kind, 'veteran'), isNull(users.deletedAt)));
  if (!veteran?.nameCipher) return { outcome: 'mismatch' };
  const storedName = cipher.hash(
    normaliseName(cipher.decrypt(veteran.nameCipher, sealedIn(users.nameCipher, veteran.id))),
  );
  if (storedName !== cipher.hash(normaliseName(input.veteranName))) return { outcome: 'mismatch' };

  return inTransaction(db, async (tx) => {
    // One open request per pair, also under concurrency: the caller's row is the lock.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, caller.id)).for('update');
    const [existing] = await tx
      .select({ id: familyLinks.id })
      .from(familyLinks)
      .where(
        and(
          eq(familyLinks.familyUserId, caller.id),
          eq(familyLinks.veteranUserId, veteran.id),
          inArray(familyLinks.status, ['pending', 'active']),
        ),
      )
      .limit(1);
    if (existing) throw new AppError('FAMILY_LINK_EXISTS');
    const [result] = await tx.insert(familyLinks).values({
      familyUserId: caller.id,
      veteranUserId: veteran.id,
      relationship: input.relationship,
      status: 'pending',
    });
    await notifyLinkRequested(tx, cipher, { ...caller, veteranUserId: veteran.id, relationship: input.relationship });
    return { outcome: 'created' as const, linkId: result.insertId, veteranUserId: veteran.id };
  });
}

/** The veteran hears of a request at once, with who asks and as what, so it does not sit unseen. */
async function notifyLinkRequested(
  tx: Pick<Database, 'insert' | 'select'>,
  cipher: FieldCipher,
  request: { id: number; veteranUserId: number; relationship: Relationship },
): Promise<void> {
  const [family] = await tx.select({ nameCipher: users.nameCipher }).from(users).where(eq(users.id, request.id));
  const name = maskedNameOf(cipher, request.id, family?.nameCipher ?? null);
  await notify(tx, {
    recipient: { type: 'citizen', id: request.veteranUserId },
    kind: 'family-link.requested',
    title: '有家属申请关联您',
    body: `${name}以您的${relationshipLabels[request.relationship]}身份申请关联您。确认后，对方可以${familyLinkPowers.join('、')}。请在“家属关联”中确认或拒绝；如不认识对方，请拒绝。`,
    link: familyLinksPage,
  });
}

/** Every link the user is a party to, from their side, newest first; the other party's name masked. */
export async function listMyLinks(db: Database, cipher: FieldCipher, userId: number): Promise<FamilyLink[]> {
  const other = alias(users, 'other_party');
  const rows = await db
    .select({
      id: familyLinks.id,
      familyUserId: familyLinks.familyUserId,
      veteranUserId: familyLinks.veteranUserId,
      relationship: familyLinks.relationship,
      status: familyLinks.status,
      createdAt: familyLinks.createdAt,
      otherNameCipher: other.nameCipher,
      otherPhoneCipher: other.phoneCipher,
      otherDeletedAt: other.deletedAt,
    })
    .from(familyLinks)
    .leftJoin(
      other,
      or(
        and(eq(familyLinks.familyUserId, userId), eq(other.id, familyLinks.veteranUserId)),
        and(eq(familyLinks.veteranUserId, userId), eq(other.id, familyLinks.familyUserId)),
      ),
    )
    .where(or(eq(familyLinks.familyUserId, userId), eq(familyLinks.veteranUserId, userId)))
    .orderBy(desc(familyLinks.createdAt), desc(familyLinks.id));
  return rows.map((row) => {
    const role = sideOf(row, userId) ?? 'family';
    return {
      id: row.id,
      role,
      otherPartyName: row.otherDeletedAt
        ? DELETED_USER_LABEL
        : maskedNameOf(
            cipher,
            role === 'family' ? row.veteranUserId : row.familyUserId,
            row.otherNameCipher,
            DELETED_USER_LABEL,
          ),
      relationship: row.relationship,
      familyPhone:
        role === 'veteran' && !row.otherDeletedAt && row.otherPhoneCipher
          ? maskPhone(cipher.decrypt(row.otherPhoneCipher, sealedIn(users.phoneCipher, row.familyUserId)))
          : null,
      status: row.status,
      veteranUserId: role === 'family' && row.status === 'active' ? row.veteranUserId : null,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

export interface DecidedLink {
  id: number;
  side: LinkSide | 'staff';
  from: FamilyLinkStatus;
  to: FamilyLinkStatus;
  veteranUserId: number;
  familyUserId: number;
}

/**
 * A family member may act for the veteran from now on: both people are told, whoever confirmed it — a link that
 * staff activated must not take the veteran by surprise.
 */
async function notifyLinkActive(writer: Writer, link: LinkRow, actor: LinkSide | 'staff'): Promise<void> {
  const relationship = relationshipLabels[link.relationship];
  const by = actor === 'staff' ? '经服务站工作人员确认，' : '';
  await notifyMany(writer, [
    {
      recipient: { type: 'citizen', id: link.veteranUserId },
      kind: 'family-link.active',
      title: '家属关联已生效',
      body: `${by}您的${relationship}现在可以${familyLinkPowers.join('、')}。如非本人意愿，请在“家属关联”中解除。`,
      link: familyLinksPage,
    },
    {
      recipient: { type: 'citizen', id: link.familyUserId },
      kind: 'family-link.active',
      title: '家属关联已生效',
      body: `${by}您现在可以为关联的退役军人代办事项、预约法律咨询并查看相关进度。`,
      link: familyLinksPage,
    },
  ]);
}

/**
 * A refused or ended link is told to the other person — the family member when the veteran (or the veteran when
 * the family member) ends it — so nobody keeps believing they can act, or are acted for. A family member
 * withdrawing their own pending request tells nobody: the veteran only loses a question.
 */
async function notifyLinkClosed(writer: Writer, link: LinkRow, next: FamilyLinkStatus, actor: LinkSide): Promise<void> {
  const relationship = relationshipLabels[link.relationship];
  if (next === 'rejected') {
    await notify(writer, {
      recipient: { type: 'citizen', id: link.familyUserId },
      kind: 'family-link.rejected',
      title: '家属关联申请未通过',
      body: `您以${relationship}身份提出的家属关联申请已被退役军人拒绝。如有误会，请与家人沟通后重新申请，或到所在社区服务站办理。`,
      link: familyLinksPage,
    });
    return;
  }
  if (link.status === 'pending' && actor === 'family') return;
  await notify(
    writer,
    actor === 'veteran'
      ? {
          recipient: { type: 'citizen', id: link.familyUserId },
          kind: 'family-link.ended',
          title: link.status === 'pending' ? '家属关联申请未通过' : '家属关联已解除',
          body:
            link.status === 'pending'
              ? `您以${relationship}身份提出的家属关联申请已被退役军人撤销。`
              : '退役军人已解除与您的家属关联，您不能再代其办理事项；已提交的事项不受影响。',
          link: familyLinksPage,
        }
      : {
          recipient: { type: 'citizen', id: link.veteranUserId },
          kind: 'family-link.ended',
          title: '家属关联已解除',
          body: `您的${relationship}已解除与您的家属关联，对方不能再代您办理事项；已提交的事项不受影响。`,
          link: familyLinksPage,
        },
  );
}

async function applyDecision(
  db: Database,
  link: LinkRow,
  action: LinkAction,
  actor: LinkSide | 'staff',
  decidedBy: string,
): Promise<DecidedLink> {
  const decision = decideLinkAction(link.status, action, actor);
  if (!decision.ok) throw new AppError(decision.error, decision.message);
  await inTransaction(db, async (tx) => {
    const [result] = await tx
      .update(familyLinks)
      .set({ status: decision.next, decidedAt: new Date(), decidedBy })
      .where(and(eq(familyLinks.id, link.id), eq(familyLinks.status, link.status)));
    // Someone else moved the link between our read and our write.
    if (result.affectedRows === 0) throw new AppError('CONFLICT');
    if (decision.next === 'active') await notifyLinkActive(tx, link, actor);
    else if (actor !== 'staff') await notifyLinkClosed(tx, link, decision.next, actor);
  });
  return {
    id: link.id,
    side: actor,
    from: link.status,
    to: decision.next,
    veteranUserId: link.veteranUserId,
    familyUserId: link.familyUserId,
  };
}

/** A party's action on their own link; links of other people are "not found" (404), not "forbidden". */
export async function actOnMyLink(
  db: Database,
  userId: number,
  linkId: number,
  action: LinkAction,
): Promise<DecidedLink> {
  const [link] = await db.select().from(familyLinks).where(eq(familyLinks.id, linkId));
  const side = link ? sideOf(link, userId) : null;
  if (!link || !side) throw new AppError('NOT_FOUND', '家属关联不存在');
  return applyDecision(db, link, action, side, side);
}

function staffLinkQuery(db: Database, scope: StaffScope, where: SQL | undefined) {
  const family = alias(users, 'family_user');
  const veteran = alias(users, 'veteran_user');
  return db
    .select({
      id: familyLinks.id,
      familyUserId: familyLinks.familyUserId,
      veteranUserId: familyLinks.veteranUserId,
      relationship: familyLinks.relationship,
      status: familyLinks.status,
      createdAt: familyLinks.createdAt,
      familyNameCipher: family.nameCipher,
      veteranNameCipher: veteran.nameCipher,
      veteranCommunityUnitId: veteran.communityUnitId,
      veteranCommunityName: orgUnits.name,
    })
    .from(familyLinks)
    .innerJoin(family, eq(family.id, familyLinks.familyUserId))
    .innerJoin(veteran, eq(veteran.id, familyLinks.veteranUserId))
    .leftJoin(orgUnits, eq(orgUnits.id, veteran.communityUnitId))
    .where(
      and(
        where,
        isNull(veteran.deletedAt),
        isNull(family.deletedAt),
        communityScopeCondition(scope, veteran.communityUnitId, orgUnits.path),
      ),
    );
}

async function countLinksForStaff(db: Database, scope: StaffScope, status: FamilyLinkStatus): Promise<number> {
  const family = alias(users, 'family_user');
  const veteran = alias(users, 'veteran_user');
  const [row] = await db
    .select({ n: count() })
    .from(familyLinks)
    .innerJoin(family, eq(family.id, familyLinks.familyUserId))
    .innerJoin(veteran, eq(veteran.id, familyLinks.veteranUserId))
    .leftJoin(orgUnits, eq(orgUnits.id, veteran.communityUnitId))
    .where(
      and(
        eq(familyLinks.status, status),
        isNull(veteran.deletedAt),
        isNull(family.deletedAt),
        communityScopeCondition(scope, veteran.communityUnitId, orgUnits.path),
      ),
    );
  return row?.n ?? 0;
}

/** Links of veterans in the staff member's scope, names masked. */
export async function listLinksForStaff(
  db: Database,
  cipher: FieldCipher,
  scope: StaffScope,
  status: FamilyLinkStatus,
  page: { limit: number; offset: number },
): Promise<{ items: StaffFamilyLink[]; total: number }> {
  const rows = await staffLinkQuery(db, scope, eq(familyLinks.status, status))
    .orderBy(desc(familyLinks.createdAt), desc(familyLinks.id))
    .limit(page.limit)
    .offset(page.offset);
  return {
    total: await countLinksForStaff(db, scope, status),
    items: rows.map((row) => ({
      id: row.id,
      familyName: maskedNameOf(cipher, row.familyUserId, row.familyNameCipher, DELETED_USER_LABEL),
      veteranName: maskedNameOf(cipher, row.veteranUserId, row.veteranNameCipher, DELETED_USER_LABEL),
      veteranUserId: row.veteranUserId,
      relationship: row.relationship,
      status: row.status,
      veteranCommunityUnitId: row.veteranCommunityUnitId,
      veteranCommunityName: row.veteranCommunityName,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

/** Staff confirm a pending link of a veteran in their scope; out of scope is "not found" (404). */
export async function staffConfirmLink(
  db: Database,
  scope: StaffScope,
  staffId: number,
  linkId: number,
): Promise<DecidedLink> {
  const [visible] = await staffLinkQuery(db, scope, eq(familyLinks.id, linkId));
  if (!visible) throw new AppError('NOT_FOUND', '家属关联不存在');
  const [link] = await db.select().from(familyLinks).where(eq(familyLinks.id, linkId));
  if (!link) throw new AppError('NOT_FOUND', '家属关联不存在');
  return applyDecision(db, link, 'confirm', 'staff', `staff:${staffId}`);
}

/** Ends every open link of a user (account deletion). */
export async function endAllLinks(db: Executor, userId: number): Promise<number> {
  const [result] = await db
    .update(familyLinks)
    .set({ status: 'ended', decidedAt: new Date(), decidedBy: 'system' })
    .where(
      and(
        inArray(familyLinks.status, ['pending', 'active']),
        or(eq(familyLinks.familyUserId, userId), eq(familyLinks.veteranUserId, userId)),
      ),
    );
  return result.affectedRows;
}
