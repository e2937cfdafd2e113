export default definePageConfig({ navigationBarTitleText: '办事服务' });
