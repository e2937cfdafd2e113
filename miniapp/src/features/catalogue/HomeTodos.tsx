import { useCallback, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DashboardDocument, type DashboardQuery } from '@citizen/shared';
import { authed, cachedMe } from '../identity/session';
import { useT } from '../../preferences';
import { formatDay, localized } from '../../preferences/format';
import { openAppPage } from '../../components/navigation';
import { keyboardButton } from './keyboard';
import './home-sections.scss';

type Todo = DashboardQuery['dashboard']['todos'][number];
const SHOWN = 3;

/**
 * 待办 on home: what needs the citizen now (an application waiting on more information,
 * an appointment soon, unread messages, a licence or inspection due), from the same
 * dashboard query 我的 uses. Only for a citizen already signed in and verified (the
 * dashboard reads their records): home never signs anyone in by itself. It loads after
 * the tiles and refreshes each time home is shown; a failure leaves the section out.
 */
export function HomeTodos() {
  const t = useT();
  const [todos, setTodos] = useState<Todo[] | null>(null);
  const load = useCallback(() => {
    if ((cachedMe()?.level ?? 0) < 2) {
      setTodos(null);
      return;
    }
    void authed(DashboardDocument, {}).then((result) => setTodos(result.data ? result.data.dashboard.todos : null));
  }, []);
  useDidShow(load);
  if (!todos) return null;
  return (
    <View className='home-section home-todos' role='region' aria-label={t('待办', 'To do')}>
      <Text className='home-section__title'>{t('待办', 'To do')}</Text>
      {todos.length === 0 ? (
        <Text className='home-todos__none'>{t('暂无待办事项', 'Nothing needs you right now')}</Text>
      ) : (
        todos.slice(0, SHOWN).map((todo, i) => (
          <View
            key={`${todo.kind}-${i}`}
            className='home-todos__item'
            data-todo={todo.kind}
            {...keyboardButton(() => todo.link && openAppPage(todo.link))}
          >
            <Text className='home-todos__dot' aria-hidden='true'>
              ●
            </Text>
            <Text className='home-todos__text'>{localized(todo.title, todo.titleEn)}</Text>
            {todo.dueOn ? <Text className='home-todos__due'>{formatDay(todo.dueOn)}</Text> : null}
            <Text className='home-todos__chevron' aria-hidden='true'>
              ›
            </Text>
          </View>
        ))
      )}
      {todos.length > SHOWN ? (
        <View className='home-todos__all' {...keyboardButton(() => openAppPage('/pages/me/index'))}>
          <Text>{t(`全部 ${todos.length} 项待办 ›`, `All ${todos.length} to-dos ›`)}</Text>
        </View>
      ) : null}
    </View>
  );
}
