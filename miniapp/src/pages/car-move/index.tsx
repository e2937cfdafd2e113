import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Image, Input, Text, View } from '@tarojs/components';
import { MyCarMoveRequestsDocument, RequestCarMoveDocument, errorMessage, validatePlate, type CarMoveFieldsFragment, type CarMoveReason } from '@citizen/shared';
import { authed, authedUpload, cachedMe } from '../../features/identity/session';
import { stepUpUrl } from '../../features/identity/levels';
import { PlateBoxes, PlateKeyboard } from '../../features/car-move/PlateKeyboard';
import { REASON_LABELS, reasonLabel, statusLabel } from '../../features/car-move/labels';
import { usePreferences, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { useDialogs } from '../../components/dialogs';
import '../../components/form.scss';
import '../../features/car-move/car-move.scss';

/** A key per form, kept across retries of the same send: a double tap or a retry makes one request. */
const newKey = () => `cm-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
const TITLE = ['一键挪车', 'Move a blocking car'] as const;

/** 一键挪车: plate, reason, place; the owner is told without anyone's number being shown. */
export default function CarMovePage() {
  const t = useT();
  const { locale } = usePreferences();
  const dialogs = useDialogs();
  const [plate, setPlate] = useState('');
  const [newEnergy, setNewEnergy] = useState(false);
  const [keyboard, setKeyboard] = useState(true);
  const [reason, setReason] = useState<CarMoveReason>('BLOCKING_EXIT');
  const [place, setPlace] = useState('');
  const [key, setKey] = useState(newKey);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [history, setHistory] = useState<CarMoveFieldsFragment[]>([]);
  const [photo, setPhoto] = useState<{ path: string; id: string | null; uploading: boolean } | null>(null);

  async function addPhoto() {
    try {
      const { tempFilePaths } = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
      setPhoto({ path: tempFilePaths[0], id: null, uploading: true });
      const uploaded = await authedUpload(tempFilePaths[0]);
      if (uploaded.data) setPhoto({ path: tempFilePaths[0], id: uploaded.data.id, uploading: false });
      else {
        setPhoto(null);
        setError({ field: 'photo', message: uploaded.errors[0].message });
      }
    } catch {
      // The citizen closed the picker: nothing to do.
    }
  }

  useDidShow(() => {
    void authed(MyCarMoveRequestsDocument, {}).then((r) => r.data && setHistory(r.data.myCarMoveRequests));
  });

  async function locate() {
    try {
      const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' });
      setPlace(t(`当前位置附近（${latitude.toFixed(4)}, ${longitude.toFixed(4)}）`, `Near my location (${latitude.toFixed(4)}, ${longitude.toFixed(4)})`));
    } catch {
      setError({ field: 'place', message: t('无法获取位置，请手动填写', 'Could not get your location. Please type the place.') });
    }
  }

  async function send() {
    setKeyboard(false);
    const checked = validatePlate(plate);
    if (!checked.ok) return setError({ field: 'plate', message: errorMessage(checked.problem, locale) });
    const confirmed = await dialogs.confirm({
      title: t('确认通知车主', 'Tell the owner?'),
      content: t(`将以短信通知 ${checked.plate} 的车主挪车，不会透露您的身份和号码。`, `The owner of ${checked.plate} will get an SMS asking them to move the car. Your name and number are not shown.`),
      confirmText: t('发送', 'Send'),
    });
    if (!confirmed) return;
    setSending(true);
    setError(null);
    const result = await authed(RequestCarMoveDocument, { input: { plate: checked.plate, reason, place: place.trim() || null, photoId: photo?.id ?? null, idempotencyKey: key } });
    setSending(false);
    if (!result.data) {
      const e = result.errors[0];
      if (e.code === 'ASSURANCE_LEVEL_TOO_LOW') {
        const url = stepUpUrl(2, cachedMe(), '/pages/car-move/index');
        if (url) void Taro.navigateTo({ url });
        return;
      }
      // A network failure keeps the key: sending again is the same request, not a second one.
      return setError({ field: e.field, message: e.message });
    }
    setKey(newKey());
    setPlate('');
    setPhoto(null);
    void Taro.navigateTo({ url: `/pages/car-move-status/index?id=${result.data.requestCarMove.id}` });
  }

  return (
    <Screen title={TITLE} className='form'>
      <Text className='form__intro'>{t('输入挡路车辆的车牌，我们会通过交管车驾管系统短信通知车主，双方号码互不可见。', 'Type the plate of the car in your way. We tell its owner by SMS through the traffic police system; neither of you sees the other’s number.')}</Text>
      {error && !['plate', 'place', 'photo'].includes(error.field ?? '') ? <Notice kind='error'>{error.message}</Notice> : null}
      <View className='field'>
        <Text className='field__label'>{t('车牌号', 'Plate number')}</Text>
        <PlateBoxes value={plate} newEnergy={newEnergy} onTap={() => setKeyboard(true)} />
        <View className='toggle' role='switch' aria-checked={newEnergy} aria-label={t('新能源车牌', 'New-energy plate')} onClick={() => { setNewEnergy(!newEnergy); setPlate(plate.slice(0, newEnergy ? 7 : 8)); }}>
          <Text>{newEnergy ? '☑' : '☐'} {t('新能源车牌（8位）', 'New-energy plate (8 characters)')}</Text>
        </View>
        {error?.field === 'plate' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      <View className='field'>
        <Text className='field__label'>{t('原因', 'Reason')}</Text>
        <View className='reasons' role='radiogroup' aria-label={t('原因', 'Reason')}>
          {(Object.keys(REASON_LABELS) as CarMoveReason[]).map((r) => (
            <View key={r} className={`reasons__item${reason === r ? ' reasons__item--selected' : ''}`} role='radio' aria-checked={reason === r} aria-label={reasonLabel(r)} onClick={() => setReason(r)}>
              {/* The chosen reason is marked ● as well as coloured. */}
              <Text>{reason === r ? '● ' : '○ '}{reasonLabel(r)}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className='field'>
        <Text className='field__label'>{t('位置（选填，会告诉车主）', 'Place (optional; the owner is told)')}</Text>
        <View className='field__row'>
          <Input className='field__input field__input--grow place-input' value={place} maxlength={100} placeholder={t('如：天河路123号地库出口', 'e.g. car park exit, 123 Tianhe Road')} onInput={(e) => setPlace(e.detail.value)} onFocus={() => setKeyboard(false)} aria-label={t('位置', 'Place')} />
          <ActionButton className='secondary-button' label={t('定位', 'Locate me')} onClick={() => void locate()} />
        </View>
        {error?.field === 'place' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      <View className='field'>
        <Text className='field__label'>{t('现场照片（选填，会去除照片中的位置等信息）', 'Photo (optional; location data is removed from it)')}</Text>
        {photo ? <Image className='photo-preview' src={photo.path} mode='aspectFill' aria-label={t('现场照片', 'Photo of the scene')} /> : null}
        <ActionButton className='secondary-button' label={photo?.uploading ? t('正在上传…', 'Uploading…') : photo ? t('重新选择照片', 'Choose another photo') : t('添加照片', 'Add a photo')} onClick={() => void addPhoto()} disabled={photo?.uploading} />
        {error?.field === 'photo' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      {dialogs.view}
      <ActionButton className='primary-button' label={t('通知车主挪车', 'Tell the owner')} onClick={() => void send()} loading={sending} disabled={sending || photo?.uploading} />
      {history.length > 0 ? (
        <View className='history'>
          <Text className='field__label'>{t('我的挪车记录', 'My car-moving requests')}</Text>
          {history.map((h) => (
            <View key={h.id} className='history__item' role='button' aria-label={`${h.maskedPlate} ${statusLabel(h.status)}`} onClick={() => void Taro.navigateTo({ url: `/pages/car-move-status/index?id=${h.id}` })}>
              <Text>{h.role === 'OWNER' ? t('我的车 ', 'My car ') : ''}{h.maskedPlate}</Text>
              <Text className='timeline__time'>{statusLabel(h.status)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {keyboard ? <PlateKeyboard value={plate} newEnergy={newEnergy} onChange={(update) => { setPlate(update); setError(null); }} onDone={() => setKeyboard(false)} /> : null}
    </Screen>
  );
}
