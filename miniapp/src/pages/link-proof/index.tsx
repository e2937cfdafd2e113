import { useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { MeDocument, ProveLinkWithCodeDocument, SendLinkCodeDocument, type MeFieldsFragment } from '@citizen/shared';
import { authed, cachedMe, updateMe } from '../../features/identity/session';
import { continueAfterStep } from '../../features/identity/levels';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import { Loading } from '../../components/StateView';
import { Screen } from '../../components/Screen';
import '../../components/form.scss';

const TITLE = ['确认是您本人', 'Confirm it is you'] as const;

/**
 * The name and ID number the citizen gave are already used by someone on another
 * platform. Knowing them proves nothing, so this account joins that identity only
 * after proving possession: a face verification here, or a code sent to the phone
 * that identity bound. Until then the account sees none of that person's data.
 */
export default function LinkProofPage() {
  const t = useT();
  const { params } = useRouter();
  const [me, setMe] = useState<MeFieldsFragment | null>(cachedMe());
  const [loading, setLoading] = useState(true);
  const [code, setCode] = useState('');
  const [countdown, setCountdown] = useState(0);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState<'send' | 'prove' | null>(null);
  const returnTo = params.returnTo;
  const required = Number(params.required ?? 2);

  async function refresh() {
    const result = await authed(MeDocument, {});
    setLoading(false);
    if (result.data) {
      updateMe(result.data.me);
      setMe(result.data.me);
    } else setError({ message: result.errors[0].message });
  }
  // Also after coming back from the face page: a pass there has linked the account.
  useDidShow(() => void refresh());

  useEffect(() => {
    if (me && me.level >= 2) void continueAfterStep(me, required, returnTo);
  }, [me, required, returnTo]);

  useEffect(() => {
    if (countdown <= 0) return undefined;
    const timer = setTimeout(() => setCountdown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  async function send() {
    setError(null);
    setBusy('send');
    const result = await authed(SendLinkCodeDocument, {});
    setBusy(null);
    if (!result.data) {
      const e = result.errors[0];
      if (typeof e.details?.retryAfterSeconds === 'number') setCountdown(e.details.retryAfterSeconds);
      return setError({ message: e.message });
    }
    setSentTo(result.data.sendLinkCode.maskedPhone);
    setCountdown(result.data.sendLinkCode.resendAfterSeconds);
  }

  async function prove() {
    if (!/^\d{6}$/.test(code))
      return setError({ field: 'code', message: t('请输入短信中的6位验证码', 'Enter the 6-digit code from the SMS') });
    setBusy('prove');
    const result = await authed(ProveLinkWithCodeDocument, { code });
    setBusy(null);
    if (!result.data) {
      const e = result.errors[0];
      const left =
        typeof e.details?.triesLeft === 'number'
          ? t(`（还可输入 ${e.details.triesLeft} 次）`, ` (${e.details.triesLeft} more tries)`)
          : '';
      return setError({ field: 'code', message: e.message + left });
    }
    updateMe(result.data.proveLinkWithCode);
    await continueAfterStep(result.data.proveLinkWithCode, required, returnTo);
  }

  // returnTo arrives still encoded (as every step page passes it on); the face page comes back here.
  const faceUrl = `/pages/face/index?returnTo=${encodeURIComponent(`/pages/link-proof/index?required=${required}${returnTo ? `&returnTo=${returnTo}` : ''}`)}`;
  const pending = me?.pendingLink;

  if (loading && !pending) {
    return (
      <Screen title={TITLE} className='form'>
        <Loading />
      </Screen>
    );
  }
  if (!pending) {
    return (
      <Screen title={TITLE} className='form'>
        <Notice kind='error'>
          {error?.message ??
            t(
              '没有待确认的身份关联，请重新进行实名认证。',
              'There is no identity waiting to be confirmed. Please verify your real name again.',
            )}
        </Notice>
        <ActionButton
          className='primary-button'
          label={t('重新实名认证', 'Verify my real name')}
          onClick={() => void Taro.redirectTo({ url: `/pages/realname/index?required=${required}` })}
        />
      </Screen>
    );
  }
  const byPhone = pending.ways.includes('PHONE_CODE');
  return (
    <Screen title={TITLE} className='form link-proof'>
      <Text className='form__intro'>
        {t(
          '该身份已在其他平台登录使用。为防止他人冒用您的身份，请用以下一种方式确认是您本人。确认后，您在其他平台的账户会收到提醒。',
          'This identity is already used on another platform. To stop anyone else from using it, confirm it is you in one of the ways below. Your accounts on the other platforms will be told.',
        )}
      </Text>
      {error && !error.field ? <Notice kind='error'>{error.message}</Notice> : null}
      <View className='field'>
        <Text className='field__label'>{t('方式一：人脸识别', 'Option 1: face verification')}</Text>
        <Text className='form__intro'>
          {t(
            '与公安部门登记的照片比对，需单独同意采集人脸信息。',
            'Compared with the photo the police hold; needs your separate consent.',
          )}
        </Text>
        <ActionButton
          className='primary-button link-proof__face'
          label={t('用人脸识别确认', 'Confirm with my face')}
          onClick={() => void Taro.navigateTo({ url: faceUrl })}
        />
      </View>
      {byPhone ? (
        <View className='field'>
          <Text className='field__label'>
            {t(
              `方式二：发送验证码到已绑定手机 ${pending.maskedPhone ?? ''}`,
              `Option 2: a code to the bound phone ${pending.maskedPhone ?? ''}`,
            )}
          </Text>
          {sentTo ? (
            <Notice kind='ok'>
              {t(`验证码已发送至 ${sentTo}，5分钟内有效`, `A code was sent to ${sentTo}. It works for 5 minutes.`)}
            </Notice>
          ) : null}
          <View className='field__row'>
            <Input
              className='field__input field__input--grow code-input'
              type='number'
              maxlength={6}
              value={code}
              placeholder={t('6位数字', '6 digits')}
              onInput={(e) => setCode(e.detail.value)}
              aria-label={t('验证码', 'Code')}
            />
            <ActionButton
              className='secondary-button send-code'
              label={
                countdown > 0
                  ? t(`${countdown}秒后重发`, `Resend in ${countdown}s`)
                  : sentTo
                    ? t('重新发送', 'Send again')
                    : t('获取验证码', 'Send code')
              }
              onClick={() => void send()}
              disabled={countdown > 0}
              loading={busy === 'send'}
            />
          </View>
          {error?.field === 'code' ? <FieldError>{error.message}</FieldError> : null}
          <ActionButton
            className='primary-button link-proof__code'
            label={t('确认', 'Confirm')}
            onClick={() => void prove()}
            disabled={!sentTo || busy !== null}
            loading={busy === 'prove'}
          />
        </View>
      ) : (
        <Text className='form__intro'>
          {t(
            '该身份未绑定手机，请使用人脸识别确认。',
            'No phone is bound to this identity, so please confirm with your face.',
          )}
        </Text>
      )}
    </Screen>
  );
}
