import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { type ReactNode, useEffect } from 'react';
import { CareModeOffer } from '../features/care-mode/CareModeOffer';
import { CareTabBar } from '../features/care-mode/CareTabBar';
import { usePageTheme } from '../features/care-mode/theme';
import { WechatPrivacyPrompt } from '../features/privacy/WechatPrivacyPrompt';
import { sizeNavigationBarButtons } from '../h5/navigation-bar';
import type { TabKey } from '../navigation/tabs';
import type { ThemeMode } from '../theme/tokens';
import './page-root.css';
import '../features/care-mode/care-mode.css';

interface PageRootProps {
  className: string;
  /**
   * Forces a mode. Left out, the page follows 关怀模式 (care mode: larger text and touch targets) whenever the
   * user turned it on — every veteran-facing page, through this one place; staff always get `standard`.
   */
  mode?: ThemeMode;
  /** Tab pages: which tab this is and the unread count of the badge (care mode draws its own, larger tab bar). */
  tab?: { current: TabKey; unread: number };
  children: ReactNode;
}

/**
 * The root of every page: carries the design tokens as CSS variables for everything inside it (care mode and,
 * on the mini-program, WeChat's font size included), the one-time care-mode offer for veterans aged 60 or over,
 * and on the mini-program the prompt WeChat's privacy check may need on any page.
 */
export function PageRoot({ className, mode, tab, children }: PageRootProps) {
  const theme = usePageTheme(mode);
  const care = theme.mode === 'care';
  const touchTarget = theme.style['--app-touch-target'];
  // H5: Taro's navigation bar (outside the page) takes the touch target of the page shown.
  const sizeBar = () => {
    if (process.env.TARO_ENV === 'h5') sizeNavigationBarButtons(touchTarget);
  };
  useEffect(sizeBar, [touchTarget]);
  useDidShow(sizeBar);
  const withTabBar = tab && care ? 'page-root--tab-bar' : '';
  return (
    <View className={`page-root page-root--${theme.mode} ${withTabBar} ${className}`} style={theme.style}>
      {children}
      {tab && <CareTabBar current={tab.current} unread={tab.unread} care={care} />}
      <CareModeOffer />
      {process.env.TARO_ENV === 'weapp' && <WechatPrivacyPrompt />}
    </View>
  );
}
