export default definePageConfig({
  navigationBarTitleText: '受影响的预约',
});
