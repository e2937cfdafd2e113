export default definePageConfig({ navigationBarTitleText: '授权他人代办' });
