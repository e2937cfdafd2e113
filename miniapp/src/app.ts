import { PropsWithChildren, useEffect } from 'react';
import { useDidShow } from '@tarojs/taro';
import { refreshUnreadBadge } from './features/messages/badge';
import { refreshActing } from './features/family/acting';
import { cachedMe } from './features/identity/session';
import { usePreferences } from './preferences';
import { applyDocument, applyTabBarTexts } from './preferences/chrome';
import { enableKeyboardControls } from './components/keyboard';
import { watchHomeShell } from './features/catalogue/shell';
import './app.scss';
// Elder mode's overrides for every page (Screen sets the class): global, so loaded once.
import './components/elder.scss';
// The acting banner every page's Screen may draw (issue 17): global for the same reason.
import './features/family/acting-banner.scss';

// Focus rings and placeholder contrast, in selectors only a browser's CSS takes.
if (process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- inside the branch, so other platforms' builds drop it
  require('./components/h5.scss');
  enableKeyboardControls();
  // The server-drawn home (index.html) gives way at once when the app starts on another page.
  watchHomeShell();
}

/**
 * The app shell: pages render inside it. Each time the app comes back, the 消息 tab's
 * unread badge is brought up to date and the tab bar is put in the citizen's language
 * (the platform starts from app.config.ts's Chinese words); a language or elder-mode
 * change does the same at once.
 */
function App({ children }: PropsWithChildren) {
  const { locale, elder, textSize } = usePreferences();
  useDidShow(() => {
    void refreshUnreadBadge();
    // The acting banner follows the BFF: the choice may have ended (a birthday) while the app was away.
    if ((cachedMe()?.level ?? 0) >= 2) void refreshActing();
    applyTabBarTexts();
    applyDocument();
  });
  useEffect(() => {
    applyTabBarTexts();
    applyDocument();
  }, [locale, elder, textSize]);
  return children;
}

export default App;
