export default definePageConfig({
  navigationBarTitleText: '城市通',
  enablePullDownRefresh: true,
});
