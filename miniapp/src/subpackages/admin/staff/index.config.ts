export default definePageConfig({
  navigationBarTitleText: '人员账号',
});
