export default definePageConfig({ navigationBarTitleText: '一键挪车' });
