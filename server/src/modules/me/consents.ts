import { type ConsentKind, PRIVACY_POLICY_VERSION, SENSITIVE_INFO_NOTICE_VERSION } from '@veterans/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { consents } from '../../db/schema/index';
import { AppError } from '../../lib/app-error';

export interface ConsentRecord {
  kind: ConsentKind;
  version: string;
  granted: 'granted' | 'withdrawn';
  createdAt: Date;
  id: number;
}

export interface ConsentState {
  /** The policy version the user agreed to, when their latest privacy-policy record is a grant. */
  privacyPolicyVersion: string | null;
  /** The latest sensitive-information record is a grant of the current notice. */
  sensitiveInfo: boolean;
}

/** The version a consent of this kind must name: only the current text can be agreed to (or withdrawn from). */
export function currentVersionOf(kind: ConsentKind): string {
  return kind === 'privacy-policy' ? PRIVACY_POLICY_VERSION : SENSITIVE_INFO_NOTICE_VERSION;
}

function latest(records: readonly ConsentRecord[], kind: ConsentKind): ConsentRecord | undefined {
  let found: ConsentRecord | undefined;
  for (const record of records) {
    if (record.kind !== kind) continue;
    const newer =
      !found ||
      record.createdAt.getTime() > found.createdAt.getTime() ||
      (record.createdAt.getTime() === found.createdAt.getTime() && record.id > found.id);
    if (newer) found = record;
  }
  return found;
}

/** Reads the append-only consent history: the latest record of each kind decides. */
export function consentState(records: readonly ConsentRecord[]): ConsentState {
  const policy = latest(records, 'privacy-policy');
  const sensitive = latest(records, 'sensitive-info');
  return {
    privacyPolicyVersion: policy?.granted === 'granted' ? policy.version : null,
    sensitiveInfo: sensitive?.granted === 'granted' && sensitive.version === SENSITIVE_INFO_NOTICE_VERSION,
  };
}

/** True when the user has agreed to the privacy policy as it reads today. */
export function hasCurrentPrivacyConsent(state: ConsentState): boolean {
  return state.privacyPolicyVersion === PRIVACY_POLICY_VERSION;
}

export async function consentHistory(db: Database, userId: number): Promise<ConsentRecord[]> {
  return db
    .select({
      id: consents.id,
      kind: consents.kind,
      version: consents.version,
      granted: consents.granted,
      createdAt: consents.createdAt,
    })
    .from(consents)
    .where(eq(consents.userId, userId))
    .orderBy(desc(consents.createdAt), desc(consents.id));
}

export async function loadConsentState(db: Database, userId: number): Promise<ConsentState> {
  return consentState(await consentHistory(db, userId));
}

/** Appends one consent record (never updates an old one). */
export async function recordConsent(
  db: Database,
  userId: number,
  consent: { kind: ConsentKind; version: string; granted: boolean },
): Promise<void> {
  await db.insert(consents).values({
    userId,
    kind: consent.kind,
    version: consent.version,
    granted: consent.granted ? 'granted' : 'withdrawn',
  });
}

/** Refuses (CONSENT_REQUIRED) unless the user agreed to the current privacy policy. */
export async function requirePrivacyConsent(db: Database, userId: number): Promise<void> {
  if (!hasCurrentPrivacyConsent(await loadConsentState(db, userId))) throw new AppError('CONSENT_REQUIRED');
}

/**
 * Guard for features that handle sensitive personal information (困难帮扶: health, income): refuses with
 * SENSITIVE_CONSENT_REQUIRED unless the user's latest sensitive-information record grants the current notice.
 */
export async function requireSensitiveConsent(db: Database, userId: number): Promise<void> {
  const [record] = await db
    .select({ version: consents.version, granted: consents.granted })
    .from(consents)
    .where(and(eq(consents.userId, userId), eq(consents.kind, 'sensitive-info')))
    .orderBy(desc(consents.createdAt), desc(consents.id))
    .limit(1);
  if (record?.granted !== 'granted' || record.version !== SENSITIVE_INFO_NOTICE_VERSION) {
    throw new AppError('SENSITIVE_CONSENT_REQUIRED');
  }
}
