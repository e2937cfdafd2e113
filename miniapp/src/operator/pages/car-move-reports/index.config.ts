export default definePageConfig({ navigationBarTitleText: '挪车举报审核' });
