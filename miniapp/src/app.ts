import Taro from '@tarojs/taro';
import { configureZod } from '@veterans/shared';
import type { PropsWithChildren } from 'react';
import { listenForPrivacyAuthorization } from './features/privacy/wechat-privacy';
import { fetchRequestOpenedBy } from './features/requests/early-detail';
import { keepNavigationBarAccessible } from './h5/navigation-bar';
import { keepPagesScrollableByKeyboard } from './h5/page-region';
import { keepRootFontSize } from './h5/root-font-size';
import { routes } from './navigation/routes';
import './app.css';

// Chinese validation messages; `jitless` because WeChat refuses the `new Function` zod would otherwise use.
configureZod({ jitless: true });
// Mini-program: answer WeChat's privacy authorisation requests with our own prompt (no-op on H5).
listenForPrivacyAuthorization();
// H5: the rem base for Taro's px conversion (index.html may not carry it as an inline script; see the module).
if (process.env.TARO_ENV === 'h5') {
  keepRootFontSize();
  // Taro's navigation bar buttons: a role, a name and a touch-target size (see the module).
  keepNavigationBarAccessible();
  // Opened on a request's detail: its data is on its way while the page's script loads (see the module).
  fetchRequestOpenedBy(window.location.pathname, window.location.search);
  // Each page's scrolling container: a focusable, named region (see the module).
  keepPagesScrollableByKeyboard();
}
// An unknown address (an old link, a typo) shows 页面不存在 with a way home instead of a blank page.
Taro.onPageNotFound(() => {
  void Taro.redirectTo({ url: routes.notFound });
});

export default function App({ children }: PropsWithChildren) {
  return children;
}
