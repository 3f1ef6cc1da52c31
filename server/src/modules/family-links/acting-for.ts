import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { familyLinks, users } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';

/**
 * The veteran a citizen may act for: themselves, or a veteran they are actively linked to as family.
 * Anything else — no link, a pending, rejected or ended link, a deleted veteran — is refused with FORBIDDEN.
 * Every feature that lets family act "on behalf of" a veteran (requests, bookings) goes through this.
 */
export async function actingFor(db: Database, callerUserId: number, onBehalfOfUserId?: number | null): Promise<number> {
  if (onBehalfOfUserId === undefined || onBehalfOfUserId === null || onBehalfOfUserId === callerUserId) {
    return callerUserId;
  }
  const [link] = await db
    .select({ id: familyLinks.id })
    .from(familyLinks)
    .innerJoin(users, eq(users.id, familyLinks.veteranUserId))
    .where(
      and(
        eq(familyLinks.familyUserId, callerUserId),
        eq(familyLinks.veteranUserId, onBehalfOfUserId),
        eq(familyLinks.status, 'active'),
        isNull(users.deletedAt),
      ),
    )
    .limit(1);
  if (!link) throw new AppError('FORBIDDEN', '您未与该退役军人建立生效的家属关联，不能代其办理');
  return onBehalfOfUserId;
}
