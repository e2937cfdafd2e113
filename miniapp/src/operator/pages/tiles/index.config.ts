export default definePageConfig({ navigationBarTitleText: '服务磁贴' });
