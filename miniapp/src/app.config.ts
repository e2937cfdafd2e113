// Main package ≤ 600 KB on every platform (issue 20): besides the four tabs, each page is a
// subpackage of its own, rooted at its own folder, so its path (/pages/records/index) stays the
// one tiles, messages and links use; it downloads when first opened, with what only it uses.
const OWN_PACKAGE_PAGES = [
  'service',
  'realname',
  'phone',
  'face',
  'link-proof',
  'car-move',
  'car-move-status',
  'car-move-answer',
  'apply',
  'applications',
  'application',
  'submitted',
  'privacy',
  'terms',
  'licences',
  'licence',
  'book',
  'appointments',
  'records',
  'faq',
  'ask',
  'consultations',
  'progress',
  'payment',
  'receipts',
  'documents',
  'document',
  'rate',
];

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/services/index', 'pages/messages/index', 'pages/me/index'],
  subPackages: [
    ...OWN_PACKAGE_PAGES.map((page) => ({ root: `pages/${page}`, pages: ['index'] })),
    // The operator console: a subpackage, so citizens never download it.
    {
      root: 'operator',
      pages: [
        'pages/login/index',
        'pages/tiles/index',
        'pages/edit/index',
        'pages/audit/index',
        'pages/agencies/index',
        'pages/operators/index',
        'pages/verify/index',
        'pages/car-move-reports/index',
        'pages/notices/index',
        'pages/services/index',
        'pages/service/index',
        'pages/inquiry/index',
        'pages/halls/index',
        'pages/ratings/index',
        'pages/payments/index',
      ],
    },
    // 生活缴费: bind a household account, its bill (paid on pages/payment): a subpackage, loaded when a fee tile opens it.
    {
      root: 'fees',
      pages: ['pages/bills/index', 'pages/bill/index'],
    },
    // 挪车码 (issue 21): 我的车辆 and the page a scanned code opens (no sign-in; WeChat maps the code's /m/ address here).
    { root: 'car-owner', pages: ['pages/vehicles/index', 'pages/scan/index'] },
    // 家人代办 (issue 17): relations from the register and the 为谁办理 switch, and 授权他人代办; the banner itself is in Screen (main package).
    { root: 'family', pages: ['pages/members/index', 'pages/grant/index'] },
    // 查 cards published in the console (issue 15): a tile opens one with its id.
    { root: 'inquiry', pages: ['pages/card/index'] },
  ],
  // Opening home downloads, in the background, the subpackages a citizen most often opens
  // next (a service's page, its form, car moving, records), so that first tap does not wait
  // for a download. WeChat, Alipay and Baidu each read preloadRule (roots; 'all' networks;
  // WeChat caps one page's preloads at 2 MB, these are tens of KB). H5 pages are chunks.
  ...(process.env.TARO_ENV !== 'h5'
    ? {
        preloadRule: {
          'pages/home/index': {
            network: 'all',
            packages: ['pages/service', 'pages/apply', 'pages/car-move', 'pages/records'],
          },
        },
      }
    : {}),
  // WeChat: a 12345 question may carry where the citizen is (pages/ask), only when they allow it.
  permission: { 'scope.userLocation': { desc: '向12345反映问题时附上您所在的位置' } },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // H5 only: no sliding page transitions. Taro's H5 router hides the page left behind on a
  // timer that going back does not cancel: back within the animation (a quick tap, or any tap
  // on a slow phone) left 我的 blank (seen in CI at load 5). Mini-programs animate natively.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
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
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/services/index',
        text: '办事',
        iconPath: 'assets/tab/services.png',
        selectedIconPath: 'assets/tab/services-active.png',
      },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tab/messages.png',
        selectedIconPath: 'assets/tab/messages-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
