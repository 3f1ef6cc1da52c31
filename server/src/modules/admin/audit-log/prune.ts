import { lt } from 'drizzle-orm';
import type { Database } from '../../../db/client';
import { auditLog } from '../../../db/schema/index';
import { auditRetentionCutoff, effectiveRetentionDays } from './retention';

export interface PruneOptions {
  /** Configured retention in days; below 180 the 180-day floor applies. Default 365. */
  retentionDays?: number;
  /** Rows deleted per statement, so a large first prune does not hold long locks. */
  batchSize?: number;
}

export interface PruneResult {
  deleted: number;
  cutoff: Date;
  retentionDays: number;
}

/**
 * Maintenance: deletes audit-log entries created before `now` minus the retention (never less than 180 days),
 * in batches, and records the prune itself as an `audit_log.prune` entry. Run daily by modules/maintenance. It
 * is the only code that deletes audit entries — no API route changes or deletes them.
 */
export async function pruneAuditLog(db: Database, now: Date, options: PruneOptions = {}): Promise<PruneResult> {
  const retentionDays = effectiveRetentionDays(options.retentionDays);
  const cutoff = auditRetentionCutoff(now, retentionDays);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 5000));
  let deleted = 0;
  for (;;) {
    const [result] = await db.delete(auditLog).where(lt(auditLog.createdAt, cutoff)).limit(batchSize);
    deleted += result.affectedRows;
    if (result.affectedRows < batchSize) break;
  }
  await db.insert(auditLog).values({
    action: 'audit_log.prune',
    targetType: 'audit_log',
    detail: { deleted, cutoff: cutoff.toISOString(), retentionDays },
  });
  return { deleted, cutoff, retentionDays };
}
