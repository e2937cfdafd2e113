import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DeleteMyAccountDocument, MeDocument, RecordMessageSubscriptionDocument, type MeFieldsFragment } from '@citizen/shared';
import { authed, cachedMe, forgetSession, onMeChange, signIn, signOut, updateMe } from '../../features/identity/session';
import { LEVEL_NAMES } from '../../features/identity/levels';
import { platform } from '../../platform';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import { Loading } from '../../components/StateView';
import type { ApiError } from '../../api/client';
import '../../features/identity/identity.scss';
import './index.scss';
import '../../components/form.scss';

const PLATFORM_NAMES = { WECHAT: '微信', ALIPAY: '支付宝', BAIDU: '百度', H5: '网页' } as const;

/** The citizen's own page: verification status, masked identity, linked platforms, sign-out and deletion. */
export default function MePage() {
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
    const { confirm } = await Taro.showModal({ title: '注销账号', content: '将删除您在所有平台上的实名信息、手机号和登录状态，且无法恢复。确定注销？', confirmText: '注销', confirmColor: '#c0262d' });
    if (!confirm) return;
    const result = await authed(DeleteMyAccountDocument, { confirm: true });
    if (result.data?.deleteMyAccount) {
      forgetSession();
      void Taro.showToast({ title: '已注销', icon: 'success' });
    } else setError(result.errors[0]);
  }

  const go = (url: string) => void Taro.navigateTo({ url });

  // Runs inside the tap, as WeChat requires for the subscription prompt.
  async function subscribeCarMoveAlerts() {
    const template = platform.templates.CAR_MOVE_ALERT;
    if (!template) return;
    const accepted = await platform.requestSubscription(template);
    const result = await authed(RecordMessageSubscriptionDocument, { topic: 'CAR_MOVE_ALERT', accepted });
    void Taro.showToast({ title: result.data && accepted ? `已订阅，可接收 ${result.data.recordMessageSubscription} 次挪车提醒` : '未订阅，挪车提醒将以短信发送', icon: 'none' });
  }

  if (loading) return <Loading />;
  if (!me) {
    return (
      <View className='me'>
        <View className='me__card'>
          <Text className='me__title'>未登录</Text>
          <Text className='me__text'>{error && error.code !== 'UNAUTHENTICATED' ? error.message : '登录后可办理需要身份核验的服务。'}</Text>
        </View>
        <ActionButton className='primary-button' label='登录' onClick={() => void signIn().then((r) => (r.data ? refresh() : setError(r.errors[0])))} />
      </View>
    );
  }

  return (
    <View className='me'>
      <View className='me__card'>
        <Text className='me__title'>{me.realName?.maskedName ?? '未实名用户'}</Text>
        <Text className={`level level--${me.level}`}>L{me.level} {LEVEL_NAMES[me.level]}</Text>
        {me.realName ? <Text className='me__text me__id'>身份证号 {me.realName.maskedIdNumber}</Text> : null}
        {me.maskedPhone ? <Text className='me__text me__phone'>手机号 {me.maskedPhone}</Text> : null}
      </View>
      {error ? <Notice kind='error'>{error.message}</Notice> : null}
      {me.level < 2 ? <ActionButton className='primary-button' label='去实名认证' onClick={() => go('/pages/realname/index?required=2')} /> : null}
      {me.level >= 2 && !me.maskedPhone ? <ActionButton className='primary-button' label='绑定手机号' onClick={() => go('/pages/phone/index')} /> : null}
      {me.level === 2 ? <ActionButton className='primary-button' label='人脸认证（L3）' onClick={() => go('/pages/face/index')} /> : null}
      {me.level >= 2 && platform.templates.CAR_MOVE_ALERT ? <ActionButton className='secondary-button' label='订阅挪车提醒' onClick={() => void subscribeCarMoveAlerts()} /> : null}
      <ActionButton className='secondary-button me__applications' label='我的办件' onClick={() => go('/pages/applications/index')} />
      <ActionButton className='secondary-button' label='一键挪车' onClick={() => go('/pages/car-move/index')} />
      {me.linkedPlatforms.length > 0 ? (
        <View className='me__section'>
          <Text className='me__section-title'>已关联的平台</Text>
          {me.linkedPlatforms.map((p) => (
            <View className='me__row' key={p.platform}>
              <Text>{PLATFORM_NAMES[p.platform]}{p.current ? '（当前）' : ''}</Text>
              <Text className='me__muted'>{p.linkedAt.slice(0, 10)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='me__row'>
        <Text>当前平台</Text>
        <Text>{PLATFORM_NAMES[me.platform]}</Text>
      </View>
      <View className='me__actions'>
        <ActionButton className='secondary-button' label='退出登录' onClick={() => void signOut()} />
        <ActionButton className='secondary-button me__delete' label='注销账号' onClick={() => void confirmDelete()} />
      </View>
    </View>
  );
}
