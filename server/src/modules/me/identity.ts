import { type CitizenKind, type IdentityInput, parseIdNumber, type VeteranStatus } from '@veterans/shared';
import { and, eq, ne, not, or } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { familyLinks, orgUnits, uploads, users } from '../../db/schema/index';
import { sealedIn } from '../../db/sealed-columns';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../lib/app-error';
import { mysqlErrorCode } from '../../lib/database-errors';
import type { FieldCipher } from '../../lib/field-cipher';
import { notInOpenDispute } from '../veterans/disputes';
import {
  findRosterEntry,
  normaliseIdNumber,
  normaliseName,
  ROSTER_MATCH_NOTE,
  type RosterEntry,
} from '../veterans/roster-match';

export interface IdentityFacts {
  /** The user's current verification state. */
  veteranStatus: VeteranStatus;
  communityUnitId: number | null;
  /** The user is a party to an active family link (which was confirmed against the current identity). */
  hasActiveFamilyLink: boolean;
  /** Another account already holds this ID number. */
  takenByOther: boolean;
  kind: CitizenKind;
  requestedCommunityUnitId: number | undefined;
  /**
   * The roster row with this ID number, whether its name matches the submitted name, and whether the account has
   * proven (by SMS code or WeChat's phone API) the phone the roster holds.
   */
  roster: (RosterEntry & { nameMatches: boolean; phoneMatches: boolean }) | undefined;
}

export type IdentityDecision =
  | { outcome: 'locked'; message: string }
  | { outcome: 'taken' }
  | {
      outcome: 'store';
      veteranStatus: VeteranStatus;
      communityUnitId: number | null;
      dischargeDate: string | null;
      verifiedByRoster: boolean;
    };

/**
 * What a submitted real-name identity leads to. A verified identity is fixed (only staff change it); an
 * identity a family link was confirmed against is fixed while the link is active. A veteran found in the
 * roster with the same name and the roster's phone proven on the account is verified at once and placed in the
 * roster's community: a name and an ID number alone are known to relatives and colleagues too. Any other veteran
 * waits for staff; family members have no veteran status.
 */
export function decideIdentity(facts: IdentityFacts): IdentityDecision {
  if (facts.veteranStatus === 'verified') {
    return { outcome: 'locked', message: '实名信息已认证，如需修改请联系服务站' };
  }
  if (facts.hasActiveFamilyLink) {
    return { outcome: 'locked', message: '您已有生效的家属关联，实名信息不能修改；如需修改请先解除关联或联系服务站' };
  }
  if (facts.takenByOther) return { outcome: 'taken' };
  const chosenCommunity = facts.requestedCommunityUnitId ?? facts.communityUnitId;
  if (facts.kind === 'family') {
    return {
      outcome: 'store',
      veteranStatus: 'none',
      communityUnitId: chosenCommunity,
      dischargeDate: null,
      verifiedByRoster: false,
    };
  }
  if (facts.roster?.nameMatches && facts.roster.phoneMatches) {
    return {
      outcome: 'store',
      veteranStatus: 'verified',
      communityUnitId: facts.roster.communityUnitId,
      dischargeDate: facts.roster.dischargeDate,
      verifiedByRoster: true,
    };
  }
  return {
    outcome: 'store',
    veteranStatus: 'pending',
    // The roster's station reviews a claim whose name matches its row: it knows the veteran.
    communityUnitId: facts.roster?.nameMatches ? facts.roster.communityUnitId : chosenCommunity,
    dischargeDate: null,
    verifiedByRoster: false,
  };
}

/** Refuses an unknown or disabled unit as a user's community. */
export async function requireActiveUnit(db: Database, unitId: number): Promise<void> {
  const [unit] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), eq(orgUnits.active, true)));
  if (!unit) throw new AppError('UNIT_NOT_FOUND', '所选社区不存在，请重新选择');
}

/**
 * Stores the caller's real-name identity: name and ID number encrypted, their keyed hashes for lookups (the ID
 * number's unique: one ID number, one account; the name's for staff search), birth date and gender read from the
 * ID number. The caller has already checked the privacy-policy consent. Returns the decision that was stored.
 */
export async function submitIdentity(
  db: Database,
  cipher: FieldCipher,
  userId: number,
  input: IdentityInput,
): Promise<Extract<IdentityDecision, { outcome: 'store' }>> {
  const name = normaliseName(input.name);
  const idNumber = normaliseIdNumber(input.idNumber);
  const facts = parseIdNumber(idNumber);
  if (!facts) throw new AppError('VALIDATION_FAILED', '身份证号码不正确，请核对出生日期和校验位');
  if (input.communityUnitId !== undefined) await requireActiveUnit(db, input.communityUnitId);
  const idNumberHash = cipher.hash(idNumber);
  const nameHash = cipher.hash(name);

  try {
    return await inTransaction(db, async (tx) => {
      // Serialise submissions of one user (double taps, two devices).
      const [user] = await tx
        .select({
          veteranStatus: users.veteranStatus,
          communityUnitId: users.communityUnitId,
          phoneHash: users.phoneHash,
          idNumberHash: users.idNumberHash,
        })
        .from(users)
        .where(eq(users.id, userId))
        .for('update');
      if (!user) throw new AppError('INVALID_TOKEN');
      const [disputed] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, userId), not(notInOpenDispute(users.id))));
      if (disputed) throw new AppError('IDENTITY_LOCKED', '身份申诉核实期间不能修改实名信息');
      const [activeLink] = await tx
        .select({ id: familyLinks.id })
        .from(familyLinks)
        .where(
          and(
            eq(familyLinks.status, 'active'),
            or(eq(familyLinks.familyUserId, userId), eq(familyLinks.veteranUserId, userId)),
          ),
        )
        .limit(1);
      const [holder] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.idNumberHash, idNumberHash), ne(users.id, userId)));
      const roster = input.kind === 'veteran' ? await findRosterEntry(tx, idNumberHash) : undefined;
      const decision = decideIdentity({
        veteranStatus: user.veteranStatus,
        communityUnitId: user.communityUnitId,
        hasActiveFamilyLink: activeLink !== undefined,
        takenByOther: holder !== undefined,
        kind: input.kind,
        requestedCommunityUnitId: input.communityUnitId,
        roster: roster && {
          ...roster,
          nameMatches: roster.nameHash === nameHash,
          phoneMatches: roster.phoneHash !== null && roster.phoneHash === user.phoneHash,
        },
      });
      if (decision.outcome === 'locked') throw new AppError('IDENTITY_LOCKED', decision.message);
      if (decision.outcome === 'taken') throw new AppError('ID_NUMBER_TAKEN');
      await tx
        .update(users)
        .set({
          kind: input.kind,
          nameCipher: cipher.encrypt(name, sealedIn(users.nameCipher, userId)),
          nameHash,
          idNumberCipher: cipher.encrypt(idNumber, sealedIn(users.idNumberCipher, userId)),
          idNumberHash,
          birthDate: facts.birthDate,
          gender: facts.gender,
          veteranStatus: decision.veteranStatus,
          verifiedAt: decision.verifiedByRoster ? new Date() : null,
          verifiedBy: null,
          verificationNote: decision.verifiedByRoster ? ROSTER_MATCH_NOTE : null,
          dischargeDate: decision.dischargeDate,
          communityUnitId: decision.communityUnitId,
        })
        .where(eq(users.id, userId));
      // A proof photo shows the ID number it was attached for; another ID number needs its own.
      if (user.idNumberHash !== null && user.idNumberHash !== idNumberHash) {
        await tx.update(uploads).set({ identityUserId: null }).where(eq(uploads.identityUserId, userId));
      }
      return decision;
    });
  } catch (error) {
    // Two accounts claiming one ID number at the same moment: the unique index decides, the loser hears why.
    if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') throw new AppError('ID_NUMBER_TAKEN');
    throw error;
  }
}
