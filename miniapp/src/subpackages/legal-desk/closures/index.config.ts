export default definePageConfig({
  navigationBarTitleText: '停诊安排',
});
