export default definePageConfig({ navigationBarTitleText: '证明文件' });
