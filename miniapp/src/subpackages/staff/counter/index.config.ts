export default definePageConfig({
  navigationBarTitleText: '窗口代办',
});
