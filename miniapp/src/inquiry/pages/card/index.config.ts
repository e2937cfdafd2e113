export default definePageConfig({ navigationBarTitleText: '查询', enablePullDownRefresh: true });
