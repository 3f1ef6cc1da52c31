import { describe, expect, it } from 'vitest';
import { homeFilingBodySchema, homeFilingScheduleProblem, homeFilingVisitProblem } from './home-filing';

describe('入户办理 rules', () => {
  it('schedules from today on, again to move the date, never once visited or cancelled', () => {
    expect(homeFilingScheduleProblem('requested', '2026-12-04', '2026-12-04')).toBeNull();
    expect(homeFilingScheduleProblem('scheduled', '2026-12-10', '2026-12-04')).toBeNull();
    expect(homeFilingScheduleProblem('requested', '2026-12-03', '2026-12-04')).toMatchObject({
      code: 'VALIDATION_FAILED',
      path: 'body.visitDate',
    });
    expect(homeFilingScheduleProblem('visited', '2026-12-10', '2026-12-04')).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect(homeFilingScheduleProblem('cancelled', '2026-12-10', '2026-12-04')).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('records a visit only once scheduled and on or after its date', () => {
    expect(homeFilingVisitProblem('requested', null, '2026-12-04')?.message).toBe('请先约定上门日期');
    expect(homeFilingVisitProblem('scheduled', '2026-12-05', '2026-12-04')?.message).toBe(
      '上门日期还没到，到访后再记录',
    );
    expect(homeFilingVisitProblem('scheduled', '2026-12-04', '2026-12-04')).toBeNull();
  });

  it('asks why, and a note for 其他原因', () => {
    const base = { serviceCode: 'hardship-aid', address: '文化路 1 号' };
    expect(homeFilingBodySchema.safeParse({ ...base, reason: 'age_80' }).success).toBe(true);
    const other = homeFilingBodySchema.safeParse({ ...base, reason: 'other' });
    expect(other.success).toBe(false);
    expect(other.error?.issues[0]).toMatchObject({ path: ['reasonNote'], message: '选择“其他原因”时请说明原因' });
    expect(homeFilingBodySchema.safeParse({ ...base, reason: 'other', reasonNote: '行动不便' }).success).toBe(true);
  });
});
