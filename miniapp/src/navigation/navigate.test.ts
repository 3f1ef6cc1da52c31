import { afterEach, describe, expect, it, vi } from 'vitest';
import { leaveSignIn, openSignIn } from './navigate';
import { routes } from './routes';

const taro = await vi.hoisted(async () => (await import('../testing/taro-mock')).createTaroMock());
vi.mock('@tarojs/taro', () => ({ default: taro }));

afterEach(() => {
  vi.clearAllMocks();
  taro.reset();
});

describe('leaveSignIn', () => {
  it('uncovers the page the user came from, keeping what they typed', () => {
    taro.pages.push({ route: 'subpackages/account/identity/index', options: {} });
    taro.pages.push({ route: 'subpackages/account/sign-in/index', options: {} });
    leaveSignIn(routes.identity);
    expect(taro.navigateBack).toHaveBeenCalledWith({ delta: 1 });
    expect(taro.redirectTo).not.toHaveBeenCalled();
  });

  it('opens the page again when it is no longer below (its form restores its draft)', () => {
    taro.pages.push({ route: 'subpackages/account/sign-in/index', options: {} });
    leaveSignIn(encodeURIComponent('/subpackages/account/family-links/index'));
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.familyLinks });
  });

  it('switches to a tab page, and to 我的 without a redirect', () => {
    leaveSignIn(undefined);
    expect(taro.switchTab).toHaveBeenCalledWith({ url: routes.mine });
    leaveSignIn('/pages/services/index');
    expect(taro.switchTab).toHaveBeenLastCalledWith({ url: routes.services });
  });

  it('goes to the given fallback (the workbench, for staff)', () => {
    leaveSignIn(undefined, routes.workbench);
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.workbench });
  });
});

describe('openSignIn', () => {
  it('remembers the current page', async () => {
    taro.pages.push({ route: 'subpackages/services/detail/index', options: { code: 'appeal' } });
    openSignIn();
    await Promise.resolve();
    expect(taro.navigateTo).toHaveBeenCalledWith({
      url: `${routes.signIn}?redirect=${encodeURIComponent('/subpackages/services/detail/index?code=appeal')}`,
    });
  });
});
