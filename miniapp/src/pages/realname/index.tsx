import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { VerifyRealNameDocument, errorMessage, validateIdNumber } from '@citizen/shared';
import { authed, updateMe } from '../../features/identity/session';
import { continueAfterStep } from '../../features/identity/levels';
import { IdKeyboard } from '../../features/identity/IdKeyboard';
import { usePreferences, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { pressable } from '../../components/pressable';
import { PolicyConsent, usePolicyConsent } from '../../features/policies/PolicyConsent';
import '../../components/form.scss';

const TITLE = ['实名认证', 'Verify your real name'] as const;

/** Real-name verification: name and ID number, checked here as typed and by the population register on submit. */
export default function RealNamePage() {
  const t = useT();
  const { locale } = usePreferences();
  const { params } = useRouter();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [keyboardOpen, setKeyboardOpen] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; idNumber?: string; form?: string }>({});
  const [submitting, setSubmitting] = useState(false);
  const consent = usePolicyConsent();

  // Inline check once the number is complete; the server checks again.
  const idProblem =
    idNumber.length === 18
      ? (() => {
          const r = validateIdNumber(idNumber);
          return r.ok ? undefined : errorMessage(r.problem, locale);
        })()
      : undefined;

  async function submit() {
    setKeyboardOpen(false);
    const local: typeof errors = {};
    if (name.trim().length < 2) local.name = errorMessage('NAME_FORMAT', locale);
    const checked = validateIdNumber(idNumber);
    if (!checked.ok) local.idNumber = errorMessage(checked.problem, locale);
    if (!consent.ready)
      local.form = t(
        '请先阅读并同意隐私政策和用户协议',
        'Please read and agree to the privacy policy and the user agreement first',
      );
    setErrors(local);
    if (local.name || local.idNumber || local.form) return;
    setSubmitting(true);
    // Consent is recorded, with its versions, before the ID number leaves the phone.
    const agreed = await consent.record();
    if (!agreed.ok) {
      setSubmitting(false);
      return setErrors({ form: agreed.message });
    }
    const result = await authed(VerifyRealNameDocument, { name: name.trim(), idNumber });
    setSubmitting(false);
    if (!result.data) {
      const error = result.errors[0];
      // Someone already uses this identity on another platform: prove it is you before anything of theirs is shown.
      if (error.code === 'REALNAME_LINK_PROOF_REQUIRED') {
        await Taro.redirectTo({
          url: `/pages/link-proof/index?required=${Number(params.required ?? 2)}${params.returnTo ? `&returnTo=${params.returnTo}` : ''}`,
        });
        return;
      }
      const left =
        typeof error.details?.failuresLeft === 'number'
          ? t(`（今日还可尝试 ${error.details.failuresLeft} 次）`, ` (${error.details.failuresLeft} more tries today)`)
          : '';
      setErrors(
        error.field === 'name' || error.field === 'idNumber'
          ? { [error.field]: error.message }
          : { form: error.message + left },
      );
      return;
    }
    updateMe(result.data.verifyRealName);
    await continueAfterStep(result.data.verifyRealName, Number(params.required ?? 2), params.returnTo);
  }

  return (
    <Screen title={TITLE} className='form'>
      <Text className='form__intro'>
        {t(
          '请填写身份证上的姓名和号码。信息将与公安人口库核对，仅用于确认您的身份，加密保存。',
          'Enter your name and number as on your ID card. They are checked against the population register, used only to confirm who you are, and stored encrypted.',
        )}
      </Text>
      {errors.form ? <Notice kind='error'>{errors.form}</Notice> : null}
      <View className='field'>
        <Text className='field__label'>{t('姓名', 'Name')}</Text>
        <Input
          className='field__input name-input'
          value={name}
          placeholder={t('与身份证一致', 'As on your ID card')}
          maxlength={30}
          onInput={(e) => setName(e.detail.value)}
          onFocus={() => setKeyboardOpen(false)}
          aria-label={t('姓名', 'Name')}
        />
        {errors.name ? <FieldError>{errors.name}</FieldError> : null}
      </View>
      <View
        className={`field${keyboardOpen ? ' field--focused' : ''}`}
        {...pressable(() => setKeyboardOpen(true))}
        aria-label={t('身份证号，点击输入', 'ID number, tap to type')}
      >
        <Text className='field__label'>{t('身份证号', 'ID number')}</Text>
        <Text className='field__value id-value'>
          {idNumber || (
            <Text className='field__placeholder'>{t('18位，最后一位可能是X', '18 characters; the last may be X')}</Text>
          )}
        </Text>
        {errors.idNumber || idProblem ? <FieldError>{(errors.idNumber ?? idProblem)!}</FieldError> : null}
      </View>
      <PolicyConsent consent={consent} />
      <ActionButton
        className='primary-button'
        label={t('提交认证', 'Verify')}
        onClick={() => void submit()}
        loading={submitting}
        disabled={submitting}
      />
      {keyboardOpen ? (
        <IdKeyboard
          onChange={(update) => {
            setIdNumber(update);
            setErrors((e) => ({ ...e, idNumber: undefined }));
          }}
          onDone={() => setKeyboardOpen(false)}
        />
      ) : null}
    </Screen>
  );
}
