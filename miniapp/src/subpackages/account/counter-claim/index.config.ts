export default definePageConfig({
  navigationBarTitleText: '认领窗口办件',
});
