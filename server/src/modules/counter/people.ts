import {
  type CounterConsentMethod,
  type CounterPerson,
  type CounterRegisterBody,
  maskIdNumber,
  maskName,
  PRIVACY_POLICY_VERSION,
  parseIdNumber,
  verificationEvidenceLabels,
} from '@veterans/shared';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { consents, orgUnits, users } from '../../db/schema/index';
import { sealedIn, writeSealed } from '../../db/sealed-columns';
import { AppError } from '../../lib/app-error';
import { mysqlErrorCode } from '../../lib/database-errors';
import type { FieldCipher } from '../../lib/field-cipher';
import { hasCurrentPrivacyConsent, loadConsentState } from '../me/consents';
import { communityInScope, isWithinScope, type StaffScope } from '../org-units/scope';
import type { Executor } from '../veterans/executor';
import { normaliseIdNumber, normaliseName } from '../veterans/roster-match';
import { counterVeteranStatus } from './rules';

export interface CounterStaff extends StaffScope {
  id: number;
}

type UserRow = typeof users.$inferSelect;

async function present(db: Database, cipher: FieldCipher, user: UserRow): Promise<CounterPerson> {
  const [community] =
    user.communityUnitId === null
      ? []
      : await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, user.communityUnitId));
  return {
    userId: user.id,
    name: user.nameCipher ? maskName(cipher.decrypt(user.nameCipher, sealedIn(users.nameCipher, user.id))) : '',
    idNumber: user.idNumberCipher
      ? maskIdNumber(cipher.decrypt(user.idNumberCipher, sealedIn(users.idNumberCipher, user.id)))
      : '',
    veteranStatus: user.veteranStatus,
    communityUnitId: user.communityUnitId,
    communityName: community?.name ?? null,
    registeredAtCounter: user.counterRegisteredBy !== null,
    hasAppAccount: user.openid !== null || user.phoneHash !== null,
    privacyConsent: hasCurrentPrivacyConsent(await loadConsentState(db, user.id)),
  };
}

async function communityPath(db: Database, unitId: number | null): Promise<string | null> {
  if (unitId === null) return null;
  const [unit] = await db.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  return unit?.path ?? null;
}

/**
 * The person with this ID number (keyed-hash lookup), masked; null when nobody has it. A person of a community
 * outside the clerk's subtree is OUT_OF_SCOPE: they are served by their own station (or the district centre).
 */
export async function findPerson(
  db: Database,
  cipher: FieldCipher,
  staff: CounterStaff,
  idNumber: string,
): Promise<CounterPerson | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.idNumberHash, cipher.hash(normaliseIdNumber(idNumber))));
  if (!user || user.deletedAt) return null;
  if (!communityInScope(staff, await communityPath(db, user.communityUnitId))) {
    throw new AppError('OUT_OF_SCOPE', '此人不属于本服务站管辖，请到其所属社区的服务站或区退役军人服务中心办理');
  }
  return present(db, cipher, user);
}

/** A person the clerk may file for: registered, not deleted, with a real-name identity, in the clerk's subtree. */
export async function personForCounter(db: Database, staff: CounterStaff, userId: number): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.deletedAt || !user.idNumberHash) {
    throw new AppError('NOT_FOUND', '未找到此人，请先按身份证号码查找或登记');
  }
  if (!communityInScope(staff, await communityPath(db, user.communityUnitId))) {
    throw new AppError('NOT_FOUND', '未找到此人，请先按身份证号码查找或登记');
  }
  return user;
}

/** Appends a consent the clerk recorded (how it was given, by whom; `created_at` is when). */
export async function recordCounterConsent(
  db: Executor,
  staffId: number,
  userId: number,
  kind: 'privacy-policy' | 'sensitive-info',
  version: string,
  method: CounterConsentMethod,
): Promise<void> {
  await db.insert(consents).values({ userId, kind, version, granted: 'granted', method, recordedBy: staffId });
}

/** Records the privacy-policy consent as the clerk took it, unless the person has agreed to the current one. */
export async function recordPrivacyConsentIfMissing(
  db: Database,
  staffId: number,
  userId: number,
  method: CounterConsentMethod,
): Promise<void> {
  if (hasCurrentPrivacyConsent(await loadConsentState(db, userId))) return;
  await recordCounterConsent(db, staffId, userId, 'privacy-policy', PRIVACY_POLICY_VERSION, method);
}

/**
 * Registers a person who shows their identity at the counter: a citizen record without any sign-in (no WeChat,
 * no proven phone), identity encrypted and found by keyed hashes, placed in a community of the clerk's subtree.
 * A clerk who checked the discharge document in person verifies them (the verification queue's 'in-person'
 * evidence); otherwise they wait in that queue. The privacy-policy consent is recorded with how it was given.
 * An ID number already registered (by the app or the counter) is PERSON_ALREADY_REGISTERED.
 */
export async function registerPerson(
  db: Database,
  cipher: FieldCipher,
  staff: CounterStaff,
  body: CounterRegisterBody,
  now = new Date(),
): Promise<CounterPerson> {
  const name = normaliseName(body.name);
  const idNumber = normaliseIdNumber(body.idNumber);
  const facts = parseIdNumber(idNumber);
  if (!facts) throw new AppError('VALIDATION_FAILED', '身份证号码不正确，请核对出生日期和校验位');
  const [community] = await db
    .select({ path: orgUnits.path, active: orgUnits.active })
    .from(orgUnits)
    .where(eq(orgUnits.id, body.communityUnitId));
  if (!community?.active) throw new AppError('UNIT_NOT_FOUND', '所选社区不存在，请重新选择');
  if (!isWithinScope(staff.unitPath, community.path)) {
    throw new AppError('OUT_OF_SCOPE', '只能为本服务站管辖社区的居民登记');
  }
  const veteranStatus = counterVeteranStatus(body.documentChecked);
  const phone = body.phone ? body.phone.trim() : null;
  let userId: number;
  try {
    userId = await db.transaction(async (tx) => {
      const [result] = await tx.insert(users).values({
        kind: 'veteran',
        nameHash: cipher.hash(name),
        idNumberHash: cipher.hash(idNumber),
        birthDate: facts.birthDate,
        gender: facts.gender,
        veteranStatus,
        ...(veteranStatus === 'verified'
          ? {
              verifiedAt: now,
              verifiedBy: staff.id,
              verificationNote: `窗口登记：${verificationEvidenceLabels['in-person']}`,
            }
          : {}),
        communityUnitId: body.communityUnitId,
        counterRegisteredBy: staff.id,
        counterRegisteredAt: now,
        counterPhoneHash: phone ? cipher.hash(phone) : null,
      });
      const id = Number(result.insertId);
      await writeSealed(tx, cipher, id, [
        [users.nameCipher, name],
        [users.idNumberCipher, idNumber],
        ...(phone ? ([[users.counterPhoneCipher, phone]] as const) : []),
      ]);
      await recordCounterConsent(tx, staff.id, id, 'privacy-policy', PRIVACY_POLICY_VERSION, body.consentMethod);
      return id;
    });
  } catch (error) {
    if (mysqlErrorCode(error) === 'ER_DUP_ENTRY') throw new AppError('PERSON_ALREADY_REGISTERED');
    throw error;
  }
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('NOT_FOUND');
  return present(db, cipher, user);
}
