export default definePageConfig({ navigationBarTitleText: '我的证明' });
