export default definePageConfig({
  navigationBarTitleText: '排班规则',
});
