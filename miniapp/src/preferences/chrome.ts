import Taro from '@tarojs/taro';
import { preferences, t } from './index';

/**
 * What the platform draws around our pages (tab bar, navigation bar; on H5 the
 * document) follows the language too. app.config.ts holds the Chinese words, which
 * are what a platform shows before any code runs; these calls replace them.
 * Fire and forget: the tab bar APIs fail on a page that is not a tab (WeChat), and
 * Taro's H5 versions only answer once its tab bar is on screen, so nothing waits on them.
 */

/** The tab bar in app.config.ts order. */
export const TAB_TEXTS: ReadonlyArray<readonly [string, string]> = [
  ['首页', 'Home'],
  ['办事', 'Services'],
  ['消息', 'Messages'],
  ['我的', 'Me'],
];

/** Swallows a rejected platform call: failures here are expected and harmless. */
function quietly(run: () => unknown): void {
  try {
    const result = run();
    if (result && typeof (result as Promise<unknown>).catch === 'function')
      void (result as Promise<unknown>).catch(() => undefined);
  } catch {
    // the platform has no such API, or refused synchronously
  }
}

/** Sets the four tab texts in the current language. */
export function applyTabBarTexts(): void {
  // Written out as Taro.setTabBarItem, not looked up by name: on H5 Taro's build turns
  // each `Taro.api` into an import of that API, and a name looked up at run time is not there.
  if (typeof Taro.setTabBarItem !== 'function') return;
  TAB_TEXTS.forEach(([zh, en], index) => quietly(() => Taro.setTabBarItem({ index, text: t(zh, en) })));
}

const TAB_PATHS = new Set(['/pages/home/index', '/pages/services/index', '/pages/messages/index', '/pages/me/index']);

/**
 * Whether the page on screen is one of the tabs (WeChat refuses tab bar calls from any
 * other page). True when the platform cannot say: the call is harmless then.
 */
export function onTabPage(): boolean {
  try {
    const path = Taro.getCurrentInstance?.()?.router?.path;
    const page = `/${(path ?? '').split('?')[0].replace(/^\//, '')}`;
    // The H5 build's first page may report '/' (the home tab).
    return page === '/' || TAB_PATHS.has(page);
  } catch {
    return true;
  }
}

/** The navigation bar title of the page on screen. */
export function applyNavigationTitle(title: readonly [string, string]): void {
  if (typeof Taro.setNavigationBarTitle !== 'function') return;
  quietly(() => Taro.setNavigationBarTitle({ title: t(title[0], title[1]) }));
}

/**
 * H5 only: the document's language (screen readers pick their voice by it) and a class
 * on <body> for elder mode, so the tab bar, drawn outside our pages, can grow too.
 */
export function applyDocument(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  const { locale, elder, textSize } = preferences();
  document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
  document.body?.classList.toggle('citizen-elder', elder);
  document.body?.classList.toggle('citizen-elder--larger', elder && textSize === 'larger');
}
