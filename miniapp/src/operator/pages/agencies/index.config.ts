export default definePageConfig({ navigationBarTitleText: '部门系统状态' });
