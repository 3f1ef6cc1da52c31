import { describe, expect, it } from 'vitest';
import { decideIdentity, type IdentityFacts } from './identity';

const base: IdentityFacts = {
  veteranStatus: 'none',
  communityUnitId: null,
  hasActiveFamilyLink: false,
  takenByOther: false,
  kind: 'veteran',
  requestedCommunityUnitId: undefined,
  roster: undefined,
};
const roster = { nameHash: 'h', phoneHash: 'p', communityUnitId: 7, dischargeDate: '2010-12-01' };

describe('decideIdentity', () => {
  it('verifies a veteran found in the roster under the same name with its phone proven, in the roster community', () => {
    const matching = { ...roster, nameMatches: true, phoneMatches: true };
    expect(decideIdentity({ ...base, requestedCommunityUnitId: 3, roster: matching })).toEqual({
      outcome: 'store',
      veteranStatus: 'verified',
      communityUnitId: 7,
      dischargeDate: '2010-12-01',
      verifiedByRoster: true,
    });
  });

  it('sends a veteran to the staff queue when the roster has the ID number under another name', () => {
    const decision = decideIdentity({
      ...base,
      requestedCommunityUnitId: 3,
      roster: { ...roster, nameMatches: false, phoneMatches: true },
    });
    expect(decision).toMatchObject({ outcome: 'store', veteranStatus: 'pending', communityUnitId: 3 });
  });

  it('never verifies on a name and an ID number alone: without the roster phone proven, staff decide', () => {
    const decision = decideIdentity({
      ...base,
      requestedCommunityUnitId: 3,
      roster: { ...roster, nameMatches: true, phoneMatches: false },
    });
    expect(decision).toMatchObject({
      outcome: 'store',
      veteranStatus: 'pending',
      verifiedByRoster: false,
      communityUnitId: 7,
    });
  });

  it('sends a veteran not in the roster to the queue, keeping their community when none is given', () => {
    expect(decideIdentity({ ...base, communityUnitId: 5 })).toMatchObject({
      veteranStatus: 'pending',
      communityUnitId: 5,
      dischargeDate: null,
    });
  });

  it('gives family members no veteran status, even when their ID number is in the roster', () => {
    expect(
      decideIdentity({ ...base, kind: 'family', roster: { ...roster, nameMatches: true, phoneMatches: true } }),
    ).toMatchObject({
      veteranStatus: 'none',
      verifiedByRoster: false,
    });
  });

  it('lets a pending or rejected user correct their identity', () => {
    expect(decideIdentity({ ...base, veteranStatus: 'pending' }).outcome).toBe('store');
    expect(decideIdentity({ ...base, veteranStatus: 'rejected' }).outcome).toBe('store');
  });

  it('locks a verified identity and one with an active family link', () => {
    expect(decideIdentity({ ...base, veteranStatus: 'verified' }).outcome).toBe('locked');
    expect(decideIdentity({ ...base, kind: 'family', hasActiveFamilyLink: true }).outcome).toBe('locked');
  });

  it('refuses an ID number another account holds (lock first: a verified user hears "locked")', () => {
    expect(decideIdentity({ ...base, takenByOther: true })).toEqual({ outcome: 'taken' });
    expect(decideIdentity({ ...base, takenByOther: true, veteranStatus: 'verified' }).outcome).toBe('locked');
  });
});
