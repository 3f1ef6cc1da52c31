import { describe, expect, it } from 'vitest';
import { openableStaffLink, queueUrl, requestUrl, staffPages } from './routes';

describe('staff routes', () => {
  it('build queue and request URLs', () => {
    expect(queueUrl({ status: 'submitted' })).toBe(`${staffPages.queue}?status=submitted`);
    expect(queueUrl({ overdue: true })).toBe(`${staffPages.queue}?overdue=1`);
    expect(queueUrl()).toBe(staffPages.queue);
    expect(requestUrl(12)).toBe(`${staffPages.request}?id=12`);
  });

  it('open notification links to staff pages only', () => {
    expect(openableStaffLink('/subpackages/staff/request/index?id=3')).toBe('/subpackages/staff/request/index?id=3');
    expect(openableStaffLink('/subpackages/staff/follow-ups/index')).toBe('/subpackages/staff/follow-ups/index');
    expect(openableStaffLink('/subpackages/requests/detail/index?id=3')).toBeNull();
    expect(openableStaffLink('https://example.com/')).toBeNull();
    expect(openableStaffLink(null)).toBeNull();
  });
});

describe('staff pages named by the server', () => {
  it('match the shared notification links', async () => {
    const shared = await import('@veterans/shared');
    expect(shared.staffRequestDetailPage(5).split('?')[0]).toBe(staffPages.request);
    expect(shared.staffFollowUpsPage).toBe(staffPages.followUps);
  });
});
