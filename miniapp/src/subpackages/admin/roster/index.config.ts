export default definePageConfig({
  navigationBarTitleText: '花名册导入',
});
