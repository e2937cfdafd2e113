import { useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  MarkAllMessagesReadDocument,
  MarkMessageReadDocument,
  MyMessagesDocument,
  type MessageFieldsFragment,
} from '@citizen/shared';
import { authed, cachedMe } from '../../features/identity/session';
import { showUnreadBadge } from '../../features/messages/badge';
import { useT } from '../../preferences';
import { formatDateTime, localized } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { Notice } from '../../components/Notice';
import { Empty, ErrorState, Loading } from '../../components/StateView';
import { openAppPage } from '../../components/navigation';
import { pressable } from '../../components/pressable';
import type { ApiError } from '../../api/client';
import '../../components/form.scss';
import '../../features/applications/applications.scss';
import './index.scss';

const PAGE_SIZE = 20;
const TITLE = ['消息', 'Messages'] as const;

/** Messages about the citizen's affairs (applications, car moving…), newest first; tapping one opens what it is about. */
export default function MessagesPage() {
  const t = useT();
  const [signedIn, setSignedIn] = useState(() => cachedMe() !== null);
  const [messages, setMessages] = useState<MessageFieldsFragment[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);

  async function refresh() {
    // Signs in silently, as Me does (the platform knows who this is); only a citizen who
    // signed out here is asked to sign in again on 我的.
    const ticket = ++latest.current;
    const result = await authed(MyMessagesDocument, { first: PAGE_SIZE, after: null });
    if (ticket !== latest.current) return;
    if (result.errors[0]?.code === 'UNAUTHENTICATED') {
      setSignedIn(false);
      return showUnreadBadge(0);
    }
    setSignedIn(true);
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
      <Screen title={TITLE} className='list messages'>
        <Empty
          label={t(
            '登录后，办件进度、挪车和预约提醒会显示在这里。请在「我的」页面登录。',
            'Once you sign in, news about your applications, car moving and appointments appears here. Sign in on the Me tab.',
          )}
        />
        <ActionButton
          className='primary-button'
          label={t('去登录', 'Go to sign in')}
          onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}
        />
      </Screen>
    );
  }
  if (!messages && error) {
    return (
      <Screen title={TITLE}>
        <ErrorState error={error} onRetry={() => void refresh()} />
      </Screen>
    );
  }
  if (!messages) {
    return (
      <Screen title={TITLE}>
        <Loading />
      </Screen>
    );
  }

  return (
    <Screen title={TITLE} className='list messages'>
      {error ? <Notice kind='error'>{error.message}</Notice> : null}
      {messages.length === 0 ? (
        <Empty
          label={t(
            '暂无消息。办件进度、挪车和预约提醒会显示在这里。',
            'No messages yet. News about your applications, car moving and appointments will appear here.',
          )}
        />
      ) : (
        <View>
          <View className='list__toolbar messages__toolbar'>
            <Text className='messages__count'>
              {unread > 0 ? t(`${unread} 条未读`, `${unread} unread`) : t('全部已读', 'All read')}
            </Text>
            <ActionButton
              className='secondary-button messages__read-all'
              label={t('全部已读', 'Mark all read')}
              onClick={() => void readAll()}
              disabled={unread === 0 || busy}
            />
          </View>
          {messages.map((message) => {
            const title = localized(message.title, message.titleEn);
            return (
              <View
                key={message.id}
                className={`list__row messages__row${message.read ? '' : ' messages__row--unread'}`}
                // Named by what it shows (title, 未读, text, date), so what is heard is what is seen.
                {...pressable(() => void open(message))}
                data-message-id={message.id}
              >
                <View className='list__row-head'>
                  {message.read ? null : <View className='messages__dot' />}
                  <Text className='list__title'>{title}</Text>
                  {message.read ? null : <Text className='messages__unread'>{t('未读', 'Unread')}</Text>}
                </View>
                <Text className='list__line'>{localized(message.body, message.bodyEn)}</Text>
                <Text className='list__line'>
                  {formatDateTime(message.createdAt)}
                  {message.link ? t('　查看详情 ›', '  Details ›') : ''}
                </Text>
              </View>
            );
          })}
          {cursor ? (
            <ActionButton
              className='secondary-button messages__more'
              label={busy ? t('正在加载…', 'Loading…') : t('加载更多', 'Load more')}
              onClick={() => void more()}
              disabled={busy}
            />
          ) : null}
        </View>
      )}
    </Screen>
  );
}
