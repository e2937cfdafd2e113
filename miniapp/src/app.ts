import { PropsWithChildren, useEffect } from 'react';
import { useDidShow } from '@tarojs/taro';
import { refreshUnreadBadge } from './features/messages/badge';
import { usePreferences } from './preferences';
import { applyDocument, applyTabBarTexts } from './preferences/chrome';
import './app.scss';
// Elder mode's overrides for every page (Screen sets the class): global, so loaded once.
import './components/elder.scss';

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
