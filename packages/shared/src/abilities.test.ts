import { describe, expect, it } from 'vitest';
import { type Ability, abilities, abilitiesOf, abilityDenials, can } from './abilities';

const subject = (
  role: Parameters<typeof can>[0]['role'],
  unitLevel: 'district' | 'street' | 'community' | null,
  isSupervisor = false,
) => ({
  role,
  unitLevel,
  isSupervisor,
});

describe('the ability table', () => {
  it('gives citizens their own services and nothing of the back office', () => {
    expect([...abilitiesOf(subject('veteran', null))]).toEqual(['services.use']);
    expect([...abilitiesOf(subject('family', null))]).toEqual(['services.use']);
  });

  it('lets staff work requests in any unit, but run the legal desk and pin notices only at the district centre', () => {
    const street = subject('staff', 'street');
    expect(can(street, 'requests.work')).toBe(true);
    expect(can(street, 'veterans.verify')).toBe(true);
    expect(can(street, 'legal.desk')).toBe(false);
    expect(can(street, 'content.pin')).toBe(false);
    expect(can(subject('staff', 'district'), 'legal.desk')).toBe(true);
    expect(can(subject('staff', 'district'), 'content.pin')).toBe(true);
  });

  it('lets supervisors and admins close follow-ups, not other staff', () => {
    expect(can(subject('staff', 'community'), 'requests.follow-up')).toBe(false);
    expect(can(subject('staff', 'community', true), 'requests.follow-up')).toBe(true);
    expect(can(subject('admin', 'street'), 'requests.follow-up')).toBe(true);
  });

  it('keeps lawyers to the consultation: the day and the record, no requests', () => {
    const lawyer = subject('lawyer', 'street');
    expect([...abilitiesOf(lawyer)].sort()).toEqual(['legal.day', 'legal.record']);
  });

  it('gives street admins their subtree, and the district-wide settings only to the district admin', () => {
    const street = subject('admin', 'street');
    for (const ability of ['units.administer', 'staff.administer', 'roster.import', 'audit.read'] as Ability[]) {
      expect(can(street, ability)).toBe(true);
    }
    expect(can(street, 'calendar.read')).toBe(true);
    expect(can(street, 'calendar.manage')).toBe(false);
    expect(can(street, 'legal.schedule')).toBe(false);
    expect(can(subject('admin', 'district'), 'calendar.manage')).toBe(true);
    expect(can(subject('admin', 'district'), 'legal.schedule')).toBe(true);
  });

  it('explains every refusal in Chinese', () => {
    for (const ability of abilities) expect(abilityDenials[ability]).toMatch(/[\u4e00-\u9fff]/);
  });
});
