import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import {
  MyCarMoveRequestsDocument,
  PLACE_MAX_LENGTH,
  PLATE_TYPES,
  RequestCarMoveDocument,
  errorMessage,
  plateTypesFor,
  validatePlace,
  validatePlateWithType,
  type CarMoveFieldsFragment,
  type CarMoveReason,
  type PlateTypeName,
} from '@citizen/shared';
import { authed, cachedMe } from '../../features/identity/session';
import { stepUpUrl } from '../../features/identity/levels';
import { PlateBoxes, PlateKeyboard } from '../../features/car-move/PlateKeyboard';
import {
  LocationPicker,
  ScenePhotos,
  type ScenePhoto,
  type SceneLocation,
} from '../../features/car-move/SceneEvidence';
import { REASON_LABELS, plateTypeLabel, reasonLabel, statusLabel } from '../../features/car-move/labels';
import { usePreferences, useT } from '../../preferences';
import { ActionButton } from '../../components/ActionButton';
import { FieldError, Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { useDialogs } from '../../components/dialogs';
import { pressable } from '../../components/pressable';
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
  const [keyboard, setKeyboard] = useState(true);
  // 号牌种类, picked by the plate's colour: the register keys a vehicle by plate and type.
  const [plateType, setPlateType] = useState<PlateTypeName>('SMALL');
  const [reason, setReason] = useState<CarMoveReason>('BLOCKING_EXIT');
  const [place, setPlace] = useState('');
  // Required scene evidence (as 交管12123 asks): where the car is — the BFF tells the owner only
  // the district — and 1–3 photos.
  const [coords, setCoords] = useState<SceneLocation | null>(null);
  const [photos, setPhotos] = useState<ScenePhoto[]>([]);
  // Urgent: the SMS ignores the owner's quiet hours. A blocked exit is always urgent.
  const [urgentMarked, setUrgentMarked] = useState(false);
  const [key, setKey] = useState(newKey);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [history, setHistory] = useState<CarMoveFieldsFragment[]>([]);
  const uploading = photos.some((p) => !p.id);
  const urgent = urgentMarked || reason === 'BLOCKING_EXIT';
  /** Sets or clears the error of one field (a field's own error only: another field's stays). */
  const fieldError = (field: string) => (message: string | null) =>
    setError((previous) => (message ? { field, message } : previous?.field === field ? null : previous));

  useDidShow(() => {
    void authed(MyCarMoveRequestsDocument, {}).then((r) => r.data && setHistory(r.data.myCarMoveRequests));
  });

  /** The same rule the BFF applies (shared/src/validators/place.ts), shown as the person types. */
  function changePlace(value: string) {
    setPlace(value);
    const checked = validatePlace(value);
    if (!checked.ok) setError({ field: 'place', message: errorMessage(checked.problem, locale) });
    else if (error?.field === 'place') setError(null);
  }

  /** A finished plate only one type can carry (8 characters, …挂, …学) picks that type; blue or yellow stays the person's choice. */
  function followPlate() {
    const possible = plateTypesFor(plate);
    if (possible.length === 1 && possible[0] !== plateType) setPlateType(possible[0]);
  }

  async function send() {
    setKeyboard(false);
    // Characters only one type can carry (8 characters, …挂, …学) decide it, even if 完成 was never tapped.
    const possible = plateTypesFor(plate);
    const type = possible.length === 1 ? possible[0] : plateType;
    if (type !== plateType) setPlateType(type);
    const checked = validatePlateWithType(plate, type);
    if (!checked.ok)
      return setError({
        field: checked.problem.startsWith('PLATE_TYPE') ? 'plateType' : 'plate',
        message: errorMessage(checked.problem, locale),
      });
    const placeChecked = validatePlace(place);
    if (!placeChecked.ok) return setError({ field: 'place', message: errorMessage(placeChecked.problem, locale) });
    if (!coords) return setError({ field: 'location', message: errorMessage('CAR_MOVE_LOCATION_REQUIRED', locale) });
    if (photos.length === 0)
      return setError({ field: 'photos', message: errorMessage('CAR_MOVE_PHOTOS_REQUIRED', locale) });
    const confirmed = await dialogs.confirm({
      title: t('确认通知车主', 'Tell the owner?'),
      content: t(
        `将以短信通知 ${checked.plate} 的车主挪车，不会透露您的身份和号码。`,
        `The owner of ${checked.plate} will get an SMS asking them to move the car. Your name and number are not shown.`,
      ),
      confirmText: t('发送', 'Send'),
    });
    if (!confirmed) return;
    setSending(true);
    setError(null);
    const result = await authed(RequestCarMoveDocument, {
      input: {
        plate: checked.plate,
        plateType: checked.plateType,
        reason,
        place: placeChecked.value,
        latitude: coords.latitude,
        longitude: coords.longitude,
        photoIds: photos.map((p) => p.id!),
        urgent,
        idempotencyKey: key,
      },
    });
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
    setPhotos([]);
    setCoords(null);
    setUrgentMarked(false);
    void Taro.navigateTo({ url: `/pages/car-move-status/index?id=${result.data.requestCarMove.id}` });
  }

  return (
    <Screen title={TITLE} className='form'>
      <Text className='form__intro'>
        {t(
          '输入挡路车辆的车牌，我们会通过交管车驾管系统短信通知车主，双方号码互不可见。',
          'Type the plate of the car in your way. We tell its owner by SMS through the traffic police system; neither of you sees the other’s number.',
        )}
      </Text>
      {error &&
      !['plate', 'plateType', 'place', 'location', 'photos', 'photoIds', 'photoId'].includes(error.field ?? '') ? (
        <Notice kind='error'>{error.message}</Notice>
      ) : null}
      <View className='field'>
        <Text className='field__label'>{t('车牌号', 'Plate number')}</Text>
        <PlateBoxes value={plate} onTap={() => setKeyboard(true)} colour={PLATE_TYPES[plateType].colour} />
        <Text className='field__hint'>
          {t('新能源车牌请输满8位，其余车牌7位', 'New-energy plates have 8 characters, others 7')}
        </Text>
        {error?.field === 'plate' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      <View className='field'>
        <Text className='field__label'>{t('号牌种类（看车牌颜色）', 'Plate type (by the plate’s colour)')}</Text>
        <View className='plate-types' role='radiogroup' aria-label={t('号牌种类', 'Plate type')}>
          {(Object.keys(PLATE_TYPES) as PlateTypeName[]).map((type) => (
            <View
              key={type}
              className={`plate-types__item${plateType === type ? ' plate-types__item--selected' : ''}`}
              {...pressable(() => {
                setPlateType(type);
                if (error?.field === 'plateType') setError(null);
              })}
              role='radio'
              aria-checked={plateType === type}
              data-plate-type={type}
            >
              <View className={`plate-types__swatch plate-types__swatch--${PLATE_TYPES[type].colour}`} />
              <Text>
                {plateType === type ? '● ' : '○ '}
                {plateTypeLabel(type)}
              </Text>
            </View>
          ))}
        </View>
        {error?.field === 'plateType' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      <View className='field'>
        <Text className='field__label'>{t('原因', 'Reason')}</Text>
        <View className='reasons' role='radiogroup' aria-label={t('原因', 'Reason')}>
          {(Object.keys(REASON_LABELS) as CarMoveReason[]).map((r) => (
            <View
              key={r}
              className={`reasons__item${reason === r ? ' reasons__item--selected' : ''}`}
              {...pressable(() => setReason(r))}
              role='radio'
              aria-checked={reason === r}
            >
              {/* The chosen reason is marked ● as well as coloured. */}
              <Text>
                {reason === r ? '● ' : '○ '}
                {reasonLabel(r)}
              </Text>
            </View>
          ))}
        </View>
      </View>
      <View className='field'>
        <Text className='field__label'>
          {t('位置说明（选填，会告诉车主）', 'Where, in words (optional; the owner is told)')}
        </Text>
        <Input
          className='field__input place-input'
          value={place}
          maxlength={PLACE_MAX_LENGTH}
          placeholder={t('如：天河路123号地库出口', 'e.g. car park exit, 123 Tianhe Road')}
          onInput={(e) => changePlace(e.detail.value)}
          onFocus={() => setKeyboard(false)}
          aria-label={t('位置说明', 'Where, in words')}
          aria-invalid={error?.field === 'place'}
        />
        <Text className='field__hint'>
          {coords && !place.trim()
            ? t('不填写时，将告诉车主所在的区县。', 'Left empty, the owner is told the district.')
            : t(
                `最多${PLACE_MAX_LENGTH}字；不能填写网址或电话号码。`,
                `Up to ${PLACE_MAX_LENGTH} characters; no links or phone numbers.`,
              )}
        </Text>
        {error?.field === 'place' ? <FieldError>{error.message}</FieldError> : null}
      </View>
      <LocationPicker
        value={coords}
        onChange={setCoords}
        error={error?.field === 'location' ? error.message : undefined}
        onError={fieldError('location')}
      />
      <ScenePhotos
        photos={photos}
        onChange={setPhotos}
        error={['photos', 'photoIds', 'photoId'].includes(error?.field ?? '') ? error!.message : undefined}
        onError={fieldError('photos')}
      />
      <View className='field'>
        <View
          className={`reasons__item${urgent ? ' reasons__item--selected' : ''}`}
          {...pressable(() => {
            if (reason !== 'BLOCKING_EXIT') setUrgentMarked(!urgentMarked);
          })}
          role='checkbox'
          aria-checked={urgent}
          aria-disabled={reason === 'BLOCKING_EXIT'}
        >
          <Text>
            {urgent ? '☑ ' : '☐ '}
            {t('紧急，无法等待', 'Urgent: I cannot wait')}
          </Text>
        </View>
        <Text className='field__hint'>
          {reason === 'BLOCKING_EXIT'
            ? t(
                '挡住出口的请求总是紧急的：即使车主设置了免打扰，也会立即短信通知。',
                'A blocked exit is always urgent: the owner is texted at once, even in their quiet hours.',
              )
            : t(
                '车主设置免打扰时，非紧急请求会先在应用内通知，短信在免打扰结束后发送。',
                'If the owner set quiet hours, a request that is not urgent reaches them in the app first; the SMS waits until the quiet hours end.',
              )}
        </Text>
      </View>
      {dialogs.view}
      <ActionButton
        className='primary-button'
        label={t('通知车主挪车', 'Tell the owner')}
        onClick={() => void send()}
        loading={sending}
        disabled={sending || uploading}
      />
      {history.length > 0 ? (
        <View className='history'>
          <Text className='field__label'>{t('我的挪车记录', 'My car-moving requests')}</Text>
          {history.map((h) => (
            <View
              key={h.id}
              className='history__item'
              {...pressable(() => void Taro.navigateTo({ url: `/pages/car-move-status/index?id=${h.id}` }))}
            >
              <Text>
                {h.role === 'OWNER' ? t('我的车 ', 'My car ') : ''}
                {h.maskedPlate}
              </Text>
              <Text className='timeline__time'>{statusLabel(h.status)}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {/* The owner's side (issue 21): their vehicles, 挪车码 and the requests about them. */}
      <ActionButton
        className='secondary-button car-move__vehicles'
        label={t('我的车辆与挪车码', 'My vehicles and car-moving codes')}
        onClick={() => void Taro.navigateTo({ url: '/car-owner/pages/vehicles/index' })}
      />
      {keyboard ? (
        <PlateKeyboard
          value={plate}
          onChange={(update) => {
            setPlate(update);
            setError(null);
          }}
          onDone={() => {
            setKeyboard(false);
            followPlate();
          }}
        />
      ) : null}
    </Screen>
  );
}
