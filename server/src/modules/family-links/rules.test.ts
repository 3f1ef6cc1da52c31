import { describe, expect, it } from 'vitest';
import { decideLinkAction, sideOf } from './rules';

describe('sideOf', () => {
  const link = { familyUserId: 1, veteranUserId: 2 };
  it('names the caller side, or null for strangers', () => {
    expect(sideOf(link, 1)).toBe('family');
    expect(sideOf(link, 2)).toBe('veteran');
    expect(sideOf(link, 3)).toBeNull();
  });
});

describe('decideLinkAction', () => {
  it('the veteran confirms or rejects a pending request', () => {
    expect(decideLinkAction('pending', 'confirm', 'veteran')).toEqual({ ok: true, next: 'active' });
    expect(decideLinkAction('pending', 'reject', 'veteran')).toEqual({ ok: true, next: 'rejected' });
  });

  it('staff may confirm but not reject or end', () => {
    expect(decideLinkAction('pending', 'confirm', 'staff')).toEqual({ ok: true, next: 'active' });
    expect(decideLinkAction('pending', 'reject', 'staff')).toMatchObject({ ok: false, error: 'FORBIDDEN' });
    expect(decideLinkAction('active', 'end', 'staff')).toMatchObject({ ok: false, error: 'FORBIDDEN' });
  });

  it('the family side cannot confirm its own request', () => {
    expect(decideLinkAction('pending', 'confirm', 'family')).toMatchObject({ ok: false, error: 'FORBIDDEN' });
    expect(decideLinkAction('pending', 'reject', 'family')).toMatchObject({ ok: false, error: 'FORBIDDEN' });
  });

  it('either side ends a pending or active link', () => {
    for (const side of ['family', 'veteran'] as const) {
      expect(decideLinkAction('pending', 'end', side)).toEqual({ ok: true, next: 'ended' });
      expect(decideLinkAction('active', 'end', side)).toEqual({ ok: true, next: 'ended' });
    }
  });

  it('decided links stay decided', () => {
    expect(decideLinkAction('active', 'confirm', 'veteran')).toMatchObject({ ok: false, error: 'CONFLICT' });
    expect(decideLinkAction('rejected', 'confirm', 'veteran')).toMatchObject({ ok: false, error: 'CONFLICT' });
    expect(decideLinkAction('ended', 'end', 'family')).toMatchObject({ ok: false, error: 'CONFLICT' });
    expect(decideLinkAction('rejected', 'end', 'veteran')).toMatchObject({ ok: false, error: 'CONFLICT' });
  });
});
