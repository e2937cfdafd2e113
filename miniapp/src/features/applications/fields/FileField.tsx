import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { authedUpload } from '../../identity/session';
import { ActionButton } from '../../../components/ActionButton';
import { t } from '../../../preferences';
import { formatBytes } from '../labels';
import { fieldLabel } from '../formModel';
import { acceptsImages, photoProblem, pickPhoto } from '../photos';
import { FieldShell, type FieldProps } from './FieldShell';

interface UploadState {
  uploading: boolean;
  /** Percent sent, when the platform reports it. */
  percent: number | null;
  /** The local photo, shown while this page lives (a restored draft has only the upload id). */
  preview: string | null;
  /** Why the last photo was not taken, in words. */
  problem: string | null;
}

/**
 * A photo attached to the form: checked for type and size on the phone first, then
 * uploaded through the BFF (which strips its metadata); the answer is the upload id.
 */
export function FileField({
  field,
  value,
  error,
  onChange,
  onTouch,
  onUploading,
}: FieldProps & { onUploading: (busy: boolean) => void }) {
  const [upload, setUpload] = useState<UploadState>({ uploading: false, percent: null, preview: null, problem: null });

  async function choose() {
    const photo = await pickPhoto();
    if (!photo) return onTouch();
    const problem = photoProblem(photo, field);
    if (problem) {
      setUpload((u) => ({ ...u, problem }));
      return onTouch();
    }
    setUpload({ uploading: true, percent: null, preview: photo.path, problem: null });
    onUploading(true);
    const result = await authedUpload(photo.path, (percent) => setUpload((u) => ({ ...u, percent })));
    onUploading(false);
    if (result.data) {
      onChange(result.data.id);
      setUpload({ uploading: false, percent: null, preview: photo.path, problem: null });
    } else {
      setUpload({ uploading: false, percent: null, preview: null, problem: result.errors[0].message });
    }
    onTouch();
  }

  if (!acceptsImages(field.accept)) {
    return (
      <FieldShell field={field} error={error}>
        <Text className='field__note'>
          {t(
            '此项材料暂不支持在手机上选择，请到政务服务网上传或到窗口提交。',
            'This document cannot be chosen on a phone yet. Upload it on the government services website or hand it in at a service counter.',
          )}
        </Text>
      </FieldShell>
    );
  }

  const progress = upload.percent !== null ? ` ${upload.percent}%` : '';
  const label = upload.uploading
    ? t(`上传中…${progress}`, `Uploading…${progress}`)
    : value
      ? t('重新选择', 'Choose again')
      : t('拍照或选择照片', 'Take or choose a photo');
  const name = fieldLabel(field);
  const types = (field.accept ?? []).map((type) => type.replace('image/', '').toUpperCase());
  return (
    <FieldShell
      field={field}
      error={upload.problem ?? error}
      note={
        field.maxBytes
          ? t(
              `支持 ${types.join('、')}，不超过 ${formatBytes(field.maxBytes)}`,
              `${types.join(' or ')}, up to ${formatBytes(field.maxBytes)}`,
            )
          : null
      }
    >
      {upload.preview && (value || upload.uploading) ? (
        <Image
          className='file-field__preview'
          src={upload.preview}
          mode='aspectFill'
          aria-label={t(`${name}预览`, `${name}: preview`)}
          nativeProps={{ alt: t(`${name}预览`, `${name}: preview`) }}
        />
      ) : null}
      {value && !upload.uploading ? (
        <View className='file-field__done' role='status'>
          <Text>{t('✓ 已上传', '✓ Uploaded')}</Text>
        </View>
      ) : null}
      {upload.uploading ? (
        <View
          className='file-field__progress'
          role='progressbar'
          aria-valuenow={upload.percent ?? undefined}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label={t(`${name}上传进度`, `${name}: upload progress`)}
        >
          <View className='file-field__bar' style={{ width: `${upload.percent ?? 10}%` }} />
        </View>
      ) : null}
      <View className='file-field__actions'>
        <ActionButton
          className='secondary-button file-field__choose'
          label={label}
          onClick={() => void choose()}
          disabled={upload.uploading}
        />
        {value && !upload.uploading ? (
          <ActionButton
            className='secondary-button file-field__remove'
            label={t('删除照片', 'Remove photo')}
            onClick={() => {
              onChange('');
              setUpload((u) => ({ ...u, preview: null }));
            }}
          />
        ) : null}
      </View>
    </FieldShell>
  );
}
