import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { VerifyRealNameDocument, errorMessage, validateIdNumber } from '@citizen/shared';
import { authed, updateMe } from '../../features/identity/session';
import { continueAfterStep } from '../../features/identity/levels';
import { IdKeyboard } from '../../features/identity/IdKeyboard';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import '../../components/form.scss';

/** Real-name verification: name and ID number, checked here as typed and by the population register on submit. */
export default function RealNamePage() {
  const { params } = useRouter();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [keyboardOpen, setKeyboardOpen] = useState(false);
  const [errors, setErrors] = useState<{ name?: string; idNumber?: string; form?: string }>({});
  const [submitting, setSubmitting] = useState(false);

  // Inline check once the number is complete; the server checks again.
  const idProblem = idNumber.length === 18 ? (() => { const r = validateIdNumber(idNumber); return r.ok ? undefined : errorMessage(r.problem); })() : undefined;

  async function submit() {
    setKeyboardOpen(false);
    const local: typeof errors = {};
    if (name.trim().length < 2) local.name = errorMessage('NAME_FORMAT');
    const checked = validateIdNumber(idNumber);
    if (!checked.ok) local.idNumber = errorMessage(checked.problem);
    setErrors(local);
    if (local.name || local.idNumber) return;
    setSubmitting(true);
    const result = await authed(VerifyRealNameDocument, { name: name.trim(), idNumber });
    setSubmitting(false);
    if (!result.data) {
      const error = result.errors[0];
      const left = typeof error.details?.failuresLeft === 'number' ? `（今日还可尝试 ${error.details.failuresLeft} 次）` : '';
      setErrors(error.field === 'name' || error.field === 'idNumber' ? { [error.field]: error.message } : { form: error.message + left });
      return;
    }
    updateMe(result.data.verifyRealName);
    await continueAfterStep(result.data.verifyRealName, Number(params.required ?? 2), params.returnTo);
  }

  return (
    <View className='form'>
      <Text className='form__intro'>请填写身份证上的姓名和号码。信息将与公安人口库核对，仅用于确认您的身份，加密保存。</Text>
      {errors.form ? <Notice kind='error'>{errors.form}</Notice> : null}
      <View className='field'>
        <Text className='field__label'>姓名</Text>
        <Input className='field__input name-input' value={name} placeholder='与身份证一致' maxlength={30} onInput={(e) => setName(e.detail.value)} onFocus={() => setKeyboardOpen(false)} aria-label='姓名' />
        {errors.name ? <FieldError>{errors.name}</FieldError> : null}
      </View>
      <View className={`field${keyboardOpen ? ' field--focused' : ''}`} onClick={() => setKeyboardOpen(true)} role='button' aria-label='身份证号，点击输入'>
        <Text className='field__label'>身份证号</Text>
        <Text className='field__value id-value'>{idNumber || <Text className='field__placeholder'>18位，最后一位可能是X</Text>}</Text>
        {errors.idNumber || idProblem ? <FieldError>{(errors.idNumber ?? idProblem)!}</FieldError> : null}
      </View>
      <ActionButton className='primary-button' label='提交认证' onClick={() => void submit()} loading={submitting} disabled={submitting} />
      {keyboardOpen ? <IdKeyboard onChange={(update) => { setIdNumber(update); setErrors((e) => ({ ...e, idNumber: undefined })); }} onDone={() => setKeyboardOpen(false)} /> : null}
    </View>
  );
}
