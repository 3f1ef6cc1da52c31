import { describe, expect, it } from 'vitest';
import {
  appealMeetingBodySchema,
  beijingDateTimeText,
  beijingToday,
  cannedReplyPatchSchema,
  ratingLevelLabel,
  requestMessageBodySchema,
} from './request-extras';

describe('request extras', () => {
  it('shows instants in Beijing time', () => {
    expect(beijingDateTimeText(new Date('2026-11-25T16:05:00Z'))).toBe('2026年11月26日 00:05');
    expect(beijingToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('labels rating levels', () => {
    expect([5, 4, 3, 2, 1].map(ratingLevelLabel)).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
  });

  it('trims messages and wants an offset on meeting times', () => {
    expect(requestMessageBodySchema.parse({ body: '  你好 ' }).body).toBe('你好');
    expect(requestMessageBodySchema.safeParse({ body: ' ' }).success).toBe(false);
    expect(
      appealMeetingBodySchema.safeParse({ scheduledAt: '2026-11-26T09:30:00+08:00', place: '接待室' }).success,
    ).toBe(true);
    expect(appealMeetingBodySchema.safeParse({ scheduledAt: '2026-11-26T09:30:00', place: '接待室' }).success).toBe(
      false,
    );
    expect(cannedReplyPatchSchema.safeParse({}).success).toBe(false);
  });
});
