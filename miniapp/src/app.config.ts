export default defineAppConfig({
  pages: ['pages/home/index', 'pages/services/index', 'pages/messages/index', 'pages/me/index', 'pages/service/index', 'pages/realname/index', 'pages/phone/index', 'pages/face/index', 'pages/car-move/index', 'pages/car-move-status/index', 'pages/car-move-answer/index', 'pages/apply/index', 'pages/applications/index', 'pages/application/index', 'pages/licences/index', 'pages/licence/index', 'pages/book/index', 'pages/appointments/index'],
  // The operator console: a subpackage, so citizens never download it.
  subPackages: [
    {
      root: 'operator',
      pages: ['pages/login/index', 'pages/tiles/index', 'pages/edit/index', 'pages/audit/index', 'pages/agencies/index', 'pages/operators/index', 'pages/verify/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6feb',
    navigationBarTitleText: '城市通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6fa',
  },
  tabBar: {
    color: '#5b6472',
    selectedColor: '#1f6feb',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/services/index', text: '办事', iconPath: 'assets/tab/services.png', selectedIconPath: 'assets/tab/services-active.png' },
      { pagePath: 'pages/messages/index', text: '消息', iconPath: 'assets/tab/messages.png', selectedIconPath: 'assets/tab/messages-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
