import { describe, expect, it } from 'vitest';
import {
  extraFilterCount,
  filterFromPageParams,
  normaliseFilter,
  pageCount,
  queueApiQuery,
  queuePageParams,
} from './queue-filter';

describe('queueApiQuery', () => {
  it('sends only the filters that are set, with the page', () => {
    expect(queueApiQuery({})).toEqual({
      status: undefined,
      serviceCode: undefined,
      overdue: undefined,
      assignee: undefined,
      streetUnitId: undefined,
      q: undefined,
      page: 1,
      pageSize: 20,
    });
    expect(
      queueApiQuery(
        { status: 'submitted', serviceCode: 'appeal', overdue: true, assignee: 'me', streetUnitId: 7, q: '  王五 ' },
        3,
      ),
    ).toEqual({
      status: 'submitted',
      serviceCode: 'appeal',
      overdue: 'true',
      assignee: 'me',
      streetUnitId: 7,
      q: '王五',
      page: 3,
      pageSize: 20,
    });
  });

  it('leaves out a blank search and a false overdue flag, and never asks for page 0', () => {
    const query = queueApiQuery({ q: '   ', overdue: false }, 0, 1);
    expect(query.q).toBeUndefined();
    expect(query.overdue).toBeUndefined();
    expect(query.page).toBe(1);
    expect(query.pageSize).toBe(1);
  });

  it('cuts a search to the 64 characters the server accepts', () => {
    expect(queueApiQuery({ q: 'W'.repeat(80) }).q).toHaveLength(64);
  });
});

describe('queue page parameters', () => {
  it('survive a round trip through the URL', () => {
    const filter = {
      status: 'needs_supplement',
      overdue: true,
      assignee: 'none',
      streetUnitId: 12,
      q: 'WD2026',
    } as const;
    const params = Object.fromEntries(
      Object.entries(queuePageParams(filter))
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, String(value)]),
    );
    expect(params).toEqual({ status: 'needs_supplement', overdue: '1', assignee: 'none', street: '12', q: 'WD2026' });
    expect(filterFromPageParams(params)).toEqual(filter);
  });

  it('decodes what the mini-program hands over still encoded', () => {
    expect(filterFromPageParams({ q: encodeURIComponent('张三') })).toEqual({ q: '张三' });
  });

  it('ignores unknown or malformed values', () => {
    expect(
      filterFromPageParams({
        status: 'draft',
        serviceCode: 'nope',
        overdue: 'yes',
        assignee: '42',
        street: '-3',
        q: '',
      }),
    ).toEqual({});
    expect(filterFromPageParams({ street: '1e3' })).toEqual({});
  });
});

describe('filter helpers', () => {
  it('normalise drops unset values so equal filters compare equal', () => {
    expect(normaliseFilter({ status: undefined, overdue: false, q: ' ' })).toEqual({});
  });

  it('count the filters besides status and search', () => {
    expect(extraFilterCount({ status: 'submitted', q: 'x' })).toBe(0);
    expect(extraFilterCount({ serviceCode: 'appeal', overdue: true, assignee: 'me', streetUnitId: 3 })).toBe(4);
  });

  it('count pages, at least one', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
  });
});
