export default definePageConfig({ navigationBarTitleText: '确认是您本人' });
