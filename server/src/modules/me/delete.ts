import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { refreshTokens, users } from '../../db/schema/index';
import { inTransaction } from '../../db/transaction';
import { endAllLinks } from '../family-links/service';
import { deleteDraftsOf } from '../requests/drafts';
import { EMPTIED_ACCOUNT } from './cleared-identity';

/** What stays after `DELETE /me`, and why: told to the user in the response. */
export const RETAINED_AFTER_DELETION = [
  '审计日志（依法保存不少于180天，到期删除）',
  '隐私政策同意与撤回记录（证明个人信息处理的合法依据，不含您的姓名、身份证号码等信息）',
  '已提交的办事申请和法律咨询记录（属于政务办理档案，按档案管理规定的期限保存）',
  '退役军人事务部门的退役军人名册（由事务局依法管理，不属于本账号的数据）',
] as const;

/**
 * Deletes the account by anonymising it: sign-in identifiers, phone, name and ID number (ciphers and hashes),
 * birth date, gender, veteran status and preferences are cleared and `deleted_at` set; open family links end;
 * every refresh token is revoked. The row itself stays (an empty shell) so audit entries and archived requests
 * that refer to it remain consistent. After this, the user's access tokens get 401 on every citizen route.
 */
export async function deleteAccount(db: Database, userId: number): Promise<{ endedLinks: number }> {
  const now = new Date();
  return inTransaction(db, async (tx) => {
    // Unsent drafts are the user's alone: nothing to keep once the account goes.
    await deleteDraftsOf(tx, userId);
    await tx
      .update(users)
      .set({
        ...EMPTIED_ACCOUNT,
        deletedAt: now,
      })
      .where(and(eq(users.id, userId), isNull(users.deletedAt)));
    const endedLinks = await endAllLinks(tx, userId);
    await tx
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(refreshTokens.principalType, 'citizen'),
          eq(refreshTokens.principalId, userId),
          isNull(refreshTokens.revokedAt),
        ),
      );
    return { endedLinks };
  });
}
