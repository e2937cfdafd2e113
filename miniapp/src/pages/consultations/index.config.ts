export default definePageConfig({ navigationBarTitleText: '我的咨询', enablePullDownRefresh: true });
