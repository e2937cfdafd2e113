import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DeleteMyAccountDocument, MeDocument, type MeFieldsFragment, type Platform } from '@citizen/shared';
import { askToSubscribe } from '../../features/messages/subscribe';
import { authed, cachedMe, forgetSession, onMeChange, signIn, signOut, updateMe } from '../../features/identity/session';
import { levelName } from '../../features/identity/levels';
import { platform } from '../../platform';
import { t, useT } from '../../preferences';
import { formatDate } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Loading } from '../../components/StateView';
import { Screen } from '../../components/Screen';
import { SettingsPanel } from '../../components/PreferenceControls';
import { useDialogs } from '../../components/dialogs';
import type { ApiError } from '../../api/client';
import '../../features/identity/identity.scss';
import './index.scss';
import '../../components/form.scss';

const TITLE = ['我的', 'Me'] as const;
const PLATFORM_NAMES: Record<Platform, readonly [string, string]> = { WECHAT: ['微信', 'WeChat'], ALIPAY: ['支付宝', 'Alipay'], BAIDU: ['百度', 'Baidu'], H5: ['网页', 'Web'] };
const platformName = (p: Platform) => t(...PLATFORM_NAMES[p]);

/**
 * The citizen's own page: verification status, masked identity, linked platforms,
 * the display settings (elder mode, text size, language), sign-out and deletion.
 */
export default function MePage() {
  const tr = useT();
  const dialogs = useDialogs();
  const [me, setMe] = useState<MeFieldsFragment | null>(cachedMe());
  const [loading, setLoading] = useState(!cachedMe());
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => onMeChange(setMe), []);

  async function refresh() {
    const result = await authed(MeDocument, {});
    setLoading(false);
    if (result.data) {
      updateMe(result.data.me);
      setError(null);
    } else setError(result.errors[0]);
  }
  useDidShow(() => void refresh());

  async function confirmDelete() {
    const confirmed = await dialogs.confirm({
      title: tr('注销账号', 'Delete account'),
      content: tr('将删除您在所有平台上的实名信息、手机号和登录状态，且无法恢复。确定注销？', 'This deletes your verified identity, phone number and sign-ins on every platform, and cannot be undone. Delete your account?'),
      confirmText: tr('注销', 'Delete'),
      danger: true,
    });
    if (!confirmed) return;
    const result = await authed(DeleteMyAccountDocument, { confirm: true });
    if (result.data?.deleteMyAccount) {
      forgetSession();
      dialogs.notify(tr('已注销', 'Account deleted'), { icon: 'success' });
    } else setError(result.errors[0]);
  }

  const go = (url: string) => void Taro.navigateTo({ url });

  // Runs inside the tap, as WeChat requires for the subscription prompt.
  async function subscribeCarMoveAlerts() {
    const { accepted, remaining } = await askToSubscribe('CAR_MOVE_ALERT');
    dialogs.notify(
      accepted && remaining !== null
        ? tr(`已订阅，可接收 ${remaining} 次挪车提醒`, `Subscribed: ${remaining} car-moving alerts to come`)
        : tr('未订阅，挪车提醒将以短信发送', 'Not subscribed: car-moving alerts will come by SMS'),
    );
  }


  if (loading) {
    return (
      <Screen title={TITLE} className='me'>
        <Loading />
        <SettingsPanel />
      </Screen>
    );
  }
  if (!me) {
    return (
      <Screen title={TITLE} className='me'>
        <View className='me__card'>
          <Text className='me__title'>{tr('未登录', 'Not signed in')}</Text>
          <Text className='me__text'>{error && error.code !== 'UNAUTHENTICATED' ? error.message : tr('登录后可办理需要身份核验的服务。', 'Sign in to use services that need to know who you are.')}</Text>
        </View>
        {dialogs.view}
        <ActionButton className='primary-button' label={tr('登录', 'Sign in')} onClick={() => void signIn().then((r) => (r.data ? refresh() : setError(r.errors[0])))} />
        <SettingsPanel />
      </Screen>
    );
  }

  return (
    <Screen title={TITLE} className='me'>
      <View className='me__card'>
        <Text className='me__title'>{me.realName?.maskedName ?? tr('未实名用户', 'Not yet verified')}</Text>
        <Text className={`level level--${me.level}`}>L{me.level} {levelName(me.level)}</Text>
        {me.realName ? <Text className='me__text me__id'>{tr('身份证号', 'ID number')} {me.realName.maskedIdNumber}</Text> : null}
        {me.maskedPhone ? <Text className='me__text me__phone'>{tr('手机号', 'Phone')} {me.maskedPhone}</Text> : null}
      </View>
      {error ? <Notice kind='error'>{error.message}</Notice> : null}
      {me.level < 2 ? <ActionButton className='primary-button' label={tr('去实名认证', 'Verify my real name')} onClick={() => go('/pages/realname/index?required=2')} /> : null}
      {me.level >= 2 && !me.maskedPhone ? <ActionButton className='primary-button' label={tr('绑定手机号', 'Add my phone number')} onClick={() => go('/pages/phone/index')} /> : null}
      {me.level === 2 ? <ActionButton className='primary-button' label={tr('人脸认证（L3）', 'Face verification (L3)')} onClick={() => go('/pages/face/index')} /> : null}
      {me.level >= 2 && platform.templates.CAR_MOVE_ALERT ? <ActionButton className='secondary-button' label={tr('订阅挪车提醒', 'Subscribe to car-moving alerts')} onClick={() => void subscribeCarMoveAlerts()} /> : null}
      <ActionButton className='secondary-button me__applications' label={tr('我的办件', 'My applications')} onClick={() => go('/pages/applications/index')} />
      <ActionButton className='secondary-button me__licences' label={tr('我的电子证照', 'My licences')} onClick={() => go('/pages/licences/index')} />
      <ActionButton className='secondary-button me__appointments' label={tr('我的预约', 'My appointments')} onClick={() => go('/pages/appointments/index')} />
      <ActionButton className='secondary-button' label={tr('一键挪车', 'Move a blocking car')} onClick={() => go('/pages/car-move/index')} />
      {me.linkedPlatforms.length > 0 ? (
        <View className='me__section'>
          <Text className='me__section-title'>{tr('已关联的平台', 'Linked platforms')}</Text>
          {me.linkedPlatforms.map((p) => (
            <View className='me__row' key={p.platform}>
              <Text>{platformName(p.platform)}{p.current ? tr('（当前）', ' (this one)') : ''}</Text>
              <Text className='me__muted'>{formatDate(p.linkedAt)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='me__row'>
        <Text>{tr('当前平台', 'This platform')}</Text>
        <Text>{platformName(me.platform)}</Text>
      </View>
      <SettingsPanel />
      {dialogs.view}
      <View className='me__actions'>
        <ActionButton className='secondary-button' label={tr('退出登录', 'Sign out')} onClick={() => void signOut()} />
        <ActionButton className='secondary-button me__delete' label={tr('注销账号', 'Delete account')} onClick={() => void confirmDelete()} />
      </View>
    </Screen>
  );
}
