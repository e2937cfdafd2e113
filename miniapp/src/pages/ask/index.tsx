import { useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, Textarea, View } from '@tarojs/components';
import { AskQuestionDocument, type ConsultationCategory } from '@citizen/shared';
import { authed, authedUpload } from '../../features/identity/session';
import { photoProblem, pickPhoto } from '../../features/applications/photos';
import { categoryLabel, newAskKey } from '../../features/ask/labels';
import { platform } from '../../platform';
import { useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { Notice } from '../../components/Notice';
import { goBack } from '../../components/navigation';
import '../../components/form.scss';
import '../../features/ask/ask.scss';

const TITLE = ['向12345提问', 'Ask 12345'] as const;
const PHOTO_LIMITS = { accept: ['image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024 };

/**
 * Asks the 12345 hotline: a question or complaint (or, from the 法律援助咨询 tile, a
 * legal-aid question), carrying the service or application it was asked from, an
 * optional photo (uploaded through the BFF) and where the citizen is, if they allow it.
 * One key per form, so a repeated tap opens one ticket. The reply arrives in Messages
 * and in 我的咨询.
 */
export default function AskPage() {
  const t = useT();
  const { params } = useRouter();
  const legalAid = params.category === 'LEGAL_AID';
  const serviceId = params.serviceId ? decodeURIComponent(params.serviceId) : null;
  const applicationNumber = params.applicationNumber ? decodeURIComponent(params.applicationNumber) : null;
  const [category, setCategory] = useState<ConsultationCategory>(legalAid ? 'LEGAL_AID' : 'CONSULT');
  const [question, setQuestion] = useState('');
  const [photo, setPhoto] = useState<{ id: string | null; preview: string; uploading: boolean } | null>(null);
  const [location, setLocation] = useState<{ latitude: number; longitude: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const key = useRef(newAskKey());

  async function choosePhoto() {
    const picked = await pickPhoto();
    if (!picked) return;
    const wrong = photoProblem(picked, PHOTO_LIMITS);
    if (wrong) return setProblem(wrong);
    setProblem(null);
    setPhoto({ id: null, preview: picked.path, uploading: true });
    const result = await authedUpload(picked.path);
    if (result.data) setPhoto({ id: result.data.id, preview: picked.path, uploading: false });
    else {
      setPhoto(null);
      setProblem(result.errors[0].message);
    }
  }

  async function locate() {
    const here = await platform.getLocation();
    if (here) setLocation(here);
    else
      setProblem(
        t(
          '未能获取位置，您可以在问题中写明地点',
          'Could not get your location. You can write the place in your question.',
        ),
      );
  }

  async function send() {
    const text = question.trim();
    if (text.length < 5)
      return setProblem(t('请至少写5个字，说清楚您的问题', 'Please write at least 5 characters about your question.'));
    setSending(true);
    setProblem(null);
    const result = await authed(AskQuestionDocument, {
      input: {
        category,
        question: text,
        serviceId,
        applicationNumber,
        photoUploadId: photo?.id ?? null,
        location: location ? { latitude: location.latitude, longitude: location.longitude } : null,
        idempotencyKey: key.current,
      },
    });
    setSending(false);
    if (!result.data) return setProblem(result.errors[0].message);
    void Taro.redirectTo({ url: `/pages/consultations/index?id=${encodeURIComponent(result.data.askQuestion.id)}` });
  }

  const categories: ConsultationCategory[] = legalAid ? ['LEGAL_AID'] : ['CONSULT', 'COMPLAINT'];
  return (
    <Screen title={legalAid ? ['法律援助咨询', 'Legal aid'] : TITLE} className='form ask'>
      {legalAid ? (
        <Text className='ask__context'>
          {t('法律援助中心律师将通过12345答复您的问题。', 'A legal aid lawyer will answer you through 12345.')}
        </Text>
      ) : (
        <Text className='ask__context'>
          {t(
            '12345热线的答复会发到“消息”，也可在“我的咨询”中查看。',
            'The 12345 hotline’s answer comes to Messages; you can also find it in My questions.',
          )}
        </Text>
      )}
      {serviceId || applicationNumber ? (
        <Text className='ask__context'>
          {applicationNumber
            ? t(`关于办件 ${applicationNumber}`, `About application ${applicationNumber}`)
            : t('关于您正在查看的服务', 'About the service you were viewing')}
        </Text>
      ) : null}
      {categories.length > 1 ? (
        <View className='ask__categories' role='radiogroup' aria-label={t('类型', 'Kind')}>
          {categories.map((c) => (
            <View
              key={c}
              className={`ask__category${c === category ? ' ask__category--on' : ''}`}
              role='radio'
              aria-checked={c === category}
              onClick={() => setCategory(c)}
            >
              <Text>{categoryLabel(c)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Textarea
        className='ask__question'
        aria-label={t('您的问题', 'Your question')}
        placeholder={t('请描述您的问题（5至500字）', 'Describe your question (5 to 500 characters)')}
        maxlength={500}
        value={question}
        onInput={(e) => setQuestion(e.detail.value)}
      />
      {photo ? (
        <Image
          className='file-field__preview'
          src={photo.preview}
          aria-label={t('照片预览', 'Photo preview')}
          nativeProps={{ alt: t('照片预览', 'Photo preview') }}
        />
      ) : null}
      <ActionButton
        className='secondary-button ask__photo'
        label={
          photo?.uploading
            ? t('上传中…', 'Uploading…')
            : photo
              ? t('重新选择照片', 'Choose another photo')
              : t('添加照片（可选）', 'Add a photo (optional)')
        }
        disabled={photo?.uploading}
        onClick={() => void choosePhoto()}
      />
      <ActionButton
        className='secondary-button ask__locate'
        label={
          location ? t('✓ 已添加位置', '✓ Location added') : t('添加我的位置（可选）', 'Add my location (optional)')
        }
        onClick={() => void locate()}
      />
      {problem ? <Notice kind='error'>{problem}</Notice> : null}
      <ActionButton
        className='primary-button ask__send'
        label={sending ? t('正在提交…', 'Sending…') : t('提交', 'Send')}
        disabled={sending || photo?.uploading}
        onClick={() => void send()}
      />
      <ActionButton
        className='secondary-button'
        label={t('我的咨询', 'My questions')}
        onClick={() => void Taro.navigateTo({ url: '/pages/consultations/index' })}
      />
      <ActionButton
        className='secondary-button'
        label={t('返回', 'Back')}
        onClick={() => goBack('/pages/home/index')}
      />
    </Screen>
  );
}
