export default definePageConfig({ navigationBarTitleText: '人脸认证' });
