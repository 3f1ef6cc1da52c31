import type { AdminOrgUnit, CalendarDay } from '@veterans/shared';
import { type abilitiesOf, configureZod, staffPasswordSchema } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import {
  auditActionText,
  auditExportPath,
  childLevelOf,
  dayEnd,
  dayStart,
  isDayOff,
  monthGrid,
  rosterTemplateCsv,
  temporaryPassword,
  unitTree,
  visibleUnits,
} from './format';
import { adminLinksFor } from './pages';

configureZod();

const unit = (id: number, parentId: number | null, path: string, level: AdminOrgUnit['level']): AdminOrgUnit => ({
  id,
  code: path.split('/').at(-2) ?? '',
  name: `单位${id}`,
  level,
  parentId,
  address: null,
  latitude: null,
  longitude: null,
  phone: null,
  openingHours: null,
  path,
  active: true,
});

describe('unitTree', () => {
  const units = [
    unit(3, 2, '/weidu/xidajie/wenhua/', 'community'),
    unit(1, null, '/weidu/', 'district'),
    unit(4, 1, '/weidu/dongdajie/', 'street'),
    unit(2, 1, '/weidu/xidajie/', 'street'),
  ];

  it('nests units under their parents in path order, with depths', () => {
    const rows = visibleUnits(unitTree(units), new Set());
    expect(rows.map((node) => [node.unit.id, node.depth])).toEqual([
      [1, 0],
      [4, 1],
      [2, 1],
      [3, 2],
    ]);
  });

  it('hides the children of collapsed units', () => {
    expect(visibleUnits(unitTree(units), new Set([2])).map((node) => node.unit.id)).toEqual([1, 4, 2]);
  });

  it('knows the level below each level', () => {
    expect(childLevelOf('district')).toBe('street');
    expect(childLevelOf('street')).toBe('community');
    expect(childLevelOf('community')).toBeNull();
  });
});

describe('temporaryPassword', () => {
  it('always passes the shared staff password policy', () => {
    for (let i = 0; i < 200; i += 1) {
      const password = temporaryPassword();
      expect(staffPasswordSchema.safeParse(password).success, password).toBe(true);
      expect(password).toHaveLength(12);
    }
  });

  it('passes even with the worst random source', () => {
    expect(staffPasswordSchema.safeParse(temporaryPassword(() => 0)).success).toBe(true);
  });
});

describe('audit search dates', () => {
  it('turns Beijing days into an inclusive start and an exclusive end', () => {
    expect(dayStart('2026-03-01')).toBe('2026-03-01T00:00:00+08:00');
    expect(dayEnd('2026-03-31')).toBe('2026-04-01T00:00:00+08:00');
    expect(dayEnd('2026-12-31')).toBe('2027-01-01T00:00:00+08:00');
  });

  it('builds the export path from the filters that are set', () => {
    expect(auditExportPath({})).toBe('/admin/audit-log/export');
    expect(auditExportPath({ action: 'staff.create', actorId: 5, to: undefined })).toBe(
      '/admin/audit-log/export?action=staff.create&actorId=5',
    );
  });

  it('says what an action is in Chinese, with its code', () => {
    expect(auditActionText('staff.create')).toBe('新建人员账号（staff.create）');
    expect(auditActionText('something.new')).toBe('something.new');
  });
});

describe('monthGrid', () => {
  const days: CalendarDay[] = [
    { date: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'statutory', statutoryKind: null },
    { date: '2026-10-10', kind: 'workday', name: '国庆节调休', source: 'statutory', statutoryKind: null },
  ];

  it('lays a month out in Monday-first weeks with its entries', () => {
    const weeks = monthGrid(2026, 10, days);
    // 1 October 2026 is a Thursday: three blanks first.
    expect(weeks[0]?.slice(0, 4).map((cell) => cell.date)).toEqual([null, null, null, '2026-10-01']);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    const cells = weeks.flat().filter((cell) => cell.date);
    expect(cells).toHaveLength(31);
    const first = cells[0];
    const saturday = cells.find((cell) => cell.date === '2026-10-10');
    const sunday = cells.find((cell) => cell.date === '2026-10-11');
    expect(first && isDayOff(first)).toBe(true);
    expect(saturday?.weekend && saturday && isDayOff(saturday)).toBe(false);
    expect(sunday && isDayOff(sunday)).toBe(true);
  });
});

describe('admin links and the template', () => {
  it('shows each admin screen to whoever the ability table lets open it', () => {
    const keys = (subject: Parameters<typeof abilitiesOf>[0]) => adminLinksFor(subject).map((link) => link.key);
    expect(keys({ role: 'admin', unitLevel: 'district', isSupervisor: false })).toEqual([
      'units',
      'staff',
      'roster',
      'audit',
      'calendar',
      'banks',
    ]);
    expect(keys({ role: 'admin', unitLevel: 'street', isSupervisor: false })).toContain('calendar');
    expect(keys({ role: 'staff', unitLevel: 'district', isSupervisor: true })).toEqual([]);
    expect(keys({ role: 'lawyer', unitLevel: 'district', isSupervisor: false })).toEqual([]);
  });

  it('has the header row the import reads, for Excel (BOM, CRLF)', () => {
    expect(rosterTemplateCsv()).toBe('\ufeff姓名,身份证号码,退役日期,所属社区,手机号码\r\n');
  });
});
