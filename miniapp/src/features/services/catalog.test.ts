import { serviceCatalog } from '@veterans/shared';
import { describe, expect, it } from 'vitest';
import { groupByHandler, promisedTimeText } from './catalog';

describe('groupByHandler', () => {
  it('groups the catalog by accepting unit, district centre first, without empty groups', () => {
    const groups = groupByHandler([...serviceCatalog]);
    expect(groups.map((group) => group.label)).toEqual(['区退役军人服务中心', '社区退役军人服务站']);
    expect(groups.flatMap((group) => group.services)).toHaveLength(serviceCatalog.length);
    for (const group of groups) expect(group.services.every((service) => service.handledBy === group.level)).toBe(true);
  });

  it('returns no groups for an empty catalog', () => {
    expect(groupByHandler([])).toEqual([]);
  });
});

describe('promisedTimeText', () => {
  it('states the promised time in working days', () => {
    expect(promisedTimeText(20)).toBe('承诺时限 20 个工作日');
  });
});
