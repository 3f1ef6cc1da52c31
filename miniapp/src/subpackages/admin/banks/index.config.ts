export default definePageConfig({
  navigationBarTitleText: '优待证合作银行',
});
