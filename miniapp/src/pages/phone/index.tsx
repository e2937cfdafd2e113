import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { BindPhoneDocument, SendPhoneCodeDocument, errorMessage, validatePhone } from '@citizen/shared';
import { authed, updateMe } from '../../features/identity/session';
import { continueAfterStep } from '../../features/identity/levels';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import '../../components/form.scss';

/** Phone binding: a 6-digit code by SMS, resend after a countdown. */
export default function PhonePage() {
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
    if (!checked.ok) return setError({ field: 'phone', message: errorMessage('PHONE_FORMAT') });
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
    if (!/^\d{6}$/.test(code)) return setError({ field: 'code', message: '请输入短信中的6位验证码' });
    setBusy('bind');
    const result = await authed(BindPhoneDocument, { phone: phone.replace(/\D/g, '').slice(-11), code });
    setBusy(null);
    if (!result.data) {
      const e = result.errors[0];
      const left = typeof e.details?.triesLeft === 'number' ? `（还可输入 ${e.details.triesLeft} 次）` : '';
      return setError({ field: e.field ?? 'code', message: e.message + left });
    }
    updateMe(result.data.bindPhone);
    await continueAfterStep(result.data.bindPhone, 0, params.returnTo);
  }

  return (
    <View className='form'>
      <Text className='form__intro'>绑定后，办件进度和提醒会通过短信通知您。在各平台登录的同一实名用户共享此号码。</Text>
      {error && !error.field ? <Notice kind='error'>{error.message}</Notice> : null}
      {sentTo ? <Notice kind='ok'>{`验证码已发送至 ${sentTo}，5分钟内有效`}</Notice> : null}
      <View className='field'>
        <Text className='field__label'>手机号</Text>
        <View className='field__row'>
          <Input className='field__input field__input--grow phone-input' type='number' maxlength={11} value={phone} placeholder='11位手机号' onInput={(e) => setPhone(e.detail.value)} aria-label='手机号' />
          <ActionButton className='secondary-button send-code' label={countdown > 0 ? `${countdown}秒后重发` : sentTo ? '重新发送' : '获取验证码'} onClick={() => void send()} disabled={countdown > 0} loading={busy === 'send'} />
        </View>
        {error?.field === 'phone' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      <View className='field'>
        <Text className='field__label'>验证码</Text>
        <Input className='field__input code-input' type='number' maxlength={6} value={code} placeholder='6位数字' onInput={(e) => setCode(e.detail.value)} aria-label='验证码' />
        {error?.field === 'code' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      <ActionButton className='primary-button' label='绑定手机' onClick={() => void bind()} disabled={!sentTo || busy !== null} loading={busy === 'bind'} />
    </View>
  );
}
