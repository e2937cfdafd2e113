export default definePageConfig({ navigationBarTitleText: '12345咨询' });
