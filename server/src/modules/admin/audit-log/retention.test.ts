import { describe, expect, it } from 'vitest';
import {
  AUDIT_LOG_MIN_RETENTION_DAYS,
  auditRetentionCutoff,
  DEFAULT_AUDIT_LOG_RETENTION_DAYS,
  effectiveRetentionDays,
} from './retention';

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date('2026-11-26T08:00:00.000Z');

describe('audit-log retention', () => {
  it('has a floor of 180 days', () => {
    expect(AUDIT_LOG_MIN_RETENTION_DAYS).toBe(180);
  });

  it('uses the configured retention when it is above the floor', () => {
    expect(effectiveRetentionDays(400)).toBe(400);
    expect(auditRetentionCutoff(now, 400)).toEqual(new Date(now.getTime() - 400 * DAY_MS));
  });

  it('never goes below 180 days, whatever is configured', () => {
    for (const configured of [179, 30, 1, 0, -5, 179.9]) {
      expect(effectiveRetentionDays(configured)).toBe(180);
      expect(auditRetentionCutoff(now, configured)).toEqual(new Date('2026-05-30T08:00:00.000Z'));
    }
  });

  it('rounds a fractional retention up, keeping more rather than less', () => {
    expect(effectiveRetentionDays(200.1)).toBe(201);
  });

  it('falls back to the default for a missing or non-numeric configuration', () => {
    expect(effectiveRetentionDays()).toBe(DEFAULT_AUDIT_LOG_RETENTION_DAYS);
    expect(effectiveRetentionDays(Number.NaN)).toBe(DEFAULT_AUDIT_LOG_RETENTION_DAYS);
    expect(effectiveRetentionDays(Number.POSITIVE_INFINITY)).toBe(DEFAULT_AUDIT_LOG_RETENTION_DAYS);
    expect(DEFAULT_AUDIT_LOG_RETENTION_DAYS).toBeGreaterThanOrEqual(AUDIT_LOG_MIN_RETENTION_DAYS);
  });

  it('the cutoff is exactly the retention before now: an entry 180 days old minus a millisecond is kept', () => {
    const cutoff = auditRetentionCutoff(now, 0);
    const justYoungerThanFloor = new Date(now.getTime() - 180 * DAY_MS + 1);
    expect(justYoungerThanFloor.getTime()).toBeGreaterThan(cutoff.getTime());
    expect(now.getTime() - cutoff.getTime()).toBe(180 * DAY_MS);
  });

  it('refuses an invalid "now"', () => {
    expect(() => auditRetentionCutoff(new Date(Number.NaN))).toThrow(RangeError);
  });
});
