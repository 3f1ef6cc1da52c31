export default definePageConfig({
  navigationBarTitleText: '政策与公告',
  enablePullDownRefresh: false,
  onReachBottomDistance: 120,
});
