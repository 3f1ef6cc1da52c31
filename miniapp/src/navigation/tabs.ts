/**
 * The three tabs, in order: app.config.ts builds the native tab bar from this list, and care mode's own tab bar
 * (features/care-mode/CareTabBar) draws the same tabs larger. Plain data: the Taro CLI reads app.config in Node.
 */
export const tabs = [
  {
    key: 'home',
    pagePath: 'pages/index/index',
    text: '首页',
    iconPath: 'assets/tab-home.png',
    selectedIconPath: 'assets/tab-home-active.png',
  },
  {
    key: 'services',
    pagePath: 'pages/services/index',
    text: '办事',
    iconPath: 'assets/tab-services.png',
    selectedIconPath: 'assets/tab-services-active.png',
  },
  {
    key: 'mine',
    pagePath: 'pages/mine/index',
    text: '我的',
    iconPath: 'assets/tab-mine.png',
    selectedIconPath: 'assets/tab-mine-active.png',
  },
] as const;

export type TabKey = (typeof tabs)[number]['key'];

/** The tab whose badge carries the unread count. */
export const UNREAD_TAB: TabKey = 'mine';
