export default definePageConfig({
  navigationBarTitleText: '预约法律咨询',
});
