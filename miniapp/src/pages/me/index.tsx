import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  DeleteMyAccountDocument,
  MeDocument,
  UnlinkPlatformDocument,
  type MeFieldsFragment,
  type Platform,
} from '@citizen/shared';
import { isAccessError, offerStepUp } from '../../features/identity/access';
import { SubscribeButton } from '../../features/messages/SubscribeButton';
import { Dashboard } from '../../features/records/Dashboard';
import type { SubscriptionAnswer } from '../../features/messages/subscribe';
import {
  authed,
  cachedMe,
  forgetSession,
  onMeChange,
  signIn,
  signOut,
  updateMe,
} from '../../features/identity/session';
import { levelName } from '../../features/identity/levels';
import { useActing } from '../../features/family/acting';
import { FAMILY_PAGE } from '../../features/family/ActingBanner';
import { platform } from '../../platform';
import { t, useT } from '../../preferences';
import { formatDate } from '../../preferences/format';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Loading } from '../../components/StateView';
import { Screen } from '../../components/Screen';
import { SettingsPanel } from '../../components/PreferenceControls';
import { useDialogs } from '../../components/dialogs';
import { ListCell, ListGroup } from '../../components/ListCell';
import type { ApiError } from '../../api/client';
import '../../features/identity/identity.scss';
import './index.scss';
import '../../components/form.scss';

const TITLE = ['我的', 'Me'] as const;
const PLATFORM_NAMES: Record<Platform, readonly [string, string]> = {
  WECHAT: ['微信', 'WeChat'],
  ALIPAY: ['支付宝', 'Alipay'],
  BAIDU: ['百度', 'Baidu'],
  H5: ['网页', 'Web'],
};
const platformName = (p: Platform) => t(...PLATFORM_NAMES[p]);

/** The privacy policy and the user agreement, readable at any time. */
function PolicyCells() {
  const tr = useT();
  return (
    <ListGroup title={tr('关于', 'About')}>
      <ListCell
        icon='privacy'
        title={tr('隐私政策', 'Privacy policy')}
        onPress={() => void Taro.navigateTo({ url: '/pages/privacy/index' })}
      />
      <ListCell
        icon='file'
        title={tr('用户协议', 'User agreement')}
        onPress={() => void Taro.navigateTo({ url: '/pages/terms/index' })}
      />
    </ListGroup>
  );
}

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
  const { acting } = useActing();

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
      content: tr(
        '将删除您在所有平台上的实名信息、手机号和登录状态，且无法恢复。确定注销？',
        'This deletes your verified identity, phone number and sign-ins on every platform, and cannot be undone. Delete your account?',
      ),
      confirmText: tr('注销', 'Delete'),
      danger: true,
    });
    if (!confirmed) return;
    const result = await authed(DeleteMyAccountDocument, { confirm: true });
    if (result.data?.deleteMyAccount) {
      forgetSession();
      dialogs.notify(tr('已注销', 'Account deleted'), { icon: 'success' });
    } else if (isAccessError(result.errors[0]))
      await offerStepUp(dialogs, result.errors[0], 3, tr('注销账号', 'Deleting your account'), '/pages/me/index');
    else setError(result.errors[0]);
  }

  /** Separates another platform's account (after a notice of a sign-in that was not the citizen's). Needs a fresh face pass. */
  async function confirmUnlink(accountId: string, name: string) {
    const confirmed = await dialogs.confirm({
      title: tr('解除关联', 'Unlink'),
      content: tr(
        `解除后，${name}上的账户将退出登录，且看不到您的任何信息。确定解除？`,
        `The account on ${name} will be signed out and see none of your data. Unlink it?`,
      ),
      confirmText: tr('解除', 'Unlink'),
      danger: true,
    });
    if (!confirmed) return;
    const result = await authed(UnlinkPlatformDocument, { accountId });
    if (result.data) {
      updateMe(result.data.unlinkPlatform);
      dialogs.notify(tr('已解除关联', 'Unlinked'), { icon: 'success' });
    } else if (isAccessError(result.errors[0]))
      await offerStepUp(dialogs, result.errors[0], 3, tr('解除关联', 'Unlinking a platform'), '/pages/me/index');
    else setError(result.errors[0]);
  }

  const go = (url: string) => void Taro.navigateTo({ url });

  // The platform's answer to the subscription asked on the button's tap.
  function subscribedCarMoveAlerts({ accepted, remaining }: SubscriptionAnswer) {
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
          <Text className='me__text'>
            {error && error.code !== 'UNAUTHENTICATED'
              ? error.message
              : tr('登录后可办理需要身份核验的服务。', 'Sign in to use services that need to know who you are.')}
          </Text>
        </View>
        {dialogs.view}
        <ActionButton
          className='primary-button'
          label={tr('登录', 'Sign in')}
          onClick={() => void signIn().then((r) => (r.data ? refresh() : setError(r.errors[0])))}
        />
        <SettingsPanel />
        <PolicyCells />
      </Screen>
    );
  }

  return (
    <Screen title={TITLE} className='me'>
      <View className='me__card'>
        <Text className='me__title'>{me.realName?.maskedName ?? tr('未实名用户', 'Not yet verified')}</Text>
        <Text className={`level level--${me.level}`}>
          L{me.level} {levelName(me.level)}
        </Text>
        {me.realName ? (
          <Text className='me__text me__id'>
            {tr('身份证号', 'ID number')} {me.realName.maskedIdNumber}
          </Text>
        ) : null}
        {me.maskedPhone ? (
          <Text className='me__text me__phone'>
            {tr('手机号', 'Phone')} {me.maskedPhone}
          </Text>
        ) : null}
      </View>
      {error ? <Notice kind='error'>{error.message}</Notice> : null}
      {/* 我的 at a glance (issue 14): todos and a line per record, for a verified citizen. */}
      {me.level >= 2 ? <Dashboard /> : null}
      {/* One row per thing, as in the platforms' own settings: what needs doing first, then the citizen's affairs. */}
      {me.level < 2 || !me.maskedPhone || me.level === 2 ? (
        <ListGroup title={tr('认证', 'Verification')}>
          {me.level < 2 && me.pendingLink ? (
            <ListCell
              icon='user'
              title={tr('确认是本人以完成实名', 'Confirm it is you to finish verifying')}
              onPress={() => go('/pages/link-proof/index?required=2')}
            />
          ) : null}
          {me.level < 2 && !me.pendingLink ? (
            <ListCell
              icon='user'
              title={tr('去实名认证', 'Verify my real name')}
              onPress={() => go('/pages/realname/index?required=2')}
            />
          ) : null}
          {me.level >= 2 && !me.maskedPhone ? (
            <ListCell
              icon='phone'
              title={tr('绑定手机号', 'Add my phone number')}
              onPress={() => go('/pages/phone/index')}
            />
          ) : null}
          {me.level === 2 ? (
            <ListCell
              icon='eye'
              title={tr('人脸认证（L3）', 'Face verification (L3)')}
              onPress={() => go('/pages/face/index')}
            />
          ) : null}
        </ListGroup>
      ) : null}
      {/* 为谁办理 (issue 17): whom the app works for now, and the family page that switches it. */}
      <ListGroup title={tr('为谁办理', 'Acting for')}>
        <ListCell
          icon='user'
          className='me__family'
          title={tr('家人代办', 'Act for family')}
          value={acting ? acting.maskedName : tr('本人', 'Myself')}
          onPress={() => go(FAMILY_PAGE)}
        />
      </ListGroup>
      <ListGroup title={tr('我的事项', 'My affairs')}>
        <ListCell
          icon='file'
          className='me__applications'
          title={tr('我的办件', 'My applications')}
          onPress={() => go('/pages/applications/index')}
        />
        <ListCell
          icon='licence'
          className='me__licences'
          title={tr('我的电子证照', 'My licences')}
          onPress={() => go('/pages/licences/index')}
        />
        <ListCell
          icon='calendar'
          className='me__appointments'
          title={tr('我的预约', 'My appointments')}
          onPress={() => go('/pages/appointments/index')}
        />
        <ListCell
          icon='certificate'
          className='me__documents'
          title={tr('我的证明', 'My documents')}
          onPress={() => go('/pages/documents/index')}
        />
        <ListCell
          icon='file'
          className='me__receipts'
          title={tr('我的票据', 'My receipts')}
          onPress={() => go('/pages/receipts/index')}
        />
        <ListCell
          icon='car'
          title={tr('一键挪车', 'Move a blocking car')}
          onPress={() => go('/pages/car-move/index')}
        />
        <ListCell
          icon='car'
          className='me__vehicles'
          title={tr('我的车辆', 'My vehicles')}
          onPress={() => go('/car-owner/pages/vehicles/index')}
        />
      </ListGroup>
      {me.level >= 2 && platform.templates.CAR_MOVE_ALERT ? (
        <SubscribeButton
          topic='CAR_MOVE_ALERT'
          className='secondary-button'
          label={tr('订阅挪车提醒', 'Subscribe to car-moving alerts')}
          onAnswer={subscribedCarMoveAlerts}
        />
      ) : null}
      {/* Each linked platform once, the one in use marked （当前）: no separate 当前平台 row saying it again. */}
      <ListGroup title={tr('已关联的平台', 'Linked platforms')}>
        {me.linkedPlatforms.length > 0 ? (
          me.linkedPlatforms.map((p) => (
            <ListCell
              key={p.accountId}
              icon='link'
              className='me__row me__linked'
              title={`${platformName(p.platform)}${p.current ? tr('（当前）', ' (this one)') : ''}`}
              description={`${tr('关联于', 'Linked')} ${formatDate(p.linkedAt)}`}
              extra={
                p.current ? null : (
                  <ActionButton
                    className='secondary-button me__unlink'
                    label={tr('解除关联', 'Unlink')}
                    onClick={() => void confirmUnlink(p.accountId, platformName(p.platform))}
                  />
                )
              }
            />
          ))
        ) : (
          <ListCell
            icon='link'
            className='me__row'
            title={`${platformName(me.platform)}${tr('（当前）', ' (this one)')}`}
          />
        )}
      </ListGroup>
      <SettingsPanel />
      <PolicyCells />
      {dialogs.view}
      <ListGroup className='me__actions'>
        <ListCell icon='logout' title={tr('退出登录', 'Sign out')} onPress={() => void signOut()} />
        <ListCell
          icon='trash'
          className='me__delete'
          tone='danger'
          title={tr('注销账号', 'Delete account')}
          onPress={() => void confirmDelete()}
        />
      </ListGroup>
    </Screen>
  );
}
