import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MarkAllMessagesReadDocument, MarkMessageReadDocument, MyMessagesDocument, type MessageFieldsFragment } from '@citizen/shared';
import { authed, cachedMe } from '../../features/identity/session';
import { showUnreadBadge } from '../../features/messages/badge';
import { chinaDateTime } from '../../features/applications/labels';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { openAppPage } from '../../components/navigation';
import type { ApiError } from '../../api/client';
import '../../components/form.scss';
import '../../features/applications/applications.scss';
import './index.scss';

const PAGE_SIZE = 20;

/** Messages about the citizen's affairs (applications, car moving…), newest first; tapping one opens what it is about. */
export default function MessagesPage() {
  const [signedIn, setSignedIn] = useState(() => cachedMe() !== null);
  const [messages, setMessages] = useState<MessageFieldsFragment[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  async function refresh() {
    // The list never signs anyone in: a citizen who is not signed in here is asked to on 我的.
    if (!cachedMe()) {
      setSignedIn(false);
      return showUnreadBadge(0);
    }
    setSignedIn(true);
    const ticket = ++latest.current;
    const result = await authed(MyMessagesDocument, { first: PAGE_SIZE, after: null });
    if (ticket !== latest.current) return;
    if (!result.data) return setError(result.errors[0]);
    setError(null);
    setMessages(result.data.myMessages.items);
    setCursor(result.data.myMessages.nextCursor);
    setUnread(result.data.myMessages.unread);
    showUnreadBadge(result.data.myMessages.unread);
  }

  async function more() {
    if (!cursor || busy) return;
    setBusy(true);
    const result = await authed(MyMessagesDocument, { first: PAGE_SIZE, after: cursor });
    setBusy(false);
    if (!result.data) return setError(result.errors[0]);
    setMessages((current) => {
      const seen = new Set((current ?? []).map((m) => m.id));
      return [...(current ?? []), ...result.data!.myMessages.items.filter((m) => !seen.has(m.id))];
    });
    setCursor(result.data.myMessages.nextCursor);
  }

  async function open(message: MessageFieldsFragment) {
    if (!message.read) {
      // Shown read at once; the count follows the BFF's answer.
      setMessages((list) => list?.map((m) => (m.id === message.id ? { ...m, read: true } : m)) ?? null);
      const next = Math.max(0, unread - 1);
      setUnread(next);
      showUnreadBadge(next);
      void authed(MarkMessageReadDocument, { id: message.id });
    }
    if (message.link) openAppPage(message.link);
  }

  async function readAll() {
    setBusy(true);
    const result = await authed(MarkAllMessagesReadDocument, {});
    setBusy(false);
    if (!result.data) return setError(result.errors[0]);
    setMessages((list) => list?.map((m) => ({ ...m, read: true })) ?? null);
    setUnread(0);
    showUnreadBadge(0);
  }

  useDidShow(() => void refresh());
  usePullDownRefresh(() => {
    void refresh().finally(() => Taro.stopPullDownRefresh());
  });

  if (!signedIn) {
    return (
      <View className='list messages'>
        <Empty label='登录后，办件进度、挪车和预约提醒会显示在这里。请在「我的」页面登录。' />
        <ActionButton className='primary-button' label='去登录' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })} />
      </View>
    );
  }
  if (!messages && error) return <ErrorState error={error} onRetry={() => void refresh()} />;
  if (!messages) return <Loading />;

  return (
    <View className='list messages'>
      {error ? <Notice kind='error'>{error.message}</Notice> : null}
      {messages.length === 0 ? (
        <Empty label='暂无消息。办件进度、挪车和预约提醒会显示在这里。' />
      ) : (
        <View>
          <View className='list__toolbar'>
            <Text className='messages__count'>{unread > 0 ? `${unread} 条未读` : '全部已读'}</Text>
            <ActionButton className='secondary-button messages__read-all' label='全部已读' onClick={() => void readAll()} disabled={unread === 0 || busy} />
          </View>
          {messages.map((message) => (
            <View
              key={message.id}
              className={`list__row messages__row${message.read ? '' : ' messages__row--unread'}`}
              role='button'
              aria-label={`${message.read ? '' : '未读，'}${message.title}`}
              data-message-id={message.id}
              onClick={() => void open(message)}
            >
              <View className='list__row-head'>
                {message.read ? null : <View className='messages__dot' />}
                <Text className='list__title'>{message.title}</Text>
                {message.read ? null : <Text className='messages__unread'>未读</Text>}
              </View>
              <Text className='list__line'>{message.body}</Text>
              <Text className='list__line'>{chinaDateTime(message.createdAt)}{message.link ? '　查看详情 ›' : ''}</Text>
            </View>
          ))}
          {cursor ? <ActionButton className='secondary-button messages__more' label={busy ? '正在加载…' : '加载更多'} onClick={() => void more()} disabled={busy} /> : null}
        </View>
      )}
    </View>
  );
}
