import { describe, expect, it } from 'vitest';
import { pathOf, routes, safeRedirect, urlOfPage, withQuery } from './routes';

describe('withQuery', () => {
  it('encodes values and leaves out missing ones', () => {
    expect(withQuery(routes.signIn, { redirect: '/pages/mine/index', staff: undefined })).toBe(
      `${routes.signIn}?redirect=${encodeURIComponent('/pages/mine/index')}`,
    );
    expect(withQuery(routes.mine)).toBe(routes.mine);
  });
});

describe('urlOfPage', () => {
  it('reads a mini-program page (route without slash, options object)', () => {
    expect(urlOfPage({ route: 'subpackages/services/detail/index', options: { code: 'appeal' } })).toBe(
      '/subpackages/services/detail/index?code=appeal',
    );
  });

  it('reads an H5 page (path with its query) and drops the router’s own keys', () => {
    expect(
      urlOfPage({
        route: '/subpackages/account/identity/index',
        path: '/subpackages/account/identity/index?stamp=3&x=1',
      }),
    ).toBe('/subpackages/account/identity/index?x=1');
    expect(urlOfPage({ route: 'pages/mine/index', options: { $taroTimestamp: 123 } })).toBe('/pages/mine/index');
  });
});

describe('safeRedirect', () => {
  it('accepts our own pages, encoded or not', () => {
    expect(safeRedirect('/subpackages/account/identity/index', routes.mine)).toBe(routes.identity);
    expect(safeRedirect(encodeURIComponent('/subpackages/services/detail/index?code=appeal'), routes.mine)).toBe(
      '/subpackages/services/detail/index?code=appeal',
    );
  });

  it('drops the query of a tab page', () => {
    expect(safeRedirect('/pages/mine/index?x=1', routes.home)).toBe(routes.mine);
  });

  it('falls back for anything else: missing, foreign, unknown or a sign-in page', () => {
    expect(safeRedirect(undefined, routes.mine)).toBe(routes.mine);
    expect(safeRedirect('https://example.com/', routes.mine)).toBe(routes.mine);
    expect(safeRedirect('//example.com/pages/mine/index', routes.mine)).toBe(routes.mine);
    expect(safeRedirect('/pages/nope/index', routes.mine)).toBe(routes.mine);
    expect(safeRedirect(routes.signIn, routes.mine)).toBe(routes.mine);
    expect(safeRedirect('%E0%A4%A', routes.mine)).toBe(routes.mine);
  });

  it('keeps only the path part for comparisons', () => {
    expect(pathOf('pages/mine/index?x=1')).toBe('/pages/mine/index');
  });
});
