import { beforeEach, describe, expect, it, vi } from 'vitest';

const fetchRequest = vi.hoisted(() => vi.fn());
const stored = vi.hoisted(() => ({
  user: { type: 'citizen' as string } as { type: string } | undefined,
  accessToken: '',
}));
vi.mock('./api', () => ({ fetchRequest }));
vi.mock('../../api/session', () => ({
  session: { get: () => (stored.user ? { user: stored.user, accessToken: stored.accessToken } : null) },
}));

const { fetchRequestOpenedBy, loadRequest, requestIdOpenedBy, tokenGoodFor } = await import('./early-detail');

/** An access token as the server signs it, expiring `inSeconds` from now (the signature is not read here). */
function tokenExpiringIn(inSeconds: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({ sub: '1', exp: Math.floor(Date.now() / 1000) + inSeconds })}.sig`;
}

describe('the request detail asked for as the app starts', () => {
  beforeEach(() => {
    fetchRequest.mockReset();
    fetchRequest.mockImplementation((id: number) => Promise.resolve({ id }));
    stored.user = { type: 'citizen' };
    stored.accessToken = tokenExpiringIn(3600);
  });

  it('reads the request id from the detail page address only', () => {
    expect(requestIdOpenedBy('/subpackages/requests/detail/index', '?id=42')).toBe(42);
    expect(requestIdOpenedBy('/subpackages/requests/detail/index', '?id=abc')).toBeUndefined();
    expect(requestIdOpenedBy('/subpackages/requests/detail/index', '?id=-1')).toBeUndefined();
    expect(requestIdOpenedBy('/subpackages/requests/detail/index', '')).toBeUndefined();
    expect(requestIdOpenedBy('/subpackages/requests/list/index', '?id=42')).toBeUndefined();
  });

  it('gives the page the early answer once, then asks the API again', async () => {
    fetchRequestOpenedBy('/subpackages/requests/detail/index', '?id=7');
    expect(fetchRequest).toHaveBeenCalledTimes(1);
    await expect(loadRequest(7)).resolves.toEqual({ id: 7 });
    expect(fetchRequest).toHaveBeenCalledTimes(1);
    await loadRequest(7);
    expect(fetchRequest).toHaveBeenCalledTimes(2);
  });

  it('does not hand one request’s answer to another', async () => {
    fetchRequestOpenedBy('/subpackages/requests/detail/index', '?id=7');
    await expect(loadRequest(8)).resolves.toEqual({ id: 8 });
    expect(fetchRequest).toHaveBeenLastCalledWith(8);
  });

  it('asks nothing without a citizen session (the page shows its sign-in card)', () => {
    stored.user = undefined;
    fetchRequestOpenedBy('/subpackages/requests/detail/index', '?id=7');
    stored.user = { type: 'staff' };
    fetchRequestOpenedBy('/subpackages/requests/detail/index', '?id=7');
    expect(fetchRequest).not.toHaveBeenCalled();
  });

  it('leaves an expired or unreadable token to the page, which renews it or sends the user to sign in', () => {
    stored.accessToken = tokenExpiringIn(30);
    fetchRequestOpenedBy('/subpackages/requests/detail/index', '?id=7');
    expect(fetchRequest).not.toHaveBeenCalled();
    expect(tokenGoodFor('not-a-token', Date.now(), 60)).toBe(false);
    expect(tokenGoodFor(tokenExpiringIn(3600), Date.now(), 60)).toBe(true);
  });

  it('keeps a failed early answer for the page to show', async () => {
    fetchRequest.mockImplementationOnce(() => Promise.reject(new Error('offline')));
    fetchRequestOpenedBy('/subpackages/requests/detail/index', '?id=9');
    await expect(loadRequest(9)).rejects.toThrow('offline');
  });
});
