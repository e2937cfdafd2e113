import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { operatorSession, ROLE_NAMES, saveOperatorSession } from './session';
import './console.scss';

const NAV = [
  { url: '/operator/pages/tiles/index', label: '服务磁贴' },
  { url: '/operator/pages/audit/index', label: '操作日志' },
  { url: '/operator/pages/agencies/index', label: '部门系统状态' },
  { url: '/operator/pages/operators/index', label: '操作员' },
];

/** The console frame: who is signed in, the sections, sign-out. Laid out for a desktop browser, usable on a phone. */
export function ConsoleShell({ title, children }: { title: string; children: ReactNode }) {
  const session = operatorSession();
  return (
    <View className='console'>
      <View className='console__bar'>
        <Text className='console__brand'>城市通 · 运营后台</Text>
        <View className='console__nav'>
          {NAV.map((item) => (
            <View key={item.url} className='console__link' role='link' aria-label={item.label} onClick={() => void Taro.redirectTo({ url: item.url })}>
              <Text>{item.label}</Text>
            </View>
          ))}
        </View>
        {session ? (
          <View className='console__who' role='button' aria-label='退出' onClick={() => { saveOperatorSession(null); void Taro.redirectTo({ url: '/operator/pages/login/index' }); }}>
            <Text>{session.operator.username}（{ROLE_NAMES[session.operator.role]}）退出</Text>
          </View>
        ) : null}
      </View>
      <View className='console__main'>
        <Text className='console__title'>{title}</Text>
        {children}
      </View>
    </View>
  );
}
