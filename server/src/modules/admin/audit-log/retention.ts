/**
 * Audit-log retention. The bureau must keep the audit log of staff actions for at least 180 days
 * (PRODUCT.md; 网络安全法 第二十一条 asks for network logs of no less than six months). Whatever retention is
 * configured, nothing younger than that floor is ever deleted.
 */

/** The hard floor: no entry younger than this is ever pruned, whatever is configured. */
export const AUDIT_LOG_MIN_RETENTION_DAYS = 180;

/** Retention used when none is configured: one year, comfortably above the floor. */
export const DEFAULT_AUDIT_LOG_RETENTION_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The retention actually applied: the configured number of whole days, never below the floor. */
export function effectiveRetentionDays(configuredDays: number = DEFAULT_AUDIT_LOG_RETENTION_DAYS): number {
  if (!Number.isFinite(configuredDays)) return DEFAULT_AUDIT_LOG_RETENTION_DAYS;
  return Math.max(AUDIT_LOG_MIN_RETENTION_DAYS, Math.ceil(configuredDays));
}

/** Entries created strictly before this instant may be deleted; entries at or after it are kept. */
export function auditRetentionCutoff(now: Date, configuredDays?: number): Date {
  if (Number.isNaN(now.getTime())) throw new RangeError('auditRetentionCutoff: invalid "now"');
  return new Date(now.getTime() - effectiveRetentionDays(configuredDays) * DAY_MS);
}
