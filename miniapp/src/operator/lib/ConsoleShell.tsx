import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { setPreferences, usePreferences, useT } from '../../preferences';
import { pair } from '../../preferences/format';
import { Screen } from '../../components/Screen';
import { operatorSession, roleName, saveOperatorSession } from './session';
import './console.scss';

// Each section with the least role that may use it (the BFF checks the same on every call).
const NAV = [
  { url: '/operator/pages/tiles/index', label: ['服务磁贴', 'Tiles'], role: 'EDITOR' },
  { url: '/operator/pages/notices/index', label: ['首页公告', 'Home notices'], role: 'EDITOR' },
  { url: '/operator/pages/services/index', label: ['办事服务', 'Services'], role: 'EDITOR' },
  { url: '/operator/pages/inquiry/index', label: ['查询卡片', 'Inquiry cards'], role: 'EDITOR' },
  { url: '/operator/pages/halls/index', label: ['办事大厅', 'Service halls'], role: 'EDITOR' },
  { url: '/operator/pages/audit/index', label: ['操作日志', 'Audit log'], role: 'EDITOR' },
  { url: '/operator/pages/agencies/index', label: ['部门系统状态', 'Department systems'], role: 'EDITOR' },
  // Upholding a report can suspend a citizen: a publisher's or an admin's call.
  { url: '/operator/pages/car-move-reports/index', label: ['挪车举报', 'Car-moving reports'], role: 'PUBLISHER' },
  { url: '/operator/pages/ratings/index', label: ['好差评跟进', 'Rating follow-ups'], role: 'PUBLISHER' },
  { url: '/operator/pages/payments/index', label: ['缴费管理', 'Payments'], role: 'PUBLISHER' },
  { url: '/operator/pages/operators/index', label: ['操作员', 'Operators'], role: 'ADMIN' },
  // Every role may check a licence code (CLERK is the lowest role).
  { url: '/operator/pages/verify/index', label: ['亮证核验', 'Licence check'], role: 'CLERK' },
] as const;

const RANK: Record<string, number> = { CLERK: 0, EDITOR: 1, PUBLISHER: 2, ADMIN: 3 };

/**
 * The console frame: who is signed in, the sections, the language, sign-out. Laid out
 * for a desktop browser, usable on a phone. It keeps its own sizes in elder mode
 * (a tool for staff, in fixed PX), but follows the language like every screen.
 */
export function ConsoleShell({ title, children }: { title: string | readonly [string, string]; children: ReactNode }) {
  const t = useT();
  const { locale } = usePreferences();
  const session = operatorSession();
  // A title may come already in the citizen's language (a page that calls useT itself).
  const both = typeof title === 'string' ? ([title, title] as const) : title;
  return (
    <Screen title={both} className='console' elderAllowed={false}>
      <View className='console__bar'>
        <Text className='console__brand'>{t('城市通 · 运营后台', 'City Services · Console')}</Text>
        <View className='console__nav'>
          {NAV.filter((item) => RANK[session?.operator.role ?? 'CLERK'] >= RANK[item.role]).map((item) => (
            <View
              key={item.url}
              className='console__link'
              role='link'
              aria-label={pair(item.label)}
              onClick={() => void Taro.redirectTo({ url: item.url })}
            >
              <Text>{pair(item.label)}</Text>
            </View>
          ))}
        </View>
        {/* Each language named in itself, so it can be found by someone who cannot read the other. */}
        <View
          className='console__link console__language'
          role='button'
          aria-label={locale === 'en' ? '中文' : 'English'}
          onClick={() => setPreferences({ locale: locale === 'en' ? 'zh' : 'en' })}
        >
          <Text>{locale === 'en' ? '中文' : 'English'}</Text>
        </View>
        {session ? (
          <View
            className='console__who'
            role='button'
            onClick={() => {
              saveOperatorSession(null);
              void Taro.redirectTo({ url: '/operator/pages/login/index' });
            }}
          >
            <Text>
              {t(
                `${session.operator.username}（${roleName(session.operator.role)}）退出`,
                `${session.operator.username} (${roleName(session.operator.role)}) · Sign out`,
              )}
            </Text>
          </View>
        ) : null}
      </View>
      <View className='console__main'>
        <Text className='console__title'>{t(...both)}</Text>
        {children}
      </View>
    </Screen>
  );
}
