export default definePageConfig({ navigationBarTitleText: '挪车码' });
