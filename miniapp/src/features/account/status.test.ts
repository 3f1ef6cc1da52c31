import type { OrgUnit } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { communityOptions } from './communities';
import { exportFileName } from './export-file';
import { identityBadge, identityOutcomeText, linkActionLabels, linkActions, linkBadge } from './status';

const identity = { name: '张*', idNumber: '4110**********0012', birthDate: '1980-01-01', gender: 'male' as const };

describe('identityBadge', () => {
  it('shows the veteran status with the shared labels', () => {
    expect(identityBadge({ identity: null, kind: 'veteran', veteranStatus: 'none' })).toEqual({
      text: '未认证',
      tone: 'neutral',
    });
    expect(identityBadge({ identity, kind: 'veteran', veteranStatus: 'pending' }).text).toBe('待核验');
    expect(identityBadge({ identity, kind: 'veteran', veteranStatus: 'verified' })).toEqual({
      text: '已认证',
      tone: 'success',
    });
    expect(identityBadge({ identity, kind: 'veteran', veteranStatus: 'rejected' }).text).toBe('未通过');
  });

  it('shows family members as such', () => {
    expect(identityBadge({ identity, kind: 'family', veteranStatus: 'none' }).text).toBe('家属·已实名');
    expect(identityOutcomeText({ identity, kind: 'family', veteranStatus: 'none' })).toContain('家属');
  });
});

describe('family link actions', () => {
  it('lets the veteran confirm or reject a request, the family member withdraw it', () => {
    expect(linkActions({ role: 'veteran', status: 'pending' })).toEqual(['confirm', 'reject']);
    expect(linkActions({ role: 'family', status: 'pending' })).toEqual(['end']);
    expect(linkActionLabels({ status: 'pending' }).end).toBe('撤回申请');
  });

  it('lets either side end an active link, and nobody touch a finished one', () => {
    expect(linkActions({ role: 'family', status: 'active' })).toEqual(['end']);
    expect(linkActions({ role: 'veteran', status: 'active' })).toEqual(['end']);
    expect(linkActionLabels({ status: 'active' }).end).toBe('解除关联');
    expect(linkActions({ role: 'veteran', status: 'ended' })).toEqual([]);
    expect(linkActions({ role: 'family', status: 'rejected' })).toEqual([]);
    expect(linkBadge('active')).toEqual({ text: '已关联', tone: 'success' });
  });
});

describe('communityOptions', () => {
  const unit = (id: number, level: OrgUnit['level'], name: string, parentId: number | null): OrgUnit => ({
    id,
    code: `u${id}`,
    name,
    level,
    parentId,
    address: null,
    latitude: null,
    longitude: null,
    phone: null,
    openingHours: null,
  });

  it('lists community stations with their sub-district', () => {
    const units = [
      unit(1, 'district', '魏都区退役军人服务中心', null),
      unit(2, 'street', '西大街道退役军人服务站', 1),
      unit(3, 'community', '文化社区退役军人服务站', 2),
    ];
    expect(communityOptions(units)).toEqual([{ id: 3, label: '文化社区退役军人服务站（西大街道）' }]);
  });
});

describe('exportFileName', () => {
  it('names the file after the day of the export', () => {
    expect(exportFileName({ exportedAt: '2026-11-26T08:00:00.000Z', notice: '', sections: [] })).toBe(
      '我的数据-2026-11-26.json',
    );
  });
});
