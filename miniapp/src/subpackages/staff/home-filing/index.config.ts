export default definePageConfig({
  navigationBarTitleText: '入户办理',
});
