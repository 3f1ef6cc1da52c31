import Taro from '@tarojs/taro';
import { type PageLike, pathOf, routes, safeRedirect, signInPages, tabPages, urlOfPage, withQuery } from './routes';

function pageStack(): PageLike[] {
  try {
    return Taro.getCurrentPages() as PageLike[];
  } catch {
    return [];
  }
}

/** Where the user is now (path and query), or undefined before the first page has loaded. */
export function currentPageUrl(): string | undefined {
  const top = pageStack().at(-1);
  return top ? urlOfPage(top) : undefined;
}

/** Opens any of our pages: tab pages by switchTab (they take no query), the rest by navigateTo. */
export function openPage(url: string): void {
  const path = pathOf(url);
  if (tabPages.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}

let signInOpening = false;

/**
 * Sends the user to sign in, remembering where they were (`redirect`) so that they come back to it. Several
 * failing requests at once open it only once; nothing happens when a sign-in page is already showing.
 */
export function openSignIn({ staff = false, redirect }: { staff?: boolean; redirect?: string } = {}): void {
  const here = currentPageUrl();
  if (signInOpening || (here && signInPages.includes(pathOf(here)))) return;
  const back = redirect ?? here;
  signInOpening = true;
  Promise.resolve(Taro.navigateTo({ url: withQuery(staff ? routes.staffSignIn : routes.signIn, { redirect: back }) }))
    .catch(() => undefined)
    .finally(() => {
      signInOpening = false;
    });
}

/** A staff account with a temporary password: nothing else works until it is changed. */
export function openChangePassword(): void {
  const here = currentPageUrl();
  if (here && pathOf(here) === routes.changePassword) return;
  void Taro.navigateTo({ url: withQuery(routes.changePassword, { redirect: here }) });
}

/**
 * After signing in: back to where the user was. When that page is still below in the stack (the usual case),
 * it is simply uncovered, with everything typed into it; otherwise it opens again (forms restore their drafts).
 */
export function leaveSignIn(redirect: string | undefined, fallback: string = routes.mine): void {
  const target = safeRedirect(redirect, fallback);
  const path = pathOf(target);
  if (tabPages.includes(path)) {
    void Taro.switchTab({ url: path });
    return;
  }
  const stack = pageStack();
  const below = stack.at(-2);
  if (below && pathOf(urlOfPage(below)) === path) {
    void Taro.navigateBack({ delta: 1 });
    return;
  }
  void Taro.redirectTo({ url: target });
}
