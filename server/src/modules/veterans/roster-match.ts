import { and, eq, isNull } from 'drizzle-orm';
import { users, veteranRoster } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import type { FieldCipher } from '../../lib/field-cipher';
import { notInOpenDispute } from './disputes';
import type { Executor } from './executor';
import { noticeVerificationOutcome } from './notices';

/** Names are compared after trimming and collapsing inner spaces ("阿卜杜  热合曼" = "阿卜杜 热合曼"). */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** ID numbers are stored and hashed in upper case ("x" and "X" are the same check character). */
export function normaliseIdNumber(idNumber: string): string {
  return idNumber.trim().toUpperCase();
}

export const ROSTER_MATCH_NOTE = '与退役军人名册比对一致（姓名、身份证号码、手机号码）';

export interface RosterEntry {
  nameHash: string;
  /** The keyed hash of the phone the bureau has for the veteran, if any. */
  phoneHash: string | null;
  communityUnitId: number;
  dischargeDate: string | null;
}

/** The roster row with this ID number (by keyed hash), if the bureau's roster has one. */
export async function findRosterEntry(db: Executor, idNumberHash: string): Promise<RosterEntry | undefined> {
  const [entry] = await db
    .select({
      nameHash: veteranRoster.nameHash,
      phoneHash: veteranRoster.phoneHash,
      communityUnitId: veteranRoster.communityUnitId,
      dischargeDate: veteranRoster.dischargeDate,
    })
    .from(veteranRoster)
    .where(eq(veteranRoster.idNumberHash, idNumberHash));
  return entry;
}

/**
 * After a roster import, or when a waiting veteran proves a phone number: every veteran waiting for verification
 * whose ID number, name **and proven phone** match a roster row becomes verified and moves to the roster's
 * community (`onlyUserId` limits it to one account). Returns how many users were verified.
 */
export async function verifyPendingUsersFromRoster(
  db: Executor,
  cipher: FieldCipher,
  now: Date,
  onlyUserId?: number,
): Promise<number> {
  const candidates = await db
    .select({
      userId: users.id,
      nameCipher: users.nameCipher,
      rosterNameHash: veteranRoster.nameHash,
      communityUnitId: veteranRoster.communityUnitId,
      dischargeDate: veteranRoster.dischargeDate,
    })
    .from(users)
    .innerJoin(
      veteranRoster,
      and(eq(veteranRoster.idNumberHash, users.idNumberHash), eq(veteranRoster.phoneHash, users.phoneHash)),
    )
    .where(
      and(
        eq(users.veteranStatus, 'pending'),
        eq(users.kind, 'veteran'),
        isNull(users.deletedAt),
        notInOpenDispute(users.id),
        onlyUserId === undefined ? undefined : eq(users.id, onlyUserId),
      ),
    );
  let verified = 0;
  for (const candidate of candidates) {
    if (!candidate.nameCipher) continue;
    const nameHash = cipher.hash(
      normaliseName(cipher.decrypt(candidate.nameCipher, sealedIn(users.nameCipher, candidate.userId))),
    );
    if (nameHash !== candidate.rosterNameHash) continue;
    const [result] = await db
      .update(users)
      .set({
        veteranStatus: 'verified',
        verifiedAt: now,
        verifiedBy: null,
        verificationNote: ROSTER_MATCH_NOTE,
        communityUnitId: candidate.communityUnitId,
        dischargeDate: candidate.dischargeDate,
      })
      .where(and(eq(users.id, candidate.userId), eq(users.veteranStatus, 'pending')));
    if (result.affectedRows === 0) continue;
    verified += 1;
    await noticeVerificationOutcome(db, candidate.userId, { verified: true }, now);
  }
  return verified;
}
