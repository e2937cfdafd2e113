export default definePageConfig({ navigationBarTitleText: '操作员' });
