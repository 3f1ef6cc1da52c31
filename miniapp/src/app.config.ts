import { tabs } from './navigation/tabs';
import { palette } from './theme/tokens';

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/services/index', 'pages/mine/index'],
  // Pages reached from a tab live in subpackages to keep the main package small; staff pages have their own.
  subPackages: [
    { root: 'subpackages/services', pages: ['detail/index', 'not-found/index', 'contact/index'] },
    { root: 'subpackages/articles', pages: ['list/index', 'detail/index'] },
    { root: 'subpackages/content-admin', pages: ['list/index', 'edit/index'] },
    { root: 'subpackages/staff-stats', pages: ['overview/index'] },
    {
      root: 'subpackages/admin',
      pages: ['units/index', 'staff/index', 'roster/index', 'audit/index', 'calendar/index', 'banks/index'],
    },
    {
      root: 'subpackages/account',
      pages: [
        'sign-in/index',
        'identity/index',
        'phone/index',
        'family-links/index',
        'privacy-policy/index',
        'export/index',
        'counter-claim/index',
      ],
    },
    {
      root: 'subpackages/requests',
      pages: ['form/index', 'list/index', 'detail/index', 'inbox/index', 'home-filing/index'],
    },
    {
      root: 'subpackages/staff',
      pages: [
        'sign-in/index',
        'change-password/index',
        'workbench/index',
        'queue/index',
        'request/index',
        'verifications/index',
        'family-links/index',
        'follow-ups/index',
        'inbox/index',
        'canned-replies/index',
        'counter/index',
        'counter-receipt/index',
        'home-filing/index',
      ],
    },
    {
      root: 'subpackages/legal',
      pages: ['consult/index', 'book/index', 'confirmation/index', 'mine/index', 'records/index'],
    },
    {
      root: 'subpackages/legal-desk',
      pages: [
        'day/index',
        'walk-in/index',
        'record/index',
        'records/index',
        'impacts/index',
        'rules/index',
        'rule/index',
        'closures/index',
      ],
    },
  ],
  // WeChat's privacy authorisation (onNeedPrivacyAuthorization + agreePrivacyAuthorization buttons).
  ...(process.env.TARO_ENV === 'weapp' ? { __usePrivacyCheck__: true } : {}),
  window: {
    // Also makes the H5 build draw Taro's navigation bar (title and back button), as in WeChat.
    navigationStyle: 'default',
    navigationBarTitleText: '退役军人服务通',
    navigationBarBackgroundColor: palette.primary,
    navigationBarTextStyle: 'white',
    backgroundColor: palette.background,
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: palette.textSecondary,
    selectedColor: palette.primary,
    backgroundColor: palette.surface,
    borderStyle: 'black',
    list: tabs.map(({ pagePath, text, iconPath, selectedIconPath }) => ({
      pagePath,
      text,
      iconPath,
      selectedIconPath,
    })),
  },
});
