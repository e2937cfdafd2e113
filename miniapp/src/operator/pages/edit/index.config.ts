export default definePageConfig({ navigationBarTitleText: '编辑磁贴' });
