import Taro from '@tarojs/taro';

const TAB_PAGES = new Set(['/pages/home/index', '/pages/services/index', '/pages/messages/index', '/pages/me/index']);

/** Whether `path` ('/pages/me/index') is a tab page. */
export function isTabPage(path: string): boolean {
  return TAB_PAGES.has(path);
}

/** Back to the previous page, or to `fallback` (a tab) when this page was opened first (a shared link, a message). */
export function goBack(fallback = '/pages/home/index'): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: fallback });
}

/** Opens an app page: tabs need switchTab (and take no query), the rest navigateTo. */
export function openAppPage(url: string): void {
  const path = url.split('?')[0];
  if (TAB_PAGES.has(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}
