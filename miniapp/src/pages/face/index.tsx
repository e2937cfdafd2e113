import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Checkbox, Label, Text, View } from '@tarojs/components';
import { CompleteFaceVerificationDocument, StartFaceVerificationDocument, errorMessage } from '@citizen/shared';
import { authed, updateMe } from '../../features/identity/session';
import { continueAfterStep } from '../../features/identity/levels';
import { platform } from '../../platform';
import { usePreferences, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import '../../components/form.scss';

const TITLE = ['人脸认证', 'Face verification'] as const;
const PLATFORMS = {
  ALIPAY: ['支付宝', 'Alipay'],
  BAIDU: ['百度', 'Baidu'],
  WECHAT: ['微信', 'WeChat'],
  H5: ['微信', 'WeChat'],
} as const;

/**
 * Face verification. Face data is sensitive personal information (PIPL): the citizen
 * gives separate, explicit consent here before anything starts; no image is stored.
 * The result comes from the platform's server through the BFF, never from this page.
 */
export default function FacePage() {
  const t = useT();
  const { locale } = usePreferences();
  const { params } = useRouter();
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function start() {
    if (!consent) return setMessage(errorMessage('FACE_CONSENT_REQUIRED', locale));
    setBusy(true);
    setMessage(null);
    const started = await authed(StartFaceVerificationDocument, { consent: true });
    if (!started.data) {
      setBusy(false);
      return setMessage(started.errors[0].message);
    }
    const result = await platform.verifyFace(started.data.startFaceVerification);
    // Whatever the client saw, the server asks the platform (on Baidu: checks the photo with it).
    const faceImage = typeof result === 'object' ? result.faceImage : null;
    const done = await authed(CompleteFaceVerificationDocument, {
      verifyId: started.data.startFaceVerification.verifyId,
      faceImage,
    });
    setBusy(false);
    if (!done.data) return setMessage(done.errors[0].message);
    updateMe(done.data.completeFaceVerification);
    await continueAfterStep(done.data.completeFaceVerification, 3, params.returnTo);
  }

  const [zhName, enName] = PLATFORMS[platform.name];
  return (
    <Screen title={TITLE} className='form'>
      <Text className='form__intro'>
        {t(
          `人脸识别将把您的面部与公安部门登记的照片比对，用于确认是您本人办理。比对由${zhName}平台完成，本应用不保存您的人脸图像。`,
          `Face verification compares your face with the photo the police hold, to confirm it is really you. ${enName} does the comparison; this app keeps no image of your face.`,
        )}
      </Text>
      {message ? <Notice kind='error'>{message}</Notice> : null}
      <View className='field'>
        <Label className='field__row consent' for='face-consent'>
          <Checkbox
            id='face-consent'
            value='consent'
            checked={consent}
            onClick={() => setConsent(!consent)}
            aria-label={t('同意采集人脸信息', 'I agree to the use of my face data')}
          />
          <Text className='consent__text'>
            {t(
              '我已阅读并单独同意为身份核验目的采集、使用我的人脸信息',
              'I have read this and separately agree that my face data is collected and used to verify my identity',
            )}
          </Text>
        </Label>
      </View>
      <ActionButton
        className='primary-button'
        label={t('开始人脸识别', 'Start face verification')}
        onClick={() => void start()}
        loading={busy}
        disabled={busy}
      />
    </Screen>
  );
}
