export default definePageConfig({ navigationBarTitleText: '挪车提醒' });
