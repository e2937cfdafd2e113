import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '@citizen/shared';
import { usePreferences, useT } from '../../preferences';
import { pressable } from '../../components/pressable';
import { isTabPage } from '../../components/navigation';
import { dismissEnded, stopActing, useActing } from './acting';
import { actingForText, relationName } from './labels';
// Its styles (acting-banner.scss) are global, loaded by app.ts.

export const FAMILY_PAGE = '/family/pages/members/index';

/**
 * Where the app goes after 切换回本人: every page in the stack was showing the family
 * member's data (a list of their applications, one of their cases), so the app starts
 * again from a page that is about oneself: the tab page in use, or 我的.
 */
function selfPage(): string {
  const path = `/${(Taro.getCurrentInstance?.()?.router?.path ?? '').replace(/^\//, '').split('?')[0]}`;
  if (isTabPage(path) || path === FAMILY_PAGE) return path;
  return '/pages/me/index';
}

/**
 * The line on every screen while the session acts for someone else (Screen draws it):
 * 正在为 王* 办理, and 切换回本人 as a real control (a tab stop, Enter). When the BFF
 * ended the acting on its own (the child came of age), it says so once instead.
 */
export function ActingBanner() {
  const tr = useT();
  const { locale } = usePreferences();
  const { acting, ended } = useActing();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (ended) {
    return (
      <View className='acting-banner acting-banner--ended' role='status'>
        <Text className='acting-banner__text'>{errorMessage('ACTING_RIGHT_ENDED', locale)}</Text>
        <View className='acting-banner__action' {...pressable(dismissEnded)}>
          <Text>{tr('知道了', 'OK')}</Text>
        </View>
      </View>
    );
  }
  if (!acting) return null;

  async function backToSelf() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const error = await stopActing();
    setBusy(false);
    if (error) return setProblem(error.message);
    const url = selfPage();
    void Taro.reLaunch({ url });
  }

  const who = actingForText(acting.maskedName);
  return (
    <View className='acting-banner'>
      <View className='acting-banner__who'>
        <Text className='acting-banner__text'>{who}</Text>
        <Text className='acting-banner__relation'>
          {tr(`（${relationName(acting.relation)}）`, ` (${relationName(acting.relation).toLowerCase()})`)}
        </Text>
      </View>
      <View
        className={`acting-banner__action acting-banner__back${busy ? ' acting-banner__action--busy' : ''}`}
        {...pressable(() => void backToSelf(), busy)}
      >
        <Text>{busy ? tr('正在切换…', 'Switching…') : tr('切换回本人', 'Back to myself')}</Text>
      </View>
      {problem ? (
        <View className='acting-banner__problem' role='alert'>
          <Text>{problem}</Text>
        </View>
      ) : null}
    </View>
  );
}
