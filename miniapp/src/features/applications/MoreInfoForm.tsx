import { useRef, useState } from 'react';
import { Image, Text, Textarea, View } from '@tarojs/components';
import { AnswerInformationRequestDocument, type ApplicationFieldsFragment } from '@citizen/shared';
import { authed, authedUpload } from '../identity/session';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import { heldKey, moreInfoScope, releaseKey } from './submissionKey';
import { photoProblem, pickPhoto } from './photos';
import { t } from '../../preferences';
import { localized } from '../../preferences/format';
import './applications.scss';
import '../../components/form.scss';

export const NOTE_MAX = 500;
/** The BFF takes up to 9 uploads with an answer. */
export const PHOTOS_MAX = 9;
/** What POST /uploads accepts. */
const PHOTO_LIMITS = { accept: ['image/jpeg', 'image/png'], maxBytes: 5 * 1024 * 1024 };

interface Photo {
  path: string;
  id: string | null;
  percent: number | null;
}

/**
 * The answer to a department's request for more: a note and, if asked, photos. Sent
 * once with its own stored idempotency key (a retry after a network error is the
 * same answer, not a second one).
 */
export function MoreInfoForm({
  application,
  onAnswered,
}: {
  application: ApplicationFieldsFragment;
  onAnswered: (updated: ApplicationFieldsFragment) => void;
}) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [errors, setErrors] = useState<{ note?: string; photos?: string; form?: string }>({});
  const [sending, setSending] = useState(false);
  const sendingNow = useRef(false);
  const uploading = photos.some((p) => p.id === null);
  const asking = application.departments.filter((d) => d.status === 'MORE_INFO_REQUESTED');

  async function addPhoto() {
    const photo = await pickPhoto();
    if (!photo) return;
    const problem = photoProblem(photo, PHOTO_LIMITS);
    if (problem) return setErrors((e) => ({ ...e, photos: problem }));
    setErrors((e) => ({ ...e, photos: undefined }));
    setPhotos((list) => [...list, { path: photo.path, id: null, percent: null }]);
    const update = (change: Partial<Photo> | null) =>
      setPhotos((list) =>
        change
          ? list.map((p) => (p.path === photo.path ? { ...p, ...change } : p))
          : list.filter((p) => p.path !== photo.path),
      );
    const uploaded = await authedUpload(photo.path, (percent) => update({ percent }));
    if (uploaded.data) update({ id: uploaded.data.id });
    else {
      update(null);
      setErrors((e) => ({ ...e, photos: uploaded.errors[0].message }));
    }
  }

  async function send() {
    if (sendingNow.current) return;
    const text = note.trim();
    if (text.length < 1) return setErrors({ note: t('请说明您补充的内容', 'Please say what you are adding') });
    if (text.length > NOTE_MAX)
      return setErrors({ note: t(`说明不能超过 ${NOTE_MAX} 字`, `At most ${NOTE_MAX} characters, please`) });
    sendingNow.current = true;
    setSending(true);
    setErrors({});
    const scope = moreInfoScope(application.id);
    const result = await authed(AnswerInformationRequestDocument, {
      applicationId: application.id,
      note: text,
      uploadIds: photos.map((p) => p.id!).filter(Boolean),
      idempotencyKey: heldKey(scope),
    });
    sendingNow.current = false;
    setSending(false);
    if (result.data) {
      releaseKey(scope);
      setNote('');
      setPhotos([]);
      return onAnswered(result.data.answerInformationRequest);
    }
    const error = result.errors[0];
    if (error.field === 'note') return setErrors({ note: error.message });
    if (error.field === 'uploadIds') return setErrors({ photos: error.message });
    setErrors({
      form: `${error.message}${error.code === 'NETWORK_ERROR' ? t('。再次点击“提交补充材料”不会重复提交。', ' Tapping “Send” again will not send it twice.') : ''}`,
    });
  }

  return (
    <View className='more-info'>
      <Text className='more-info__title'>{t('需要您补充材料', 'More information is needed')}</Text>
      {application.statusReason ? <Text className='more-info__reason'>{application.statusReason}</Text> : null}
      {asking.length > 1 || (asking.length === 1 && asking[0].reason && asking[0].reason !== application.statusReason)
        ? asking.map((d) => (
            <Text key={d.department.code} className='more-info__reason'>
              {localized(d.department.name, d.department.nameEn)}
              {t('：', ': ')}
              {d.reason ?? t('请补充材料', 'Please add the documents asked for')}
            </Text>
          ))
        : null}
      {errors.form ? <Notice kind='error'>{errors.form}</Notice> : null}
      <View className='field field--moreInfoNote'>
        <Text className='field__label'>{t('补充说明（必填）', 'What you are adding (required)')}</Text>
        <Textarea
          className='field__textarea more-info__note'
          value={note}
          maxlength={NOTE_MAX}
          placeholder={t(
            '请说明补充的内容，如：已上传新的租赁合同照片',
            'e.g. I have uploaded page 2 of the tenancy contract',
          )}
          onInput={(e) => setNote(e.detail.value)}
          aria-label={t('补充说明', 'What you are adding')}
        />
        <Text className='field__note'>
          {note.trim().length}/{NOTE_MAX}
        </Text>
        {errors.note ? <FieldError>{errors.note}</FieldError> : null}
      </View>
      <View className='field field--moreInfoPhotos'>
        <Text className='field__label'>
          {t(
            `照片（选填，最多 ${PHOTOS_MAX} 张，JPG 或 PNG，每张不超过 5 MB）`,
            `Photos (optional, up to ${PHOTOS_MAX}, JPG or PNG, 5 MB each at most)`,
          )}
        </Text>
        <View className='more-info__photos'>
          {photos.map((photo, i) => (
            <View key={photo.path} className='more-info__photo'>
              <Image
                className='more-info__thumb'
                src={photo.path}
                mode='aspectFill'
                aria-label={t(`第 ${i + 1} 张照片`, `Photo ${i + 1}`)}
                nativeProps={{ alt: t(`第 ${i + 1} 张照片`, `Photo ${i + 1}`) }}
              />
              <Text className='more-info__photo-state'>
                {photo.id
                  ? t('✓ 已上传', '✓ Uploaded')
                  : t(
                      `上传中…${photo.percent !== null ? ` ${photo.percent}%` : ''}`,
                      `Uploading…${photo.percent !== null ? ` ${photo.percent}%` : ''}`,
                    )}
              </Text>
              {photo.id ? (
                <ActionButton
                  className='secondary-button more-info__remove'
                  label={t(`删除第 ${i + 1} 张照片`, `Remove photo ${i + 1}`)}
                  onClick={() => setPhotos((list) => list.filter((p) => p.path !== photo.path))}
                />
              ) : null}
            </View>
          ))}
        </View>
        {photos.length < PHOTOS_MAX ? (
          <ActionButton
            className='secondary-button more-info__add'
            label={t('添加照片', 'Add a photo')}
            onClick={() => void addPhoto()}
            disabled={sending}
          />
        ) : null}
        {errors.photos ? <FieldError>{errors.photos}</FieldError> : null}
      </View>
      <ActionButton
        className='primary-button more-info__submit'
        label={sending ? t('正在提交…', 'Sending…') : t('提交补充材料', 'Send')}
        onClick={() => void send()}
        disabled={sending || uploading}
      />
    </View>
  );
}
