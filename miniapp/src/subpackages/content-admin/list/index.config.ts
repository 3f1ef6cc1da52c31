export default definePageConfig({
  navigationBarTitleText: '文章管理',
  onReachBottomDistance: 120,
});
