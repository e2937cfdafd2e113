import { PropsWithChildren } from 'react';
import { useDidShow } from '@tarojs/taro';
import { refreshUnreadBadge } from './features/messages/badge';
import './app.scss';

/** The app shell: pages render inside it. Each time the app comes back, the 消息 tab's unread badge is brought up to date. */
function App({ children }: PropsWithChildren) {
  useDidShow(() => void refreshUnreadBadge());
  return children;
}

export default App;
