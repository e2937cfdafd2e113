import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  BindPhoneDocument,
  BindPhoneFromPlatformDocument,
  SendPhoneCodeDocument,
  errorMessage,
  validatePhone,
} from '@citizen/shared';
import { authed, updateMe } from '../../features/identity/session';
import { continueAfterStep } from '../../features/identity/levels';
import { PlatformPhoneButton } from '../../features/identity/PlatformPhoneButton';
import { usePreferences, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import '../../components/form.scss';

const TITLE = ['绑定手机', 'Add your phone'] as const;

/** Phone binding: a 6-digit code by SMS, resend after a countdown. */
export default function PhonePage() {
  const t = useT();
  const { locale } = usePreferences();
  const { params } = useRouter();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [countdown, setCountdown] = useState(0);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState<'send' | 'bind' | null>(null);

  useEffect(() => {
    if (countdown <= 0) return undefined;
    const timer = setTimeout(() => setCountdown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  async function send() {
    const checked = validatePhone(phone);
    if (!checked.ok) return setError({ field: 'phone', message: errorMessage('PHONE_FORMAT', locale) });
    setError(null);
    setBusy('send');
    const result = await authed(SendPhoneCodeDocument, { phone: checked.value });
    setBusy(null);
    if (!result.data) {
      const e = result.errors[0];
      if (typeof e.details?.retryAfterSeconds === 'number') setCountdown(e.details.retryAfterSeconds);
      return setError({ field: e.field, message: e.message });
    }
    setSentTo(result.data.sendPhoneCode.maskedPhone);
    setCountdown(result.data.sendPhoneCode.resendAfterSeconds);
  }

  async function bind() {
    if (!/^\d{6}$/.test(code))
      return setError({ field: 'code', message: t('请输入短信中的6位验证码', 'Enter the 6-digit code from the SMS') });
    setBusy('bind');
    const result = await authed(BindPhoneDocument, { phone: phone.replace(/\D/g, '').slice(-11), code });
    setBusy(null);
    if (!result.data) {
      const e = result.errors[0];
      const left =
        typeof e.details?.triesLeft === 'number'
          ? t(`（还可输入 ${e.details.triesLeft} 次）`, ` (${e.details.triesLeft} more tries)`)
          : '';
      return setError({ field: e.field ?? 'code', message: e.message + left });
    }
    updateMe(result.data.bindPhone);
    await continueAfterStep(result.data.bindPhone, 0, params.returnTo);
  }

  // The fast path: the number the platform holds (WeChat, Alipay), checked by the BFF; the SMS code below stays the fallback.
  async function bindFromPlatform(proof: string) {
    setBusy('bind');
    setError(null);
    const result = await authed(BindPhoneFromPlatformDocument, { proof });
    setBusy(null);
    if (!result.data) return setError({ message: result.errors[0].message });
    updateMe(result.data.bindPhoneFromPlatform);
    await continueAfterStep(result.data.bindPhoneFromPlatform, 0, params.returnTo);
  }

  return (
    <Screen title={TITLE} className='form'>
      <Text className='form__intro'>
        {t(
          '绑定后，办件进度和提醒会通过短信通知您。在各平台登录的同一实名用户共享此号码。',
          'Once added, news about your applications and reminders come to you by SMS. The same verified person shares this number on every platform.',
        )}
      </Text>
      {error && !error.field ? <Notice kind='error'>{error.message}</Notice> : null}
      <PlatformPhoneButton
        label={t('一键使用平台绑定的手机号', 'Use the number your WeChat or Alipay holds')}
        disabled={busy !== null}
        onProof={(proof) => void bindFromPlatform(proof)}
        onRefused={() =>
          setError({
            message: t(
              '未获取平台手机号，请输入手机号并用短信验证码绑定',
              'No number from the platform: enter your number and confirm it with a text message code.',
            ),
          })
        }
      />
      {sentTo ? (
        <Notice kind='ok'>
          {t(`验证码已发送至 ${sentTo}，5分钟内有效`, `A code was sent to ${sentTo}. It works for 5 minutes.`)}
        </Notice>
      ) : null}
      <View className='field'>
        <Text className='field__label'>{t('手机号', 'Mobile number')}</Text>
        <View className='field__row'>
          <Input
            className='field__input field__input--grow phone-input'
            type='number'
            maxlength={11}
            value={phone}
            placeholder={t('11位手机号', '11 digits')}
            onInput={(e) => setPhone(e.detail.value)}
            aria-label={t('手机号', 'Mobile number')}
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
        {error?.field === 'phone' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      <View className='field'>
        <Text className='field__label'>{t('验证码', 'Code')}</Text>
        <Input
          className='field__input code-input'
          type='number'
          maxlength={6}
          value={code}
          placeholder={t('6位数字', '6 digits')}
          onInput={(e) => setCode(e.detail.value)}
          aria-label={t('验证码', 'Code')}
        />
        {error?.field === 'code' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      <ActionButton
        className='primary-button'
        label={t('绑定手机', 'Add phone')}
        onClick={() => void bind()}
        disabled={!sentTo || busy !== null}
        loading={busy === 'bind'}
      />
    </Screen>
  );
}
