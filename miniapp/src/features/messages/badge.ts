import Taro from '@tarojs/taro';
import { UnreadMessageCountDocument } from '@citizen/shared';
import { authed, cachedMe } from '../identity/session';

/** The 消息 tab's place in app.config.ts tabBar.list. */
export const MESSAGES_TAB_INDEX = 2;

/**
 * Shows the unread count on the 消息 tab, or clears it. Fire and forget: the tab bar
 * APIs fail on a page that is not a tab (WeChat), and Taro's H5 versions only answer
 * once its tab bar is on screen, so nothing may wait on them.
 */
export function showUnreadBadge(count: number): void {
  try {
    if (count > 0) {
      if (typeof Taro.setTabBarBadge === 'function')
        void Taro.setTabBarBadge({ index: MESSAGES_TAB_INDEX, text: count > 99 ? '99+' : String(count) }).catch(
          () => undefined,
        );
    } else if (typeof Taro.removeTabBarBadge === 'function')
      void Taro.removeTabBarBadge({ index: MESSAGES_TAB_INDEX }).catch(() => undefined);
  } catch {
    // A platform without a tab bar API: the list itself shows what is unread.
  }
}

let asking: Promise<void> | null = null;

/**
 * Asks the BFF for the unread count and shows it; for a citizen not signed in here
 * the badge is cleared and nothing is asked (the badge never signs anyone in). The
 * app and the tab it shows both ask when it comes back: they share one request.
 */
export function refreshUnreadBadge(): Promise<void> {
  if (!cachedMe()) {
    showUnreadBadge(0);
    return Promise.resolve();
  }
  asking ??= authed(UnreadMessageCountDocument, {})
    .then((result) => {
      if (result.data) showUnreadBadge(result.data.unreadMessageCount);
    })
    .finally(() => (asking = null));
  return asking;
}
