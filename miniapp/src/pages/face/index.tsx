import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Checkbox, Label, Text, View } from '@tarojs/components';
import { CompleteFaceVerificationDocument, StartFaceVerificationDocument, errorMessage } from '@citizen/shared';
import { authed, updateMe } from '../../features/identity/session';
import { continueAfterStep } from '../../features/identity/levels';
import { platform } from '../../platform';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import '../../components/form.scss';

/**
 * Face verification. Face data is sensitive personal information (PIPL): the citizen
 * gives separate, explicit consent here before anything starts; no image is stored.
 * The result comes from the platform's server through the BFF, never from this page.
 */
export default function FacePage() {
  const { params } = useRouter();
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function start() {
    if (!consent) return setMessage(errorMessage('FACE_CONSENT_REQUIRED'));
    setBusy(true);
    setMessage(null);
    const started = await authed(StartFaceVerificationDocument, { consent: true });
    if (!started.data) {
      setBusy(false);
      return setMessage(started.errors[0].message);
    }
    await platform.verifyFace(started.data.startFaceVerification);
    // Whatever the client saw, the server asks the platform.
    const done = await authed(CompleteFaceVerificationDocument, { verifyId: started.data.startFaceVerification.verifyId });
    setBusy(false);
    if (!done.data) return setMessage(done.errors[0].message);
    updateMe(done.data.completeFaceVerification);
    await continueAfterStep(done.data.completeFaceVerification, 3, params.returnTo);
  }

  return (
    <View className='form'>
      <Text className='form__intro'>人脸识别将把您的面部与公安部门登记的照片比对，用于确认是您本人办理。比对由{platform.name === 'ALIPAY' ? '支付宝' : platform.name === 'BAIDU' ? '百度' : '微信'}平台完成，本应用不保存您的人脸图像。</Text>
      {message ? <Notice kind='error'>{message}</Notice> : null}
      <View className='field'>
        <Label className='field__row consent' for='face-consent'>
          <Checkbox id='face-consent' value='consent' checked={consent} onClick={() => setConsent(!consent)} aria-label='同意采集人脸信息' />
          <Text className='consent__text'>我已阅读并单独同意为身份核验目的采集、使用我的人脸信息</Text>
        </Label>
      </View>
      <ActionButton className='primary-button' label='开始人脸识别' onClick={() => void start()} loading={busy} disabled={busy} />
    </View>
  );
}
