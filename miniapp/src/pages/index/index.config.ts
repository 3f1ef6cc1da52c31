export default definePageConfig({
  navigationBarTitleText: '退役军人服务通',
});
