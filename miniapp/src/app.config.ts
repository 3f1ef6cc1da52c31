import { palette } from './theme/tokens';

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/services/index', 'pages/mine/index'],
  // Pages reached from a tab live in subpackages to keep the main package small.
  subPackages: [{ root: 'subpackages/services', pages: ['detail/index'] }],
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
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab-home.png',
        selectedIconPath: 'assets/tab-home-active.png',
      },
      {
        pagePath: 'pages/services/index',
        text: '办事',
        iconPath: 'assets/tab-services.png',
        selectedIconPath: 'assets/tab-services-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab-mine.png',
        selectedIconPath: 'assets/tab-mine-active.png',
      },
    ],
  },
});
