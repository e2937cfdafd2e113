export default definePageConfig({ navigationBarTitleText: '挪车进度' });
