import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import {
  CarMoveCodeNoticeDocument,
  NotifyByCarMoveCodeDocument,
  ScanCarMoveCodeDocument,
  type CarMoveCodeNoticeFieldsFragment,
  type CarMoveReason,
  type ScanCarMoveCodeQuery,
} from '@citizen/shared';
import { graphql, type ApiError } from '../../../api/client';
import {
  REASON_LABELS,
  clock,
  plateTypeLabel,
  reasonLabel,
  statusLabel,
  OPEN_STATUSES,
} from '../../../features/car-move/labels';
import { noticeKey, scannerDevice, tokenFromParams, uploadScenePhoto } from '../../../features/car-move-codes/scanner';
import { useT } from '../../../preferences';
import { ActionButton } from '../../../components/ActionButton';
import { FieldError, Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { Loading } from '../../../components/StateView';
import { Icon } from '../../../components/Icon';
import { pressable } from '../../../components/pressable';
import '../../../components/form.scss';
import '../../../features/car-move/car-move.scss';
import '../../../features/car-move-codes/car-move-codes.scss';

const TITLE = ['挪车码', 'Car-moving code'] as const;
/** Codes whose failure is the code's state, not the network's: no retry, what to do instead. */
const FINAL = ['CAR_MOVE_CODE_INVALID', 'CAR_MOVE_CODE_PAUSED'];

/**
 * The page a 挪车码 opens, for anyone — no sign-in. It shows the car (colour and model,
 * never the plate or anything of the owner's), asks for a reason and an optional photo,
 * and tells the owner; then it follows the notice until the owner answers.
 */
export default function CarMoveCodeScanPage() {
  const t = useT();
  const { params } = useRouter();
  const token = tokenFromParams(params);
  const [code, setCode] = useState<ScanCarMoveCodeQuery['scanCarMoveCode'] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reason, setReason] = useState<CarMoveReason>('BLOCKING_EXIT');
  const [photo, setPhoto] = useState<{ path: string; id: string | null } | null>(null);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [key, setKey] = useState(noticeKey);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [notice, setNotice] = useState<CarMoveCodeNoticeFieldsFragment | null>(null);

  async function load() {
    setError(null);
    if (!token) {
      setError({
        code: 'CAR_MOVE_CODE_INVALID',
        message: t(
          '这个挪车码已失效，请拨打122或联系物业',
          'This car-moving code is no longer valid. Please call 122 or the property management.',
        ),
      } as ApiError);
      return;
    }
    const result = await graphql(ScanCarMoveCodeDocument, { token });
    if (result.data) setCode(result.data.scanCarMoveCode);
    else setError(result.errors[0]);
  }
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per code: a language change must not scan it again
  }, [token]);

  // While the owner has not answered, look again every 15 seconds.
  useEffect(() => {
    if (!notice || !OPEN_STATUSES.includes(notice.status) || notice.status === 'ACKNOWLEDGED') return undefined;
    const timer = setInterval(() => void refresh(), 15_000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restarted on a new status only; refresh needs just the follow token, which every notice of this request keeps
  }, [notice?.status]);

  async function refresh() {
    if (!notice) return;
    const result = await graphql(CarMoveCodeNoticeDocument, { followToken: notice.followToken });
    if (result.data) setNotice(result.data.carMoveCodeNotice);
  }

  async function addPhoto() {
    setPhotoError(null);
    try {
      const { tempFilePaths } = await Taro.chooseImage({
        count: 1,
        sizeType: ['compressed'],
        sourceType: ['camera', 'album'],
      });
      setPhoto({ path: tempFilePaths[0], id: null });
      const uploaded = await uploadScenePhoto(token, tempFilePaths[0]);
      if (uploaded.data) setPhoto({ path: tempFilePaths[0], id: uploaded.data.id });
      else {
        setPhoto(null);
        setPhotoError(uploaded.errors[0].message);
      }
    } catch {
      // The picker was closed: nothing to do.
    }
  }

  async function send() {
    setSending(true);
    setSendError(null);
    const result = await graphql(NotifyByCarMoveCodeDocument, {
      input: { token, reason, photoId: photo?.id ?? null, deviceId: scannerDevice(), idempotencyKey: key },
    });
    setSending(false);
    if (result.data) {
      setNotice(result.data.notifyByCarMoveCode);
      setKey(noticeKey());
    } else setSendError(result.errors[0].message);
  }

  const header = (
    <View className='code-scan__brand'>
      <Icon name='shield' color='#ffffff' size={48} />
      <View className='code-scan__names'>
        <Text className='code-scan__service'>{t('城市通 · 挪车码', 'City App · Car-moving code')}</Text>
        <Text className='code-scan__by'>
          {t(
            '无需登录，不显示车主电话，通知由交警车驾管系统发出',
            'No sign-in; the owner’s number is never shown; the traffic police register tells them',
          )}
        </Text>
      </View>
    </View>
  );

  if (error) {
    const final = FINAL.includes(error.code);
    return (
      <Screen title={TITLE} className='form code-scan'>
        {header}
        <Notice kind='error'>{error.message}</Notice>
        {final ? (
          <Text className='form__intro'>
            {t(
              '如车辆堵塞出口或消防通道，请拨打122，交警会联系车主。',
              'If the car blocks an exit or a fire lane, call 122: the traffic police will reach the owner.',
            )}
          </Text>
        ) : null}
        {final ? (
          <ActionButton
            className='primary-button'
            label={t('拨打122', 'Call 122')}
            onClick={() => void Taro.makePhoneCall({ phoneNumber: '122' }).catch(() => undefined)}
          />
        ) : (
          <ActionButton className='primary-button' label={t('重试', 'Try again')} onClick={() => void load()} />
        )}
        <ActionButton
          className='secondary-button'
          label={t('返回首页', 'Go to the home page')}
          onClick={() => void Taro.reLaunch({ url: '/pages/home/index' })}
        />
      </Screen>
    );
  }
  if (!code) {
    return (
      <Screen title={TITLE}>
        {header}
        <Loading />
      </Screen>
    );
  }
  if (notice) {
    const open = OPEN_STATUSES.includes(notice.status);
    return (
      <Screen title={TITLE} className='form code-scan'>
        {header}
        <View className='status-card code-scan__sent' role='status'>
          <Text className='status-card__status'>{statusLabel(notice.status)}</Text>
          {notice.timeline.map((e) => (
            <Text
              key={`${e.status}-${e.at}`}
              className='status-card__line'
            >{`${clock(e.at)} ${statusLabel(e.status)}`}</Text>
          ))}
          {open ? (
            <Text className='status-card__line'>
              {t(
                `车主未回应时，请求将在 ${clock(notice.expiresAt)} 结束；紧急情况请拨打122。`,
                `If the owner does not answer, the notice ends at ${clock(notice.expiresAt)}. If it is urgent, call 122.`,
              )}
            </Text>
          ) : null}
        </View>
        <ActionButton
          className='primary-button code-scan__refresh'
          label={t('刷新状态', 'Check again')}
          onClick={() => void refresh()}
        />
        <ActionButton
          className='secondary-button'
          label={t('返回首页', 'Go to the home page')}
          onClick={() => void Taro.reLaunch({ url: '/pages/home/index' })}
        />
      </Screen>
    );
  }
  return (
    <Screen title={TITLE} className='form code-scan'>
      {header}
      <Text className='form__intro code-scan__vehicle'>
        {t(
          `这辆车：${code.vehicle}（${plateTypeLabel(code.plateType)}）`,
          `This car: ${code.vehicle} (${plateTypeLabel(code.plateType)})`,
        )}
      </Text>
      <View className='field'>
        <Text className='field__label' id='code-scan-reason'>
          {t('原因', 'Reason')}
        </Text>
        <View className='reasons' role='radiogroup' aria-labelledby='code-scan-reason'>
          {(Object.keys(REASON_LABELS) as CarMoveReason[]).map((r) => (
            <View
              key={r}
              className={`reasons__item${reason === r ? ' reasons__item--selected' : ''}`}
              {...pressable(() => setReason(r))}
              role='radio'
              aria-checked={reason === r}
            >
              <Text>
                {reason === r ? '● ' : '○ '}
                {reasonLabel(r)}
              </Text>
            </View>
          ))}
        </View>
      </View>
      <View className='field'>
        <Text className='field__label'>{t('现场照片（可选）', 'Photo of the scene (optional)')}</Text>
        {photo ? (
          <Image
            className='photo-preview'
            src={photo.path}
            mode='aspectFit'
            aria-label={t('现场照片', 'Photo of the scene')}
            nativeProps={{ alt: t('现场照片', 'Photo of the scene') }}
          />
        ) : null}
        {photo && !photo.id ? <Text className='field__hint'>{t('正在上传…', 'Uploading…')}</Text> : null}
        <ActionButton
          className='secondary-button code-scan__photo'
          label={photo ? t('换一张', 'Choose another') : t('拍照或选择照片', 'Take or choose a photo')}
          onClick={() => void addPhoto()}
        />
        {photoError ? <FieldError>{photoError}</FieldError> : null}
      </View>
      {sendError ? <Notice kind='error'>{sendError}</Notice> : null}
      <ActionButton
        className='primary-button code-scan__send'
        label={t('通知车主挪车', 'Ask the owner to move the car')}
        onClick={() => void send()}
        loading={sending}
        disabled={Boolean(photo && !photo.id)}
      />
    </Screen>
  );
}
